package cn.shouwang.server.casework.recheck;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.StandardsApi;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.Scopes;
import cn.shouwang.server.household.HouseholdApi;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 有序退出与复核 (issue 17, point 5). A household is listed for a re-check visit when
 * <ul>
 * <li>{@code LONG_MONITORED}: it is monitored and its risk not eliminated, {@code recheck_months} (业务参数, per
 * region, default 24) full months or more after it was identified — identified 2024-03-15, listed from 2026-03-15;</li>
 * <li>{@code BELOW_LINE_AFTER_ELIMINATION}: its risk was eliminated, but its latest income year's per-capita
 * comparison value (the registry's, {@link HouseholdApi#latestPerCapita}) is below that year's income line in force
 * at its county today ({@link StandardsApi#incomeLines}: the one source of every line). At the line is not below.</li>
 * </ul>
 * A re-check visit recorded within the last {@link #RECHECK_VALID_MONTHS} months counts as done; the household then
 * shows as re-checked until a year has passed. Monitored households of an area are a few thousand per county at most,
 * so the list is worked out in memory from three queries (monitored rows, per-capita values, last re-checks) plus
 * the lines per county.
 */
@Service
public class Rechecks {
    /** A re-check holds for a year: then the household, if still listed, waits for the next one. */
    public static final int RECHECK_VALID_MONTHS = 12;

    public enum Reason { LONG_MONITORED, BELOW_LINE_AFTER_ELIMINATION }

    /** TODO: listed and not re-checked within a year (the default); DONE: re-checked within a year; ALL. */
    public enum State { TODO, DONE, ALL }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CaseworkSettingsStore config;
    private final StandardsApi standards;
    private final HouseholdApi households;
    private final AuditApi audit;

    Rechecks(JdbcClient jdbc, Clock clock, CaseworkSettingsStore config, StandardsApi standards,
             HouseholdApi households, AuditApi audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = config;
        this.standards = standards;
        this.households = households;
        this.audit = audit;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The last re-check of a household: its day and result code. */
    public record Last(LocalDate visitedOn, String result) {}

    /**
     * One listed household: why, since when it is monitored (full months to today), or its elimination month and the
     * per-capita value of its latest income year against that year's line; its last re-check, if any.
     */
    public record Candidate(long householdId, String villageCode, String headName, String category, Reason reason,
                            LocalDate identifiedOn, long months, int monthsSetting, @Nullable YearMonth eliminatedMonth,
                            @Nullable Integer incomeYear, @Nullable BigDecimal perCapita, @Nullable BigDecimal line,
                            @Nullable Last last, boolean done) {}

    private record Monitored(long householdId, String villageCode, String headName, String category, String status,
                             LocalDate identifiedOn, @Nullable LocalDate eliminatedMonth) {}

    /** Every listed household of an area (re-checked or not), by village and head's name. */
    public List<Candidate> candidates(AreaScope scope) {
        LocalDate today = today();
        Map<String, Integer> monthsRows = config.recheckMonthsRows();
        int fewest = monthsRows.values().stream().mapToInt(Integer::intValue).min().orElse(CaseworkSettingsStore.RECHECK_MONTHS_DEFAULT);
        Scopes s = Scopes.of(scope);
        // long monitored (by the smallest months set anywhere; each village's own months below), and every eliminated
        List<Monitored> rows = jdbc.sql("""
                select household_id, village_code, head_name, category, status, identified_on, eliminated_month
                  from monitored_household
                 where village_code between :lo and :hi
                   and ((status = 'MONITORED' and identified_on <= :cut) or status = 'RISK_ELIMINATED')
                 order by village_code, head_name, household_id""")
                .param("lo", s.lo()).param("hi", s.hi()).param("cut", today.minusMonths(fewest))
                .query((rs, i) -> new Monitored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class))).list();
        List<Long> eliminated = rows.stream().filter(r -> r.status().equals("RISK_ELIMINATED"))
                .map(Monitored::householdId).toList();
        Map<Long, HouseholdApi.LatestPerCapita> perCapita = households.latestPerCapita(eliminated);
        Map<String, Map<Integer, BigDecimal>> linesByCounty = new HashMap<>();
        List<Candidate> out = new ArrayList<>();
        List<Monitored> listed = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        for (Monitored m : rows) {
            if (m.status().equals("MONITORED")) {
                int n = CaseworkSettingsStore.recheckMonths(monthsRows, m.villageCode());
                if (!m.identifiedOn().plusMonths(n).isAfter(today)) {
                    listed.add(m);
                    reasons.add(Reason.LONG_MONITORED);
                }
            } else {
                HouseholdApi.LatestPerCapita pc = perCapita.get(m.householdId());
                if (pc == null) continue;
                BigDecimal line = linesByCounty.computeIfAbsent(m.villageCode().substring(0, 6), this::lines).get(pc.year());
                if (line != null && pc.value().compareTo(line) < 0) {
                    listed.add(m);
                    reasons.add(Reason.BELOW_LINE_AFTER_ELIMINATION);
                }
            }
        }
        Map<Long, Last> last = last(listed.stream().map(Monitored::householdId).toList());
        for (int i = 0; i < listed.size(); i++) {
            Monitored m = listed.get(i);
            Reason r = reasons.get(i);
            Last l = last.get(m.householdId());
            boolean done = l != null && l.visitedOn().plusMonths(RECHECK_VALID_MONTHS).isAfter(today);
            HouseholdApi.LatestPerCapita pc = perCapita.get(m.householdId());
            out.add(new Candidate(m.householdId(), m.villageCode(), m.headName(), m.category(), r, m.identifiedOn(),
                    ChronoUnit.MONTHS.between(m.identifiedOn(), today),
                    CaseworkSettingsStore.recheckMonths(monthsRows, m.villageCode()),
                    m.eliminatedMonth() == null ? null : YearMonth.from(m.eliminatedMonth()),
                    r == Reason.BELOW_LINE_AFTER_ELIMINATION ? pc.year() : null,
                    r == Reason.BELOW_LINE_AFTER_ELIMINATION ? pc.value().setScale(2, java.math.RoundingMode.HALF_UP) : null,
                    r == Reason.BELOW_LINE_AFTER_ELIMINATION
                            ? linesByCounty.get(m.villageCode().substring(0, 6)).get(pc.year()) : null,
                    l, done));
        }
        return out;
    }

    /** The income lines in force today at a county, by year (StandardsApi: the figures every decision uses). */
    private Map<Integer, BigDecimal> lines(String county6) {
        Map<Integer, BigDecimal> m = new HashMap<>();
        for (StandardsApi.IncomeLineInForce l : standards.incomeLines(county6 + "000000", today())) m.put(l.year(), l.line());
        return m;
    }

    private Map<Long, Last> last(List<Long> ids) {
        Map<Long, Last> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        jdbc.sql("""
                select distinct on (household_id) household_id, visited_on, result from recheck
                 where household_id = any(:ids) order by household_id, visited_on desc, id desc""")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, i) -> out.put(rs.getLong(1), new Last(rs.getObject(2, LocalDate.class), rs.getString(3))))
                .list();
        return out;
    }

    /** The list's filter applied to {@link #candidates}. */
    public static List<Candidate> filter(List<Candidate> all, @Nullable Reason reason, State state,
                                         @Nullable String sort, @Nullable String dir) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : all) {
            if (reason != null && c.reason() != reason) continue;
            if (state == State.TODO && c.done() || state == State.DONE && !c.done()) continue;
            out.add(c);
        }
        Comparator<Candidate> by = switch (sort == null ? "" : sort) {
            case "months" -> Comparator.comparingLong(Candidate::months);
            case "identified" -> Comparator.comparing(Candidate::identifiedOn);
            default -> Comparator.comparing(Candidate::villageCode);
        };
        if ("desc".equals(dir)) by = by.reversed();
        out.sort(by.thenComparing(Candidate::villageCode).thenComparing(Candidate::headName)
                .thenComparingLong(Candidate::householdId));
        return out;
    }

    /** Figures of one child area (or the whole area): listed per reason, and how many are still to re-check. */
    public record Figures(String areaCode, long longMonitored, long belowLine, long todo, long done) {}

    /** Per child area ({@code childDigits} of the code, padded), from the same candidates as the list. */
    public static List<Figures> figures(List<Candidate> all, int childDigits) {
        Map<String, long[]> by = new LinkedHashMap<>();
        for (Candidate c : all.stream().sorted(Comparator.comparing(Candidate::villageCode)).toList()) {
            String code = (c.villageCode().substring(0, childDigits) + "000000000000").substring(0, 12);
            long[] f = by.computeIfAbsent(code, k -> new long[4]);
            if (c.reason() == Reason.LONG_MONITORED) f[0]++; else f[1]++;
            if (c.done()) f[3]++; else f[2]++;
        }
        List<Figures> out = new ArrayList<>();
        by.forEach((k, f) -> out.add(new Figures(k, f[0], f[1], f[2], f[3])));
        return out;
    }

    /** The sum of {@link #figures} over the whole area. */
    public static Figures total(String areaCode, List<Candidate> all) {
        long lm = all.stream().filter(c -> c.reason() == Reason.LONG_MONITORED).count();
        long done = all.stream().filter(Candidate::done).count();
        return new Figures(areaCode, lm, all.size() - lm, all.size() - done, done);
    }

    // ---- one household ----------------------------------------------------------------------------------------

    /** A re-check as the household's page lists it. */
    public record Entry(LocalDate visitedOn, Reason reason, String result, String notes, String actorName,
                        OffsetDateTime recordedAt) {}

    /** The household's re-checks, newest first (the caller has checked its scope). */
    public List<Entry> history(long householdId) {
        return jdbc.sql("""
                select visited_on, reason, result, notes, actor_name, recorded_at from recheck
                 where household_id = :h order by visited_on desc, id desc""")
                .param("h", householdId)
                .query((rs, i) -> new Entry(rs.getObject(1, LocalDate.class), Reason.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    /** Why this household is listed now, if it is (one household: its own rows only). */
    public @Nullable Candidate listed(long householdId, String villageCode) {
        return candidates(new AreaScope(villageCode)).stream().filter(c -> c.householdId() == householdId)
                .findFirst().orElse(null);
    }

    /**
     * Why a monitored household's page shows it listed now, from what the page already has (its row and re-checks):
     * one statement for the months in force, and for an eliminated household its latest per-capita value and the
     * county's lines. The same rules as {@link #candidates}.
     */
    public @Nullable Candidate listed(long householdId, String villageCode, String headName, String category,
                                      boolean eliminated, LocalDate identifiedOn, @Nullable YearMonth eliminatedMonth,
                                      List<Entry> history) {
        LocalDate today = today();
        int n = CaseworkSettingsStore.recheckMonths(config.recheckMonthsRows(), villageCode);
        Reason r = null;
        HouseholdApi.LatestPerCapita pc = null;
        BigDecimal line = null;
        if (!eliminated) {
            if (!identifiedOn.plusMonths(n).isAfter(today)) r = Reason.LONG_MONITORED;
        } else {
            pc = households.latestPerCapita(List.of(householdId)).get(householdId);
            if (pc != null) {
                line = lines(villageCode.substring(0, 6)).get(pc.year());
                if (line != null && pc.value().compareTo(line) < 0) r = Reason.BELOW_LINE_AFTER_ELIMINATION;
            }
        }
        if (r == null) return null;
        Last l = history.isEmpty() ? null : new Last(history.get(0).visitedOn(), history.get(0).result());
        boolean below = r == Reason.BELOW_LINE_AFTER_ELIMINATION;
        return new Candidate(householdId, villageCode, headName, category, r, identifiedOn,
                ChronoUnit.MONTHS.between(identifiedOn, today), n, eliminatedMonth, below ? pc.year() : null,
                below ? pc.value().setScale(2, java.math.RoundingMode.HALF_UP) : null, below ? line : null, l,
                l != null && l.visitedOn().plusMonths(RECHECK_VALID_MONTHS).isAfter(today));
    }

    /** A refused re-check: a message code of the recheck bundle and the field it is about. */
    public static class Refused extends RuntimeException {
        private final String field;
        private final String key;

        Refused(String field, String key) {
            super(key);
            this.field = field;
            this.key = key;
        }

        public String field() {
            return field;
        }

        public String key() {
            return key;
        }
    }

    /**
     * Records a re-check visit of a listed household (the caller has checked its scope): day not after today and not
     * before its identification, an active result of the code list, notes up to 1,000 characters. Audited
     * ({@code RECHECK}). A household that is not listed is refused: its re-check has no reason.
     */
    @Transactional
    public void record(long householdId, String villageCode, LocalDate identifiedOn, @Nullable LocalDate on,
                       @Nullable String result, @Nullable String notes, CurrentUser by) {
        if (on == null) throw new Refused("on", "recheck.on.required");
        if (on.isAfter(today())) throw new Refused("on", "recheck.on.future");
        if (on.isBefore(identifiedOn)) throw new Refused("on", "recheck.on.beforeIdentified");
        if (result == null || !config.activeCodes(CodeKind.RECHECK_RESULT).contains(result)) {
            throw new Refused("result", "recheck.result.required");
        }
        String n = notes == null ? "" : notes.strip();
        if (n.length() > 1000) throw new Refused("notes", "recheck.notes.tooLong");
        Candidate c = listed(householdId, villageCode);
        if (c == null) throw new Refused("", "recheck.notListed");
        jdbc.sql("""
                insert into recheck (household_id, village_code, reason, visited_on, result, notes, actor_id, actor_name,
                                     recorded_at)
                values (:h, :v, :reason, :on, :result, :notes, :aid, :aname, :at)""")
                .param("h", householdId).param("v", villageCode).param("reason", c.reason().name()).param("on", on)
                .param("result", result).param("notes", n).param("aid", String.valueOf(by.accountId()))
                .param("aname", by.displayName()).param("at", OffsetDateTime.now(clock)).update();
        audit.record(AuditAction.RECHECK, householdId, null, villageCode,
                List.of(new AuditApi.Change("result", null, result)), on + " " + c.reason());
    }
}
