package cn.shouwang.server.casework.shared;

import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.CaseworkSettings;
import cn.shouwang.core.casework.CodeList;
import cn.shouwang.core.casework.DayCounting;
import cn.shouwang.core.casework.IncomeLines;
import cn.shouwang.core.casework.WorkingCalendar;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the casework settings, code lists and income lines from the database (administrators change them there;
 * no release needed). Read per request: the tables are tiny and a change takes effect at once.
 */
@Repository
public class CaseworkSettingsStore {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final StandardChanges standards;

    CaseworkSettingsStore(JdbcClient jdbc, Clock clock, StandardChanges standards) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.standards = standards;
    }

    /**
     * The settings that may differ per area (table {@code casework_area_setting}); the others are province-wide only
     * (day counting, due-soon days, the holiday calendar, the main risk on the notice), so that a list spanning
     * several counties counts and colours days left one way.
     */
    public static final List<String> PER_AREA = List.of("lead_deadline_days", "min_notice_days", "elimination_min_months",
            "stable_income_months", "min_income_checks", "auto_intake_rules", "recheck_months");

    /** 有序退出: months monitored without the risk eliminated after which a household is listed for a re-check. */
    public static final int RECHECK_MONTHS_DEFAULT = 24;

    /** Locks the province-wide settings rows until the transaction ends: one settings save at a time. */
    public void lockSettings() {
        jdbc.sql("select name from casework_setting for update").query(String.class).list();
    }

    /** The province-wide values (table {@code casework_setting}). */
    public Map<String, String> global() {
        Map<String, String> v = new HashMap<>();
        jdbc.sql("select name, value from casework_setting").query((rs, i) -> v.put(rs.getString(1), rs.getString(2)))
                .list();
        return v;
    }

    /** The values set for one area itself (not inherited), by name. */
    public Map<String, String> own(String areaCode) {
        Map<String, String> v = new TreeMap<>();
        jdbc.sql("select name, value from casework_area_setting where area_code = :a").param("a", areaCode)
                .query((rs, i) -> v.put(rs.getString(1), rs.getString(2))).list();
        return v;
    }

    /** How many settings each area sets for itself, by area code (areas setting none are absent). */
    public Map<String, Integer> ownCounts() {
        Map<String, Integer> v = new HashMap<>();
        jdbc.sql("select area_code, count(*) from casework_area_setting group by area_code")
                .query((rs, i) -> v.put(rs.getString(1), rs.getInt(2))).list();
        return v;
    }

    /** A value in force and where it is set: {@code areaCode} null for the province-wide value. */
    public record InForce(String value, @Nullable String areaCode) {}

    /** The codes of the area's ancestors and itself, province first (12 digits each). */
    public static List<String> lineage(String areaCode) {
        String prefix = Scopes.prefix(areaCode);
        List<String> out = new ArrayList<>();
        for (int len : new int[] {2, 4, 6, 9, 12}) {
            if (len <= prefix.length()) out.add((areaCode.substring(0, len) + "000000000000").substring(0, 12));
        }
        return out;
    }

    /**
     * Per setting, the value in force at an area and where it comes from: the nearest of the area and its ancestors
     * that sets it, else the province-wide value. {@code proposed} replaces the stored rows of one area (an edit being
     * checked before it is saved; a null value there means "inherit"), {@code global} the province-wide values.
     */
    public Map<String, InForce> inForce(String areaCode, Map<String, String> global,
                                 @Nullable String proposedArea, @Nullable Map<String, @Nullable String> proposed) {
        return inForce(areaCode, global, areaRows(lineage(areaCode)), proposedArea, proposed);
    }

    /** The per-area rows of these areas: area code → name → value. */
    private Map<String, Map<String, String>> areaRows(java.util.Collection<String> codes) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        jdbc.sql("select area_code, name, value from casework_area_setting where area_code in (:a)").param("a", codes)
                .query((rs, i) -> rows.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                        rs.getString(3))).list();
        return rows;
    }

    private static Map<String, InForce> inForce(String areaCode, Map<String, String> global,
                                                Map<String, Map<String, String>> rows, @Nullable String proposedArea,
                                                @Nullable Map<String, @Nullable String> proposed) {
        Map<String, InForce> v = new HashMap<>();
        global.forEach((n, x) -> v.put(n, new InForce(x, null)));
        List<String> codes = lineage(areaCode);
        for (String c : codes) {
            Map<String, String> set = rows.getOrDefault(c, Map.of());
            if (c.equals(proposedArea) && proposed != null) {
                set = new HashMap<>();
                for (Map.Entry<String, @Nullable String> e : proposed.entrySet()) {
                    if (e.getValue() != null) set.put(e.getKey(), e.getValue());
                }
            }
            for (Map.Entry<String, String> e : set.entrySet()) {
                if (PER_AREA.contains(e.getKey())) v.put(e.getKey(), new InForce(e.getValue(), c));
            }
        }
        return v;
    }

    /** The province-wide settings: what lists spanning many places use (they need only the province-wide parts). */
    public CaseworkSettings settings() {
        return of(global());
    }

    /** The settings in force at an area (a lead's village): per-area values from the nearest area that sets them. */
    public CaseworkSettings settings(String areaCode) {
        Map<String, String> v = new HashMap<>();
        inForce(areaCode, global(), null, null).forEach((n, x) -> v.put(n, x.value()));
        return of(v);
    }

    public static CaseworkSettings of(Map<String, String> v) {
        CaseworkSettings d = CaseworkSettings.DEFAULTS;
        return new CaseworkSettings(
                intOf(v, "lead_deadline_days", d.leadDeadlineDays()),
                DayCounting.valueOf(v.getOrDefault("day_counting", d.dayCounting().name())),
                new WorkingCalendar(dates(v.get("holidays")), dates(v.get("make_up_working_days"))),
                intOf(v, "due_soon_days", d.dueSoonDays()),
                intOf(v, "min_notice_days", d.minNoticeDays()),
                intOf(v, "elimination_min_months", d.eliminationMinMonths()),
                intOf(v, "stable_income_months", d.stableIncomeMonths()),
                intOf(v, "min_income_checks", d.minIncomeChecksForStability()),
                Boolean.parseBoolean(v.getOrDefault("show_main_risk_on_notice", "false")));
    }

    CodeList codes(CodeKind kind) {
        return new CodeList(jdbc.sql("select code, name_zh, name_en, active from casework_code where kind = :k order by sort, code")
                .param("k", kind.name())
                .query((rs, i) -> new CodeList.Code(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list());
    }

    /** The income lines that apply to a village today: per year, the most specific region's figure in force. */
    public IncomeLines incomeLines(String villageCode) {
        Map<Integer, BigDecimal> byYear = new HashMap<>();
        applicableLines(villageCode).forEach((y, a) -> byYear.put(y, a.line()));
        return new IncomeLines(byYear);
    }

    /**
     * An income line and the region whose figure it is, with the day that figure took effect (null: set before
     * changes were recorded, casework V9).
     */
    public record AppliedLine(String areaCode, BigDecimal line, @Nullable LocalDate effectiveFrom) {}

    /**
     * Per year, the line that applies at an area (any level) today and where it comes from: of the lines in force
     * for the area itself and the regions above it, the most specific wins.
     */
    public Map<Integer, AppliedLine> applicableLines(String areaCode) {
        return applicableLines(areaCode, today());
    }

    /** {@link #applicableLines(String)} on another day: the figures in force then (标准调整). */
    public Map<Integer, AppliedLine> applicableLines(String areaCode, LocalDate asOf) {
        return applicableLines(areaCode, lineRows(asOf));
    }

    /** An income line in force: its region, year, figure and since when. */
    private record YearLine(String areaCode, int year, BigDecimal line, @Nullable LocalDate effectiveFrom) {}

    /**
     * Every income line in force on a day (a few per year and region): per region and year, the latest change
     * effective on or before it; a change recorded later wins a tie.
     */
    private List<YearLine> lineRows(LocalDate asOf) {
        return jdbc.sql("""
                select distinct on (area_code, year) area_code, year, line, effective_from from income_line_change
                where effective_from is null or effective_from <= :d
                order by area_code, year, effective_from desc nulls last, id desc""")
                .param("d", asOf)
                .query((rs, i) -> new YearLine(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3),
                        rs.getObject(4, LocalDate.class))).list();
    }

    private static Map<Integer, AppliedLine> applicableLines(String areaCode, List<YearLine> lines) {
        Map<Integer, AppliedLine> byYear = new HashMap<>();
        Map<Integer, Integer> specificity = new HashMap<>();
        for (YearLine l : lines) {
            String prefix = Scopes.prefix(l.areaCode());
            if (areaCode.startsWith(prefix)) {
                int y = l.year();
                if (prefix.length() > specificity.getOrDefault(y, -1)) {
                    specificity.put(y, prefix.length());
                    byYear.put(y, new AppliedLine(l.areaCode(), l.line(), l.effectiveFrom()));
                }
            }
        }
        return byYear;
    }

    /** The context of a decision at a village today. */
    public CaseworkContext context(String villageCode) {
        return context(villageCode, today());
    }

    /**
     * The context of a decision at a village on its day (标准调整): the income lines and the categories open for new
     * identifications in force on {@code asOf}; the deadlines and code lists as they are now.
     */
    public CaseworkContext context(String villageCode, LocalDate asOf) {
        Map<Integer, BigDecimal> byYear = new HashMap<>();
        applicableLines(villageCode, asOf).forEach((y, a) -> byYear.put(y, a.line()));
        return new CaseworkContext(clock, settings(villageCode), codes(CodeKind.CATEGORY), codes(CodeKind.RISK_TYPE),
                new IncomeLines(byYear), openCategories(standards.inForce(villageCode, asOf)));
    }

    /** The categories open for new identifications of a value in force (null: nobody restricts them). */
    private static @Nullable Set<String> openCategories(Map<String, StandardChanges.InForce> inForce) {
        StandardChanges.InForce f = inForce.get(StandardChanges.CATEGORIES_OPEN);
        return f == null ? null : Set.copyOf(StandardChanges.categories(f.value()));
    }

    /**
     * The context of each of these villages, as {@link #context} gives it for one, in a fixed number of queries
     * however many villages there are (province-wide values, the per-area rows of all their ancestors, the two code
     * lists, the income lines): for lists that check many households.
     */
    public Map<String, CaseworkContext> contexts(java.util.Collection<String> villageCodes) {
        Map<String, CaseworkContext> out = new HashMap<>();
        if (villageCodes.isEmpty()) return out;
        Map<String, String> global = global();
        java.util.Set<String> ancestors = new java.util.TreeSet<>();
        villageCodes.forEach(v -> ancestors.addAll(lineage(v)));
        Map<String, Map<String, String>> rows = areaRows(ancestors);
        List<YearLine> lines = lineRows(today());
        Map<String, Map<String, StandardChanges.InForce>> open = standards.inForce(villageCodes, today());
        CodeList categories = codes(CodeKind.CATEGORY);
        CodeList risks = codes(CodeKind.RISK_TYPE);
        for (String village : villageCodes) {
            if (out.containsKey(village)) continue;
            Map<String, String> v = new HashMap<>();
            inForce(village, global, rows, null, null).forEach((n, x) -> v.put(n, x.value()));
            Map<Integer, BigDecimal> byYear = new HashMap<>();
            applicableLines(village, lines).forEach((y, a) -> byYear.put(y, a.line()));
            out.put(village, new CaseworkContext(clock, of(v), categories, risks, new IncomeLines(byYear),
                    openCategories(open.get(village))));
        }
        return out;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public static int intOf(Map<String, String> v, String k, int d) {
        String s = v.get(k);
        return s == null || s.isBlank() ? d : Integer.parseInt(s.strip());
    }

    static Set<LocalDate> dates(String csv) {
        if (csv == null || csv.isBlank()) return Set.of();
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(LocalDate::parse)
                .collect(Collectors.toSet());
    }

    /** Comparison rules whose warnings become leads automatically at an area (setting {@code auto_intake_rules}). */
    public Set<String> autoIntakeRules(String areaCode) {
        InForce f = inForce(areaCode, global(), null, null).get("auto_intake_rules");
        String v = f == null ? "" : f.value();
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The re-check months in force: the province-wide value ({@code null} key) and every city's or county's own within
     * or above {@code scopePrefix}, by area code. A household's months are those of the longest code that is a
     * prefix of its village (see {@link #recheckMonths(Map, String)}).
     */
    public Map<String, Integer> recheckMonthsRows() {
        Map<String, Integer> m = new HashMap<>();
        m.put("", RECHECK_MONTHS_DEFAULT);
        // one statement: the province-wide row (area '') and every area's own
        jdbc.sql("""
                select '' as area_code, value from casework_setting where name = 'recheck_months'
                union all select area_code, value from casework_area_setting where name = 'recheck_months'""")
                .query((rs, i) -> m.put(rs.getString(1).isEmpty() ? "" : Scopes.prefix(rs.getString(1)),
                        Integer.parseInt(rs.getString(2).strip()))).list();
        return m;
    }

    /** The months in force at a village, from {@link #recheckMonthsRows()}: the nearest area above that sets them. */
    public static int recheckMonths(Map<String, Integer> rows, String villageCode) {
        for (int len : new int[] {12, 9, 6, 4, 2}) {
            Integer v = rows.get(villageCode.substring(0, len));
            if (v != null) return v;
        }
        return rows.getOrDefault("", RECHECK_MONTHS_DEFAULT);
    }

    public CodeList codeList(CodeKind kind) {
        return codes(kind);
    }

    public List<String> activeCodes(CodeKind kind) {
        return codes(kind).codes().stream().filter(CodeList.Code::active).map(CodeList.Code::code).toList();
    }
}
