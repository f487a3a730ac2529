package cn.shouwang.server.casework;

import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.StandardChanges;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.List;
import org.springframework.stereotype.Service;

/** Answers {@link StandardsApi} from the 标准调整 records (income_line_change, standard_change). */
@Service
class Standards implements StandardsApi {
    private final CaseworkSettingsStore config;
    private final StandardChanges changes;

    Standards(CaseworkSettingsStore config, StandardChanges changes) {
        this.config = config;
        this.changes = changes;
    }

    @Override
    public List<SettingInForce> comparisonSettings(String areaCode, LocalDate asOf) {
        Map<String, StandardChanges.InForce> f = changes.inForce(areaCode, asOf);
        List<SettingInForce> out = new ArrayList<>();
        for (ComparisonSetting s : ComparisonSetting.values()) {
            StandardChanges.InForce x = f.get(s.key());
            // a stored value that is no longer valid (hand-edited) falls back to the default rather than failing a run
            String v = x == null ? null : s.normalise(x.value()).orElse(null);
            out.add(v == null ? new SettingInForce(s, s.defaultValue(), null, true, null)
                    : new SettingInForce(s, v, x.areaCode(), false, x.effectiveFrom()));
        }
        return out;
    }

    @Override
    public List<IncomeLineInForce> incomeLines(String areaCode, LocalDate asOf) {
        return config.applicableLines(areaCode, asOf).entrySet().stream()
                .map(e -> new IncomeLineInForce(e.getKey(), e.getValue().line(), e.getValue().areaCode(),
                        e.getValue().effectiveFrom()))
                .sorted(Comparator.comparingInt(IncomeLineInForce::year)).toList();
    }
}
