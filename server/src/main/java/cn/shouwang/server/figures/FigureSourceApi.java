package cn.shouwang.server.figures;

import cn.shouwang.server.access.AreaScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * A module's figures for 统计调度 (issue 14), implemented by a {@code @Component} in each module that has figures
 * (casework, household, insurance): the figures module gathers every implementation without depending on them, as the village
 * page gathers {@code platform.VillageFigures}.
 *
 * <p>Every figure is additive per village: a count or a sum of money (yuan, two decimals), so an area's value is the
 * sum over its villages and a ratio is computed from sums. A source groups by the first {@code digits} digits of its
 * village code column ({@code substr(village_code, 1, :digits)}) inside {@code scope} (the code range
 * {@link AreaScope#lowestCode()}…{@link AreaScope#highestCode()}), as of the end of day {@code asOf}: from its dated
 * records where it has them (identified / eliminated / opened / closed dates), so that a past month can be taken
 * afterwards (a reconstructed snapshot). A metric a source cannot date (e.g. the registry's persons) is today's.
 */
public interface FigureSourceApi {

    /** Puts this module's figures into {@code out}: one call per (area prefix, metric), zeros may be left out. */
    void figures(AreaScope scope, int digits, LocalDate asOf, Sink out);

    /**
     * Names of the codes inside this module's metric names, in the locale: {@code category.<CODE>},
     * {@code risk.<CODE>}, {@code measureGroup.<GROUP>}, {@code measureState.<STATE>} → the name a user reads.
     */
    default Map<String, String> codeNames(Locale locale) {
        return Map.of();
    }

    /** Where the figures go: an area (the first {@code digits} digits of its code), a metric, a value. */
    @FunctionalInterface
    interface Sink {
        void add(String areaPrefix, String metric, BigDecimal value);

        default void add(String areaPrefix, String metric, long value) {
            add(areaPrefix, metric, BigDecimal.valueOf(value));
        }
    }

    // ---- the metric names (a stable vocabulary: snapshots store them) -------------------------------------------
    /** Monitored households (not risk-eliminated as of the day) and their active members. */
    String MONITORED_HOUSEHOLDS = "monitored.households";
    String MONITORED_PERSONS = "monitored.persons";
    /** Every household ever identified up to the day (monitored + eliminated): the ratio's denominator. */
    String IDENTIFIED_HOUSEHOLDS = "identified.households";
    String IDENTIFIED_PERSONS = "identified.persons";
    String ELIMINATED_HOUSEHOLDS = "eliminated.households";
    String ELIMINATED_PERSONS = "eliminated.persons";
    /** Prefixes: {@code monitored.households.category.<CODE>}, {@code monitored.persons.category.<CODE>}, … */
    String BY_CATEGORY_HOUSEHOLDS = "monitored.households.category.";
    String BY_CATEGORY_PERSONS = "monitored.persons.category.";
    String BY_RISK_HOUSEHOLDS = "monitored.households.risk.";
    String BY_RISK_PERSONS = "monitored.persons.risk.";
    /** Identification leads opened, confirmed, rejected in the day's month up to the day; open leads past due. */
    String LEADS_NEW = "leads.new";
    String LEADS_CONFIRMED = "leads.confirmed";
    String LEADS_REJECTED = "leads.rejected";
    String LEADS_OVERDUE = "leads.overdue";
    /** Monitored households identified more than a month before the day with no plan measure by then. */
    String WITHOUT_MEASURE = "monitored.withoutMeasure";
    /** Prefix {@code measures.<GROUP>.<STATE>}: plan measures by group and (today's) state. */
    String MEASURES = "measures.";
    /** Monitored households with a checked income, the sum of their per-capita incomes, how many are below the line. */
    String INCOME_HOUSEHOLDS = "income.households";
    String INCOME_PER_CAPITA_SUM = "income.perCapitaSum";
    String INCOME_BELOW_LINE = "income.belowLine";
    /** Data-quality findings (casework's 数据质量 rules) of monitored households. */
    String QUALITY_FINDINGS = "quality.findings";
    /**
     * 防贫保 (insurance): claims received in the day's year up to the day, claims paid and their payouts (yuan) in the
     * year up to the day, payouts (yuan) in the day's month up to the day.
     */
    String INSURANCE_CLAIMS = "insurance.claims";
    String INSURANCE_PAID = "insurance.paid";
    String INSURANCE_PAYOUTS = "insurance.payouts";
    String INSURANCE_PAYOUTS_MONTH = "insurance.payoutsMonth";
    /** The registry: households and active persons. */
    String REGISTRY_HOUSEHOLDS = "registry.households";
    String REGISTRY_PERSONS = "registry.persons";
}
