package cn.shouwang.server.casework.admin;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.casework.CaseworkSettings;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.BeyondOwnAreaException;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import cn.shouwang.server.casework.shared.Scopes;
import cn.shouwang.server.casework.wording.Wording;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 系统管理 for casework: the code lists (categories, risk types), the monitoring income lines and the casework
 * settings that {@link CaseworkSettingsStore} reads. Every change is checked, written with its audit row in one
 * transaction, and refused when the row changed since the form was read (version, or for the settings the values
 * themselves). Codes are never deleted: cases refer to them, so an administrator deactivates instead.
 *
 * <p>Who: what applies everywhere (code lists, province-wide settings) only an administrator whose area holds every
 * area ({@link AreaApi#coversEverything}); an income line or an area's own settings only an administrator whose area
 * covers that area. Anything else is a {@link BeyondOwnAreaException} (403), checked here whatever the page offered.
 * Each change is audited under the area it applies to (the province for what applies everywhere).
 */
@Service
class CaseworkAdmin {
    /** Income lines before the transition period (2021) are history; the next year's line is announced ahead. */
    static final int FIRST_LINE_YEAR = 2015;

    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final AreaApi areas;
    private final CaseworkSettingsStore config;
    private final Clock clock;
    private final Wording wording;

    CaseworkAdmin(JdbcClient jdbc, AuditApi audit, AreaApi areas, CaseworkSettingsStore config, Clock clock,
                  Wording wording) {
        this.jdbc = jdbc;
        this.wording = wording;
        this.audit = audit;
        this.areas = areas;
        this.config = config;
        this.clock = clock;
    }

    // ---- who may change what ----------------------------------------------------------------------------------

    /** Whether the administrator's area holds every area, so that they may change what applies everywhere. */
    boolean mayChangeEverywhere(CurrentUser by) {
        return areas.coversEverything(by.scope());
    }

    /** Refuses (403) a change that applies everywhere by anyone but an administrator of the whole province. */
    void requireEverywhere(CurrentUser by) {
        if (!mayChangeEverywhere(by)) throw BeyondOwnAreaException.everywhere();
    }

    /** Refuses (403) a change that applies to an area the administrator's own does not cover. */
    void requireCovers(CurrentUser by, String areaCode) {
        if (!by.scope().covers(areaCode)) {
            throw new BeyondOwnAreaException(BeyondOwnAreaException.AREA,
                    areas.find(areaCode).map(AreaInfo::name).orElse(areaCode));
        }
    }

    record CodeRow(CodeKind kind, String code, String nameZh, String nameEn, boolean active, int sort, int version) {}

    /** A line of the list: the latest figure recorded for the region and year, and the day it takes effect. */
    record LineRow(String areaCode, int year, BigDecimal line, int version, @Nullable LocalDate effectiveFrom) {}

    /** One 标准调整 of a line, as its history shows it. */
    record LineChange(BigDecimal line, @Nullable LocalDate effectiveFrom, @Nullable String reason,
                      @Nullable String document, @Nullable String byName, java.time.OffsetDateTime at) {}

    /** A refused value: the form field, the message key and its arguments. */
    record Problem(@Nullable String field, String key, Object... args) {}

    /** The command was refused for these reasons; nothing was written (the platform's one refused-input type). */
    static final class Refused extends cn.shouwang.server.platform.RefusedInputException {
        Refused(List<CaseworkAdmin.Problem> problems) {
            super(problems.stream()
                    .map(p -> new cn.shouwang.server.platform.RefusedInputException.Problem(p.field(), p.key(), p.args()))
                    .toList());
        }

        Refused(CaseworkAdmin.Problem p) {
            this(List.of(p));
        }
    }

    /** The code list named in a URL; another name is answered 404. */
    static CodeKind kind(String name) {
        return CodeKind.parse(name).orElseThrow(NotFound::new);
    }

    // ---- code lists -----------------------------------------------------------------------------------------

    List<CodeRow> codes(CodeKind kind) {
        return jdbc.sql("select kind, code, name_zh, name_en, active, sort, version from casework_code where kind = :k "
                        + "order by sort, code")
                .param("k", kind.name()).query(CodeRow.class).list();
    }

    Optional<CodeRow> code(CodeKind kind, String code) {
        return jdbc.sql("select kind, code, name_zh, name_en, active, sort, version from casework_code "
                        + "where kind = :k and code = :c")
                .param("k", kind.name()).param("c", code).query(CodeRow.class).optional();
    }

    int nextSort(CodeKind kind) {
        return jdbc.sql("select coalesce(max(sort), 0) + 1 from casework_code where kind = :k").param("k", kind.name())
                .query(Integer.class).single();
    }

    @Transactional
    void addCode(CurrentUser by, CodeKind kind, CaseworkAdminCmd.NewCode cmd) {
        requireEverywhere(by);
        String code = cmd.code().strip();
        int n = jdbc.sql("""
                        insert into casework_code (kind, code, name_zh, name_en, active, sort)
                        values (:k, :c, :zh, :en, true, :s) on conflict (kind, code) do nothing""")
                .param("k", kind.name()).param("c", code).param("zh", cmd.nameZh().strip()).param("en", cmd.nameEn().strip())
                .param("s", sort(cmd.sort())).update();
        if (n == 0) throw new Refused(new Problem("code", "admin.code.code.taken"));
        audit.record(AuditAction.CASEWORK_CODE_ADD, null, null, by.scope().areaCode(), List.of(
                new AuditApi.Change("code", null, code), new AuditApi.Change("nameZh", null, cmd.nameZh().strip()),
                new AuditApi.Change("nameEn", null, cmd.nameEn().strip()),
                new AuditApi.Change("sort", null, String.valueOf(sort(cmd.sort())))), kind + " " + code);
        wording.changed(); // {{category.<code>}} in texts: the names are read again after the commit
    }

    @Transactional
    void editCode(CurrentUser by, CodeKind kind, String code, CaseworkAdminCmd.EditCode cmd) {
        requireEverywhere(by);
        CodeRow old = requireCode(kind, code);
        int n = jdbc.sql("""
                        update casework_code set name_zh = :zh, name_en = :en, sort = :s, version = version + 1
                        where kind = :k and code = :c and version = :v""")
                .param("zh", cmd.nameZh().strip()).param("en", cmd.nameEn().strip()).param("s", sort(cmd.sort()))
                .param("k", kind.name()).param("c", code).param("v", cmd.version()).update();
        if (n == 0) throw new ConcurrentEditException();
        List<AuditApi.Change> changes = new ArrayList<>();
        change(changes, "nameZh", old.nameZh(), cmd.nameZh().strip());
        change(changes, "nameEn", old.nameEn(), cmd.nameEn().strip());
        change(changes, "sort", String.valueOf(old.sort()), String.valueOf(sort(cmd.sort())));
        audit.record(AuditAction.CASEWORK_CODE_UPDATE, null, null, by.scope().areaCode(), changes, kind + " " + code);
        wording.changed();
    }

    /** Deactivated codes are no longer offered on forms; records that hold them keep showing their names. */
    @Transactional
    void setActive(CurrentUser by, CodeKind kind, String code, boolean active, int version) {
        requireEverywhere(by);
        requireCode(kind, code);
        int n = jdbc.sql("""
                        update casework_code set active = :a, version = version + 1
                        where kind = :k and code = :c and version = :v""")
                .param("a", active).param("k", kind.name()).param("c", code).param("v", version).update();
        if (n == 0) throw new ConcurrentEditException();
        List<AuditApi.Change> changes = List.of(new AuditApi.Change("active", String.valueOf(!active), String.valueOf(active)));
        if (active) {
            audit.record(AuditAction.CASEWORK_CODE_REACTIVATE, null, null, by.scope().areaCode(), changes, kind + " " + code);
        } else {
            audit.record(AuditAction.CASEWORK_CODE_DEACTIVATE, null, null, by.scope().areaCode(), changes, kind + " " + code);
        }
        wording.changed();
    }

    private static int sort(String typed) {
        return Integer.parseInt(typed.strip());
    }

    private static void change(List<AuditApi.Change> changes, String field, String old, String now) {
        if (!Objects.equals(old, now)) changes.add(new AuditApi.Change(field, old, now));
    }

    CodeRow requireCode(CodeKind kind, String code) {
        return code(kind, code).orElseThrow(NotFound::new);
    }

    /** No such code list entry or income line: answered 404. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super("not found");
        }
    }

    // ---- income lines ---------------------------------------------------------------------------------------

    List<LineRow> lines(@Nullable Integer year, int page, int size) {
        return jdbc.sql("select l.area_code, l.year, l.line, l.version, " + LATEST_EFFECTIVE
                        + " from income_line l where (:y::int is null or l.year = :y) "
                        + "order by l.year desc, l.area_code limit :l offset :o")
                .param("y", year).param("l", size).param("o", (page - 1) * size).query(LineRow.class).list();
    }

    /** The effective day of a line's latest recorded change (that of income_line.line). */
    private static final String LATEST_EFFECTIVE = "(select c.effective_from from income_line_change c "
            + "where c.area_code = l.area_code and c.year = l.year order by c.id desc limit 1) as effective_from";

    /** Every change of a line, the latest recorded first (标准调整: the history the edit page shows). */
    List<LineChange> lineHistory(String areaCode, int year) {
        return jdbc.sql("select line, effective_from, reason, document, changed_by_name as by_name, changed_at as at "
                        + "from income_line_change "
                        + "where area_code = :a and year = :y order by id desc")
                .param("a", areaCode).param("y", year).query(LineChange.class).list();
    }

    int countLines(@Nullable Integer year) {
        return jdbc.sql("select count(*) from income_line where (:y::int is null or year = :y)").param("y", year)
                .query(Integer.class).single();
    }

    List<Integer> lineYears() {
        return jdbc.sql("select distinct year from income_line order by year desc").query(Integer.class).list();
    }

    Optional<LineRow> line(String areaCode, int year) {
        return jdbc.sql("select l.area_code, l.year, l.line, l.version, " + LATEST_EFFECTIVE
                        + " from income_line l where l.area_code = :a and l.year = :y")
                .param("a", areaCode).param("y", year).query(LineRow.class).optional();
    }

    int maxLineYear() {
        return LocalDate.now(clock).getYear() + 1;
    }

    /** A line as the form gave it, read: area code, year, yuan, the day it takes effect, why, the document. */
    record TypedLine(String areaCode, int year, BigDecimal line, LocalDate effectiveFrom, String reason,
                     @Nullable String document) {}

    /** The earliest day a change may take effect: the start of the first year lines are kept for. */
    static final LocalDate FIRST_EFFECTIVE = LocalDate.of(FIRST_LINE_YEAR, 1, 1);

    /**
     * What Bean Validation cannot know: the area is real, a province, city or county, the admin's own or below; the
     * year is sensible; the line is positive with at most two decimals. Fields Bean Validation already refused are
     * skipped.
     */
    List<Problem> checkLine(CurrentUser by, CaseworkAdminCmd.IncomeLine cmd) {
        List<Problem> problems = new ArrayList<>();
        if (cmd.areaCode() != null && cmd.area().matches("\\d{12}")) {
            Optional<AreaInfo> a = areas.find(cmd.area());
            if (a.isEmpty()) {
                problems.add(new Problem("areaCode", "admin.line.area.unknown"));
            } else if (a.get().level().depth() > AreaLevel.COUNTY.depth()) {
                problems.add(new Problem("areaCode", "admin.line.area.level"));
            } else if (!by.scope().covers(cmd.area())) {
                problems.add(new Problem("areaCode", "admin.line.area.scope"));
            }
        }
        if (cmd.year() != null && cmd.year().strip().matches("\\d{4}")) {
            int y = Integer.parseInt(cmd.year().strip());
            if (y < FIRST_LINE_YEAR || y > maxLineYear()) {
                problems.add(new Problem("year", "admin.line.year.range", String.valueOf(FIRST_LINE_YEAR),
                        String.valueOf(maxLineYear())));
            }
        }
        if (cmd.line() != null && cmd.line().strip().matches("[-+]?\\d+(\\.\\d*)?")) {
            BigDecimal l = new BigDecimal(cmd.line().strip());
            if (l.signum() <= 0) problems.add(new Problem("line", "admin.line.line.positive"));
            else if (l.stripTrailingZeros().scale() > 2) problems.add(new Problem("line", "admin.line.line.digits"));
            else if (l.compareTo(new BigDecimal("99999999")) > 0) problems.add(new Problem("line", "admin.line.line.large"));
        }
        if (cmd.effectiveFrom() != null && !cmd.effectiveFrom().isBlank()) {
            try {
                LocalDate d = LocalDate.parse(cmd.effectiveFrom().strip());
                LocalDate last = LocalDate.of(maxLineYear() + 1, 12, 31);
                if (d.isBefore(FIRST_EFFECTIVE) || d.isAfter(last)) {
                    problems.add(new Problem("effectiveFrom", "admin.line.effectiveFrom.range", FIRST_EFFECTIVE.toString(),
                            last.toString()));
                }
            } catch (DateTimeParseException e) {
                problems.add(new Problem("effectiveFrom", "admin.line.effectiveFrom.bad"));
            }
        }
        return problems;
    }

    private TypedLine read(CurrentUser by, CaseworkAdminCmd.IncomeLine cmd) {
        List<Problem> p = checkLine(by, cmd);
        if (!p.isEmpty()) throw new Refused(p);
        String document = cmd.document() == null || cmd.document().isBlank() ? null : cmd.document().strip();
        return new TypedLine(cmd.area(), Integer.parseInt(cmd.year().strip()),
                new BigDecimal(cmd.line().strip()).setScale(2, java.math.RoundingMode.UNNECESSARY),
                LocalDate.parse(cmd.effectiveFrom().strip()), cmd.reason().strip(), document);
    }

    /** Records one 标准调整 (append-only), in the transaction of the line's own write. */
    private void recordChange(CurrentUser by, TypedLine t) {
        jdbc.sql("""
                insert into income_line_change (area_code, year, line, effective_from, reason, document, changed_by,
                  changed_by_name, changed_at)
                values (:a, :y, :l, :e, :r, :d, :by, :name, :at)""")
                .param("a", t.areaCode()).param("y", t.year()).param("l", t.line()).param("e", t.effectiveFrom())
                .param("r", t.reason()).param("d", t.document()).param("by", by.username())
                .param("name", by.displayName()).param("at", java.sql.Timestamp.from(clock.instant())).update();
    }

    /** What the audit row says of a change besides the figure: the year, the effective day, reason and document. */
    private static String detail(TypedLine t) {
        return "year " + t.year() + ", effective " + t.effectiveFrom() + ", reason: " + t.reason()
                + (t.document() == null ? "" : ", document: " + t.document());
    }

    @Transactional
    void addLine(CurrentUser by, CaseworkAdminCmd.IncomeLine cmd) {
        if (cmd.areaCode() != null && cmd.area().matches("\\d{12}")) requireCovers(by, cmd.area());
        TypedLine t = read(by, cmd);
        int n = jdbc.sql("insert into income_line (area_code, year, line) values (:a, :y, :l) on conflict do nothing")
                .param("a", t.areaCode()).param("y", t.year()).param("l", t.line()).update();
        if (n == 0) throw new Refused(new Problem("year", "admin.line.exists"));
        recordChange(by, t);
        audit.record(AuditAction.INCOME_LINE_ADD, null, null, t.areaCode(), List.of(
                new AuditApi.Change("line", null, t.line().toPlainString())), detail(t));
    }

    /**
     * 标准调整 of an existing line: a new figure from a day on, with its reason; its area and year stay (another area
     * or year is another line). Earlier figures stay in force before that day, and the decisions made with them keep
     * theirs (a verification or home check stores the line it was judged against, a comparison run its lines).
     */
    @Transactional
    void editLine(CurrentUser by, String areaCode, int year, CaseworkAdminCmd.IncomeLine cmd) {
        requireCovers(by, areaCode);
        LineRow old = line(areaCode, year).orElseThrow(NotFound::new);
        TypedLine t = read(by, new CaseworkAdminCmd.IncomeLine(areaCode, String.valueOf(year), cmd.line(),
                cmd.effectiveFrom(), cmd.reason(), cmd.document(), cmd.version()));
        int n = jdbc.sql("update income_line set line = :l, version = version + 1 "
                        + "where area_code = :a and year = :y and version = :v")
                .param("l", t.line()).param("a", areaCode).param("y", year)
                .param("v", cmd.version() == null ? -1 : cmd.version()).update();
        if (n == 0) throw new ConcurrentEditException();
        recordChange(by, t);
        audit.record(AuditAction.INCOME_LINE_UPDATE, null, null, areaCode, List.of(
                new AuditApi.Change("line", old.line().toPlainString(), t.line().toPlainString())), detail(t));
    }

    // ---- settings -------------------------------------------------------------------------------------------

    /** The settings this page edits, in page order. */
    static final List<String> SETTINGS = List.of("lead_deadline_days", "day_counting", "due_soon_days",
            "min_notice_days", "elimination_min_months", "stable_income_months", "min_income_checks",
            "show_main_risk_on_notice", "holidays", "make_up_working_days", "auto_intake_rules",
            "warning_return_percent", "recheck_months");

    /** policy.md's value of each setting, shown beside the field. */
    static Map<String, String> policyDefaults() {
        CaseworkSettings d = CaseworkSettings.DEFAULTS;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("leadDeadlineDays", String.valueOf(d.leadDeadlineDays()));
        m.put("dayCounting", d.dayCounting().name());
        m.put("dueSoonDays", String.valueOf(d.dueSoonDays()));
        m.put("minNoticeDays", String.valueOf(d.minNoticeDays()));
        m.put("eliminationMinMonths", String.valueOf(d.eliminationMinMonths()));
        m.put("stableIncomeMonths", String.valueOf(d.stableIncomeMonths()));
        m.put("minIncomeChecks", String.valueOf(d.minIncomeChecksForStability()));
        m.put("showMainRiskOnNotice", String.valueOf(d.showMainRiskOnNotice()));
        m.put("warningReturnPercent", String.valueOf(cn.shouwang.server.casework.CaseworkApi.WARNING_RETURN_PERCENT_DEFAULT));
        m.put("recheckMonths", String.valueOf(CaseworkSettingsStore.RECHECK_MONTHS_DEFAULT));
        return m;
    }

    private Map<String, String> stored(boolean forUpdate) {
        Map<String, String> v = new TreeMap<>();
        jdbc.sql("select name, value from casework_setting order by name" + (forUpdate ? " for update" : ""))
                .query((rs, i) -> v.put(rs.getString(1), rs.getString(2))).list();
        return v;
    }

    static String fingerprint(Map<String, String> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : SETTINGS) {
                md.update((name + "=" + values.getOrDefault(name, "") + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings as stored, as the form shows them (dates one a line). */
    CaseworkAdminCmd.Settings settingsForm() {
        Map<String, String> v = stored(false);
        CaseworkSettings d = CaseworkSettings.DEFAULTS;
        return new CaseworkAdminCmd.Settings(
                String.valueOf(intOr(v.get("lead_deadline_days"), d.leadDeadlineDays())),
                v.getOrDefault("day_counting", d.dayCounting().name()),
                String.valueOf(intOr(v.get("due_soon_days"), d.dueSoonDays())),
                String.valueOf(intOr(v.get("min_notice_days"), d.minNoticeDays())),
                String.valueOf(intOr(v.get("elimination_min_months"), d.eliminationMinMonths())),
                String.valueOf(intOr(v.get("stable_income_months"), d.stableIncomeMonths())),
                String.valueOf(intOr(v.get("min_income_checks"), d.minIncomeChecksForStability())),
                Boolean.parseBoolean(v.getOrDefault("show_main_risk_on_notice", "false")),
                String.join("\n", csv(v.get("holidays"))),
                String.join("\n", csv(v.get("make_up_working_days"))),
                new ArrayList<>(csv(v.get("auto_intake_rules"))),
                String.valueOf(intOr(v.get("warning_return_percent"),
                        cn.shouwang.server.casework.CaseworkApi.WARNING_RETURN_PERCENT_DEFAULT)),
                String.valueOf(intOr(v.get("recheck_months"), CaseworkSettingsStore.RECHECK_MONTHS_DEFAULT)),
                fingerprint(v));
    }

    private static int intOr(@Nullable String s, int d) {
        try {
            return s == null || s.isBlank() ? d : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return d;
        }
    }

    private static List<String> csv(@Nullable String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** A whole number setting: its field, the range and the message naming the range. */
    private record Bounded(String field, int min, int max, String key) {}

    private static final List<Bounded> NUMBERS = List.of(
            new Bounded("leadDeadlineDays", 1, 365, "admin.setting.days.range"),
            new Bounded("dueSoonDays", 1, 365, "admin.setting.days.range"),
            new Bounded("minNoticeDays", 1, 365, "admin.setting.days.range"),
            new Bounded("eliminationMinMonths", 1, 120, "admin.setting.months.range"),
            new Bounded("stableIncomeMonths", 1, 120, "admin.setting.months.range"),
            new Bounded("minIncomeChecks", 1, 60, "admin.setting.checks.range"),
            new Bounded("warningReturnPercent", 1, 1000, "admin.setting.percent.range"),
            new Bounded("recheckMonths", 1, 120, "admin.setting.months.range"));

    private static @Nullable String typed(CaseworkAdminCmd.Settings cmd, String field) {
        return switch (field) {
            case "leadDeadlineDays" -> cmd.leadDeadlineDays();
            case "dueSoonDays" -> cmd.dueSoonDays();
            case "minNoticeDays" -> cmd.minNoticeDays();
            case "eliminationMinMonths" -> cmd.eliminationMinMonths();
            case "stableIncomeMonths" -> cmd.stableIncomeMonths();
            case "minIncomeChecks" -> cmd.minIncomeChecks();
            case "warningReturnPercent" -> cmd.warningReturnPercent();
            case "recheckMonths" -> cmd.recheckMonths();
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** The whole number typed in a field, or null when it is not one. */
    private static @Nullable Integer number(@Nullable String s) {
        if (s == null || !s.strip().matches("\\d{1,6}")) return null;
        return Integer.parseInt(s.strip());
    }

    /** Everything about the settings form beyond "required": numbers and their ranges, dates, rule codes. */
    static List<Problem> checkSettings(CaseworkAdminCmd.Settings cmd) {
        List<Problem> problems = new ArrayList<>();
        for (Bounded b : NUMBERS) {
            String s = typed(cmd, b.field());
            if (s == null || s.isBlank()) continue;
            Integer n = number(s);
            if (n == null || n < b.min() || n > b.max()) problems.add(new Problem(b.field(), b.key()));
        }
        dates("holidays", cmd.holidays(), problems);
        dates("makeUpWorkingDays", cmd.makeUpWorkingDays(), problems);
        for (String r : cmd.autoIntakeRulesOrEmpty()) {
            if (Arrays.stream(Rule.values()).noneMatch(x -> x.name().equals(r))) {
                problems.add(new Problem("autoIntakeRules", "admin.setting.rule.unknown", r));
            }
        }
        Integer deadline = number(cmd.leadDeadlineDays());
        Integer soon = number(cmd.dueSoonDays());
        Integer notice = number(cmd.minNoticeDays());
        if (deadline != null && soon != null && soon >= deadline && soon <= 365) {
            problems.add(new Problem("dueSoonDays", "admin.setting.dueSoon.tooLong"));
        }
        if (deadline != null && notice != null && notice >= deadline && notice <= 365) {
            problems.add(new Problem("minNoticeDays", "admin.setting.notice.tooLong"));
        }
        return problems;
    }

    /**
     * Dates typed one a line or comma-separated (also the Chinese comma), normalised to sorted ISO dates; the first
     * bad entry is reported with its line number.
     */
    static String dates(String field, @Nullable String typed, List<Problem> problems) {
        if (typed == null) return "";
        TreeSet<LocalDate> out = new TreeSet<>();
        String[] lines = typed.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String part : lines[i].split("[,，、;；\\s]+")) {
                String s = part.strip();
                if (s.isEmpty()) continue;
                try {
                    out.add(LocalDate.parse(s));
                } catch (DateTimeParseException e) {
                    problems.add(new Problem(field, "admin.setting.dates.bad", i + 1, s));
                    return "";
                }
            }
        }
        return out.stream().map(LocalDate::toString).collect(Collectors.joining(","));
    }

    /** The stored value of each setting the command sets. */
    static Map<String, String> values(CaseworkAdminCmd.Settings cmd) {
        List<Problem> ignored = new ArrayList<>();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("lead_deadline_days", String.valueOf(number(cmd.leadDeadlineDays())));
        v.put("day_counting", cmd.dayCounting());
        v.put("due_soon_days", String.valueOf(number(cmd.dueSoonDays())));
        v.put("min_notice_days", String.valueOf(number(cmd.minNoticeDays())));
        v.put("elimination_min_months", String.valueOf(number(cmd.eliminationMinMonths())));
        v.put("stable_income_months", String.valueOf(number(cmd.stableIncomeMonths())));
        v.put("min_income_checks", String.valueOf(number(cmd.minIncomeChecks())));
        v.put("show_main_risk_on_notice", String.valueOf(Boolean.TRUE.equals(cmd.showMainRiskOnNotice())));
        v.put("holidays", dates("holidays", cmd.holidays(), ignored));
        v.put("make_up_working_days", dates("makeUpWorkingDays", cmd.makeUpWorkingDays(), ignored));
        v.put("auto_intake_rules", Arrays.stream(Rule.values()).map(Rule::name)
                .filter(cmd.autoIntakeRulesOrEmpty()::contains).collect(Collectors.joining(",")));
        // blank (a form from before this setting): the stored value stays
        Integer percent = number(cmd.warningReturnPercent());
        if (percent != null) v.put("warning_return_percent", String.valueOf(percent));
        Integer recheck = number(cmd.recheckMonths());
        if (recheck != null) v.put("recheck_months", String.valueOf(recheck));
        return v;
    }

    /**
     * Saves the province-wide settings if they are still as the form read them; returns how many settings changed.
     * Only an administrator of the whole province; audited under their area (the province).
     */
    @Transactional
    int saveSettings(CurrentUser by, CaseworkAdminCmd.Settings cmd) {
        requireEverywhere(by);
        List<Problem> p = checkSettings(cmd);
        if (!p.isEmpty()) throw new Refused(p);
        Map<String, String> old = stored(true);
        if (!fingerprint(old).equals(cmd.fingerprint())) throw new ConcurrentEditException();
        Map<String, String> now = new TreeMap<>(old);
        now.putAll(values(cmd));
        p = checkInForce(now, null, null);
        if (!p.isEmpty()) throw new Refused(p);
        List<AuditApi.Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : values(cmd).entrySet()) {
            String before = old.get(e.getKey());
            if (Objects.equals(before, e.getValue())) continue;
            jdbc.sql("insert into casework_setting (name, value) values (:n, :v) "
                            + "on conflict (name) do update set value = excluded.value")
                    .param("n", e.getKey()).param("v", e.getValue()).update();
            changes.add(new AuditApi.Change(e.getKey(), before, e.getValue()));
        }
        if (!changes.isEmpty()) {
            audit.record(AuditAction.CASEWORK_SETTINGS_UPDATE, null, null, by.scope().areaCode(), changes, null);
        }
        return changes.size();
    }

    // ---- settings of one area ---------------------------------------------------------------------------------

    /** The form fields of the settings that may differ per area, and their stored names. */
    static final Map<String, String> AREA_FIELDS = Map.of("leadDeadlineDays", "lead_deadline_days",
            "minNoticeDays", "min_notice_days", "eliminationMinMonths", "elimination_min_months",
            "stableIncomeMonths", "stable_income_months", "minIncomeChecks", "min_income_checks",
            "recheckMonths", "recheck_months");

    /** Fingerprint of an area's own rows: a set value and an inherited one ({@code ~}) never look alike. */
    static String areaFingerprint(Map<String, String> own) {
        Map<String, String> marked = new TreeMap<>();
        for (String n : CaseworkSettingsStore.PER_AREA) marked.put(n, own.containsKey(n) ? "=" + own.get(n) : "~");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            marked.forEach((n, v) -> md.update((n + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An area's own values as its form shows them: blank where it inherits. */
    CaseworkAdminCmd.AreaSettings areaSettingsForm(String areaCode) {
        Map<String, String> own = config.own(areaCode);
        String rules = own.get("auto_intake_rules");
        return new CaseworkAdminCmd.AreaSettings(own.getOrDefault("lead_deadline_days", ""),
                own.getOrDefault("min_notice_days", ""), own.getOrDefault("elimination_min_months", ""),
                own.getOrDefault("stable_income_months", ""), own.getOrDefault("min_income_checks", ""),
                rules != null, rules == null ? new ArrayList<>() : new ArrayList<>(csv(rules)),
                own.getOrDefault("recheck_months", ""), areaFingerprint(own));
    }

    private static @Nullable String typed(CaseworkAdminCmd.AreaSettings cmd, String field) {
        return switch (field) {
            case "leadDeadlineDays" -> cmd.leadDeadlineDays();
            case "minNoticeDays" -> cmd.minNoticeDays();
            case "eliminationMinMonths" -> cmd.eliminationMinMonths();
            case "stableIncomeMonths" -> cmd.stableIncomeMonths();
            case "minIncomeChecks" -> cmd.minIncomeChecks();
            case "recheckMonths" -> cmd.recheckMonths();
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** The area form's own checks: numbers typed are in range (blank inherits), rule codes exist. */
    static List<Problem> checkAreaSettings(CaseworkAdminCmd.AreaSettings cmd) {
        List<Problem> problems = new ArrayList<>();
        for (Bounded b : NUMBERS) {
            if (!AREA_FIELDS.containsKey(b.field())) continue;
            String s = typed(cmd, b.field());
            if (s == null || s.isBlank()) continue;
            Integer n = number(s);
            if (n == null || n < b.min() || n > b.max()) problems.add(new Problem(b.field(), b.key()));
        }
        if (cmd.ownRules()) {
            for (String r : cmd.autoIntakeRulesOrEmpty()) {
                if (Arrays.stream(Rule.values()).noneMatch(x -> x.name().equals(r))) {
                    problems.add(new Problem("autoIntakeRules", "admin.setting.rule.unknown", r));
                }
            }
        }
        return problems;
    }

    /** The stored value of each per-area setting the form sets, null where it inherits. */
    static Map<String, @Nullable String> areaValues(CaseworkAdminCmd.AreaSettings cmd) {
        Map<String, @Nullable String> v = new LinkedHashMap<>();
        for (String n : CaseworkSettingsStore.PER_AREA) v.put(n, null);
        AREA_FIELDS.forEach((field, name) -> {
            Integer n = number(typed(cmd, field));
            v.put(name, n == null ? null : String.valueOf(n));
        });
        if (cmd.ownRules()) {
            v.put("auto_intake_rules", Arrays.stream(Rule.values()).map(Rule::name)
                    .filter(cmd.autoIntakeRulesOrEmpty()::contains).collect(Collectors.joining(",")));
        }
        return v;
    }

    /**
     * The deadline in force must stay longer than the notice and the due-soon days, at the area being edited (or,
     * for the province-wide values, {@code area} null) and at every area at or below it that sets its own values.
     * Problems at the edited area stand beside its fields; one below it names the area.
     */
    List<Problem> checkInForce(Map<String, String> global, @Nullable String area,
                               @Nullable Map<String, @Nullable String> proposed) {
        List<Problem> problems = new ArrayList<>();
        List<String> places = new ArrayList<>();
        if (area != null) places.add(area);
        Scopes below = area == null ? new Scopes("000000000000", "999999999999") : Scopes.of(new AreaScope(area));
        places.addAll(jdbc.sql("select distinct area_code from casework_area_setting where area_code between :lo and :hi "
                        + "and area_code <> :a order by 1")
                .param("lo", below.lo()).param("hi", below.hi()).param("a", area == null ? "" : area)
                .query(String.class).list());
        int soon = CaseworkSettingsStore.intOf(global, "due_soon_days", CaseworkSettings.DEFAULTS.dueSoonDays());
        for (String place : places) {
            Map<String, CaseworkSettingsStore.InForce> f = config.inForce(place, global, area, proposed);
            int deadline = intIn(f, "lead_deadline_days", CaseworkSettings.DEFAULTS.leadDeadlineDays());
            int notice = intIn(f, "min_notice_days", CaseworkSettings.DEFAULTS.minNoticeDays());
            boolean here = place.equals(area);
            if (notice >= deadline) {
                problems.add(here ? new Problem(proposed != null && proposed.get("min_notice_days") != null
                        ? "minNoticeDays" : "leadDeadlineDays", "admin.setting.notice.tooLong")
                        : new Problem(null, "admin.setting.conflictBelow", areaName(place)));
            } else if (soon >= deadline) {
                problems.add(here ? new Problem("leadDeadlineDays", "admin.setting.deadline.dueSoon", soon)
                        : new Problem(null, "admin.setting.conflictBelow", areaName(place)));
            }
        }
        return problems;
    }

    private static int intIn(Map<String, CaseworkSettingsStore.InForce> f, String name, int d) {
        CaseworkSettingsStore.InForce x = f.get(name);
        return x == null ? d : intOr(x.value(), d);
    }

    private String areaName(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    /**
     * Saves an area's own settings (blank: inherit from above) if they are still as the form read them; returns how
     * many changed. Only an administrator whose area covers it; audited under the area.
     */
    @Transactional
    int saveAreaSettings(CurrentUser by, String areaCode, CaseworkAdminCmd.AreaSettings cmd) {
        requireCovers(by, areaCode);
        List<Problem> p = checkAreaSettings(cmd);
        if (!p.isEmpty()) throw new Refused(p);
        Map<String, String> global = stored(true); // locks the province-wide rows: one settings save at a time
        Map<String, String> old = config.own(areaCode);
        if (!areaFingerprint(old).equals(cmd.fingerprint())) throw new ConcurrentEditException();
        Map<String, @Nullable String> wanted = areaValues(cmd);
        p = checkInForce(global, areaCode, wanted);
        if (!p.isEmpty()) throw new Refused(p);
        List<AuditApi.Change> changes = new ArrayList<>();
        for (Map.Entry<String, @Nullable String> e : wanted.entrySet()) {
            String before = old.get(e.getKey());
            if (Objects.equals(before, e.getValue())) continue;
            if (e.getValue() == null) {
                jdbc.sql("delete from casework_area_setting where area_code = :a and name = :n").param("a", areaCode)
                        .param("n", e.getKey()).update();
            } else {
                jdbc.sql("insert into casework_area_setting (area_code, name, value) values (:a, :n, :v) "
                                + "on conflict (area_code, name) do update set value = excluded.value")
                        .param("a", areaCode).param("n", e.getKey()).param("v", e.getValue()).update();
            }
            changes.add(new AuditApi.Change(e.getKey(), before, e.getValue()));
        }
        if (!changes.isEmpty()) {
            audit.record(AuditAction.CASEWORK_SETTINGS_UPDATE, null, null, areaCode, changes, areaName(areaCode));
        }
        return changes.size();
    }
}
