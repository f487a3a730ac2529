package cn.shouwang.server.casework.figures;

import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.shared.LeadStates;
import cn.shouwang.server.casework.shared.Scopes;
import cn.shouwang.server.figures.FigureSourceApi;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Casework's figures for 统计调度 (figures.FigureSourceApi): monitored households and persons by category and risk
 * type, risk eliminated, this month's identification leads, overdue leads, households without a measure a month after
 * identification, measures by group and state, checked incomes against the line. Recomputed per request from the
 * tables, each query one range scan on an indexed village code grouped by the area prefix; "as of" a day from the
 * dated columns (identified_on, eliminated_month, opened_on, closed_on, due_on, a measure's start or creation, a check's
 * visit), so a past month can be reconstructed. A monitored household's persons are its active members as kept in
 * {@code monitored_household.persons} ({@link MonitoredPersons}): today's size, also for a past day.
 */
@Component
class CaseworkFigures implements FigureSourceApi {
    private final JdbcClient jdbc;
    private final MonitoredPersons persons;
    private final MessageSource messages;
    private final ZoneId zone;
    private final java.time.Clock clock;

    CaseworkFigures(JdbcClient jdbc, MonitoredPersons persons, MessageSource messages, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.messages = messages;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** "Monitored as of :d": identified by then and not yet eliminated by then (the month of elimination counts). */
    private static final String ELIMINATED_BY_D =
            "(status = 'RISK_ELIMINATED' and coalesce(eliminated_month, identified_on) <= :d)";

    @Override
    public void figures(AreaScope scope, int digits, LocalDate asOf, Sink out) {
        persons.fillMissing();
        if (asOf.equals(LocalDate.now(clock))) today(scope, digits, asOf, out);
        else asOf(scope, digits, asOf, out);
    }

    /**
     * Today's figures: the day-independent ones summed from the counts kept on write per village
     * ({@code monitored_village_figure}, casework V16: some 60 rows a village), the day-dependent ones (this month's
     * leads, overdue leads, households without a measure a month after identification) from small partial indexes.
     * Equal to {@link #asOf} for today (FiguresWebTest).
     */
    void today(AreaScope scope, int digits, LocalDate today, Sink out) {
        Scopes s = Scopes.of(scope);
        jdbc.sql("""
                select substr(village_code, 1, :n), metric, sum(value) from monitored_village_figure
                 where village_code between :lo and :hi group by 1, 2""")
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi())
                .query(rs -> {
                    out.add(rs.getString(1), rs.getString(2), rs.getBigDecimal(3));
                });
        jdbc.sql("""
                select substr(village_code, 1, :n), count(*) from lead
                 where workflow = 'IDENTIFICATION' and opened_on between :ms and :d and village_code between :lo and :hi
                 group by 1""")
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", today)
                .param("ms", today.withDayOfMonth(1))
                .query(rs -> {
                    out.add(rs.getString(1), LEADS_NEW, rs.getLong(2));
                });
        jdbc.sql("""
                select substr(village_code, 1, :n), state, count(*) from lead
                 where workflow = 'IDENTIFICATION' and closed_on is not null and closed_on between :ms and :d
                   and state in (:confirmed, :rejected) and village_code between :lo and :hi
                 group by 1, 2""")
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", today)
                .param("ms", today.withDayOfMonth(1))
                .param("confirmed", CaseState.CONFIRMED.name()).param("rejected", CaseState.REJECTED.name())
                .query(rs -> {
                    out.add(rs.getString(1), CaseState.CONFIRMED.name().equals(rs.getString(2)) ? LEADS_CONFIRMED
                            : LEADS_REJECTED, rs.getLong(3));
                });
        jdbc.sql("""
                select substr(village_code, 1, :n), count(*) from lead
                 where %s and village_code between :lo and :hi and due_on < :d and opened_on <= :d
                 group by 1""".formatted(LeadStates.OPEN))
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", today)
                .query(rs -> {
                    out.add(rs.getString(1), LEADS_OVERDUE, rs.getLong(2));
                });
        jdbc.sql("""
                select substr(village_code, 1, :n), count(*) from monitored_household
                 where measures = 0 and status = 'MONITORED' and village_code between :lo and :hi
                   and identified_on <= :monthBefore
                 group by 1""")
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("monthBefore", today.minusMonths(1))
                .query(rs -> {
                    out.add(rs.getString(1), WITHOUT_MEASURE, rs.getLong(2));
                });
    }

    /** The figures as of a day, counted from the dated records (a past month's snapshot; today's in the tests). */
    void asOf(AreaScope scope, int digits, LocalDate asOf, Sink out) {
        Scopes s = Scopes.of(scope);
        LocalDate monthStart = asOf.withDayOfMonth(1);
        // households by category, monitored or eliminated as of the day
        jdbc.sql("""
                select substr(village_code, 1, :n), category, %s, count(*), coalesce(sum(persons), 0)
                  from monitored_household
                 where village_code between :lo and :hi and identified_on <= :d
                 group by 1, 2, 3""".formatted(ELIMINATED_BY_D))
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", asOf)
                .query(rs -> {
                    String a = rs.getString(1);
                    String cat = rs.getString(2);
                    boolean eliminated = rs.getBoolean(3);
                    long h = rs.getLong(4);
                    long p = rs.getLong(5);
                    out.add(a, IDENTIFIED_HOUSEHOLDS, h);
                    out.add(a, IDENTIFIED_PERSONS, p);
                    if (eliminated) {
                        out.add(a, ELIMINATED_HOUSEHOLDS, h);
                        out.add(a, ELIMINATED_PERSONS, p);
                    } else {
                        out.add(a, MONITORED_HOUSEHOLDS, h);
                        out.add(a, MONITORED_PERSONS, p);
                        out.add(a, BY_CATEGORY_HOUSEHOLDS + cat, h);
                        out.add(a, BY_CATEGORY_PERSONS + cat, p);
                    }
                });
        // monitored households by risk type (a household with two risks counts under each)
        jdbc.sql("""
                select substr(village_code, 1, :n), r, count(*), coalesce(sum(persons), 0)
                  from monitored_household, unnest(risk_types) r
                 where village_code between :lo and :hi and identified_on <= :d and not %s
                 group by 1, 2""".formatted(ELIMINATED_BY_D))
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", asOf)
                .query(rs -> {
                    out.add(rs.getString(1), BY_RISK_HOUSEHOLDS + rs.getString(2), rs.getLong(3));
                    out.add(rs.getString(1), BY_RISK_PERSONS + rs.getString(2), rs.getLong(4));
                });
        // leads: identification leads opened / confirmed / rejected this month up to the day; open leads past due
        jdbc.sql("""
                select substr(village_code, 1, :n),
                  count(*) filter (where workflow = 'IDENTIFICATION' and opened_on between :ms and :d),
                  count(*) filter (where workflow = 'IDENTIFICATION' and state = :confirmed and closed_on between :ms and :d),
                  count(*) filter (where workflow = 'IDENTIFICATION' and state = :rejected and closed_on between :ms and :d),
                  count(*) filter (where opened_on <= :d and due_on < :d and (%s or closed_on > :d))
                  from lead
                 where village_code between :lo and :hi and opened_on <= :d
                   and (%s or closed_on >= :ms or closed_on is null)
                 group by 1""".formatted(LeadStates.OPEN, LeadStates.OPEN))
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", asOf).param("ms", monthStart)
                .param("confirmed", CaseState.CONFIRMED.name()).param("rejected", CaseState.REJECTED.name())
                .query(rs -> {
                    out.add(rs.getString(1), LEADS_NEW, rs.getLong(2));
                    out.add(rs.getString(1), LEADS_CONFIRMED, rs.getLong(3));
                    out.add(rs.getString(1), LEADS_REJECTED, rs.getLong(4));
                    out.add(rs.getString(1), LEADS_OVERDUE, rs.getLong(5));
                });
        // a measure exists by the day when it started or was entered by then
        Timestamp dayAfter = Timestamp.from(asOf.plusDays(1).atStartOfDay(zone).toInstant());
        jdbc.sql("""
                select substr(m.village_code, 1, :n), count(*)
                  from monitored_household m
                 where m.village_code between :lo and :hi and m.identified_on <= :monthBefore and not %s
                   and not exists (select 1 from plan_measure p where p.household_id = m.household_id
                                     and (p.start_date <= :d or p.created_at < :dayAfter))
                 group by 1""".formatted(ELIMINATED_BY_D.replace("status", "m.status")
                        .replace("eliminated_month", "m.eliminated_month").replace("identified_on", "m.identified_on")))
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", asOf)
                .param("monthBefore", asOf.minusMonths(1)).param("dayAfter", dayAfter)
                .query(rs -> {
                    out.add(rs.getString(1), WITHOUT_MEASURE, rs.getLong(2));
                });
        jdbc.sql("""
                select substr(village_code, 1, :n), measure_group, state, count(*)
                  from plan_measure
                 where village_code between :lo and :hi and (start_date <= :d or created_at < :dayAfter)
                 group by 1, 2, 3""")
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", asOf).param("dayAfter", dayAfter)
                .query(rs -> {
                    out.add(rs.getString(1), MEASURES + rs.getString(2) + "." + rs.getString(3), rs.getLong(4));
                });
        // the latest income check (identification visit or home check; the same day: the one recorded last) of each
        // household monitored as of the day
        jdbc.sql("""
                select substr(m.village_code, 1, :n), count(c.per_capita), coalesce(sum(c.per_capita), 0),
                       count(*) filter (where c.comparison_value < c.income_line)
                  from monitored_household m
                  cross join lateral (
                      select per_capita, comparison_value, income_line, visited_on from (
                          (select per_capita, comparison_value, income_line, visited_on, recorded_at, 1 as kind, id
                             from lead_verification v
                            where v.household_id = m.household_id and v.visited_on <= :d
                            order by visited_on desc, recorded_at desc, id desc limit 1)
                          union all
                          (select per_capita, comparison_value, income_line, visited_on, recorded_at, 2 as kind, id
                             from home_check h
                            where h.household_id = m.household_id and h.visited_on <= :d
                            order by visited_on desc, recorded_at desc, id desc limit 1)) x
                       order by visited_on desc, recorded_at desc, kind desc, id desc limit 1) c
                 where m.village_code between :lo and :hi and m.identified_on <= :d and not %s
                 group by 1""".formatted(ELIMINATED_BY_D.replace("status", "m.status")
                        .replace("eliminated_month", "m.eliminated_month").replace("identified_on", "m.identified_on")))
                .param("n", digits).param("lo", s.lo()).param("hi", s.hi()).param("d", asOf)
                .query(rs -> {
                    out.add(rs.getString(1), INCOME_HOUSEHOLDS, rs.getLong(2));
                    out.add(rs.getString(1), INCOME_PER_CAPITA_SUM, rs.getBigDecimal(3));
                    out.add(rs.getString(1), INCOME_BELOW_LINE, rs.getLong(4));
                });
    }

    @Override
    public Map<String, String> codeNames(Locale locale) {
        Map<String, String> names = new HashMap<>();
        boolean zh = !"en".equals(locale.getLanguage());
        jdbc.sql("select kind, code, name_zh, name_en from casework_code where kind in ('CATEGORY', 'RISK_TYPE')")
                .query(rs -> {
                    names.put(("CATEGORY".equals(rs.getString(1)) ? "category." : "risk.") + rs.getString(2),
                            rs.getString(zh ? 3 : 4));
                });
        for (MeasureGroup g : MeasureGroup.values()) names.put("measureGroup." + g.name(), zh ? g.chinese() : g.english());
        for (var st : cn.shouwang.core.casework.MeasureState.values()) {
            names.put("measureState." + st.name(),
                    messages.getMessage("casework.measureState." + st.name(), null, st.name(), locale));
        }
        return names;
    }

}
