package cn.shouwang.server.screening;

import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.ComparisonSetting;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a run's page shows beyond its record (the template asks it, {@code ${@runPage…}}, both for the whole page and
 * for the progress fragment it polls): the live counts of a running run for its progress bars, and the comparison
 * settings the run used (screening V8, {@code screening_run_setting}) in words.
 */
@Component("runPage")
public class RunPage {
    private final RunService runs;
    private final JdbcClient jdbc;
    private final AreaApi areas;

    RunPage(RunService runs, JdbcClient jdbc, AreaApi areas) {
        this.runs = runs;
        this.jdbc = jdbc;
        this.areas = areas;
    }

    /**
     * A running run's counts; {@code phase} what it does now ({@link RunService.Phase}), {@code filesTotal} the
     * department files present, {@code total} households to compare, {@code stored} warnings handed to the database.
     */
    public record Counts(String phase, long households, long householdsTotal, long persons, int filesRead, int filesTotal,
                         long compared, long total, long stored) {
        /** Whole percent of the households compared (0 before the comparison starts). */
        public int comparedPercent() {
            return total == 0 ? 0 : (int) (compared * 100 / total);
        }
    }

    /** The counts of a run this server is running, else null. */
    public @Nullable Counts counts(long runId) {
        RunService.LiveCounts c = runs.counts(runId);
        if (c == null) return null;
        return new Counts(c.phase.name(), c.households.get(), Math.max(c.householdsTotal, c.households.get()), c.persons.get(),
                c.filesRead.get(), c.filesTotal, c.compared.get(), c.total, c.stored.get());
    }

    /** A setting the run used: its key and kind (for the label and unit), value, where it was set (null: default). */
    public record Setting(String key, String kind, String value, boolean isDefault, @Nullable String setBy) {}

    /** The thresholds the run used, in the settings' order; empty for runs before they were kept (screening V8). */
    public List<Setting> settings(long runId) {
        List<Setting> out = new ArrayList<>();
        jdbc.sql("select name, value, area_code, is_default from screening_run_setting where run_id = :r")
                .param("r", runId).query((rs, i) -> {
                    ComparisonSetting s = ComparisonSetting.ofKey(rs.getString(1)).orElse(null);
                    if (s == null || !s.comparison()) return null; // rules off apart; deposits and the choice are casework's
                    String area = rs.getString(3);
                    out.add(new Setting(s.key(), s.kindName(), rs.getString(2), rs.getBoolean(4),
                            rs.getBoolean(4) ? null : area == null ? "" : areas.find(area).map(AreaInfo::name).orElse(area)));
                    return null;
                }).list();
        out.sort(java.util.Comparator.comparingInt(x -> ComparisonSetting.KEYS.indexOf(x.key())));
        return out;
    }

    /** The rules the run left out (codes), from {@code screening_run.rules_off}. */
    public List<String> rulesOff(long runId) {
        String off = jdbc.sql("select rules_off from screening_run where id = :r").param("r", runId).query(String.class)
                .optional().orElse("");
        return ComparisonSetting.rules(off).stream().map(Enum::name).toList();
    }
}
