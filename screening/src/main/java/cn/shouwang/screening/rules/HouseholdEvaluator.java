package cn.shouwang.screening.rules;

import cn.shouwang.core.household.RiskType;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.feed.PackedId;
import cn.shouwang.screening.feed.Values;
import cn.shouwang.screening.output.Warning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The sixteen rules of feeds.md, the three asset rules of docs/feeds-assets.md and suppression, for one household. The only place rules are written: the
 * single-machine engine and the Spark job both call {@link #evaluate}. Pure and deterministic: the result depends
 * only on the inputs, never on their order or on the thread.
 */
public final class HouseholdEvaluator {
    private HouseholdEvaluator() {}

    private static final Comparator<FeedRow> BY_KIND_PERSON_LINE = (a, b) -> {
        int c = Integer.compare(a.kind().ordinal(), b.kind().ordinal());
        if (c != 0) return c;
        c = Long.compare(a.key(), b.key());
        return c != 0 ? c : Integer.compare(a.line(), b.line());
    };

    /** The household's warnings, sorted as in warnings.csv. */
    public static List<Warning> evaluate(EvaluationContext ctx, HouseholdInput in) {
        Ctx c = new Ctx(ctx, in);
        FeedRow[] rows = in.rows().toArray(new FeedRow[0]);
        Arrays.sort(rows, BY_KIND_PERSON_LINE);
        int i = 0;
        while (i < rows.length) {
            int j = i + 1;
            while (j < rows.length && rows[j].kind() == rows[i].kind() && rows[j].key() == rows[i].key()) j++;
            c.person(rows, i, j);
            i = j;
        }
        c.householdRules();
        if (c.out.size() > 1) c.out.sort(Warning.ORDER);
        return c.out;
    }

    /** The row of {@code incomes} with the greatest year not after {@code year}; a later line wins a tie. */
    public static Income latestIncome(List<Income> incomes, int year) {
        Income best = null;
        for (Income inc : incomes) {
            if (laterIncome(inc, best, year)) best = inc;
        }
        return best;
    }

    /**
     * Whether {@code candidate} takes the place of {@code best} (null: none yet) as the latest income up to
     * {@code year}. The engine keeps only the winner per household as incomes are read; this is the one comparison.
     */
    public static boolean laterIncome(Income candidate, Income best, int year) {
        if (candidate.year() > year) return false;
        return best == null || candidate.year() > best.year()
                || (candidate.year() == best.year() && candidate.line() > best.line());
    }

    private static final class Ctx {
        final EvaluationContext ctx;
        final RulesConfig rules;
        final Period period;
        final HouseholdInput in;
        final String hid;
        final String periodText;
        final Income income;
        final int monitoredMask;
        final boolean monitored;
        final List<Warning> out = new ArrayList<>(4);
        final int start, end;
        // household accumulators
        long medicalSum;
        int medicalLine = Integer.MAX_VALUE;
        long[] insured; // persons with an enrollment row for the period's year
        int insuredCount;

        Ctx(EvaluationContext ctx, HouseholdInput in) {
            this.ctx = ctx;
            this.rules = ctx.rules();
            this.period = ctx.period();
            this.in = in;
            this.hid = in.household().householdId();
            this.periodText = period.toString();
            this.income = latestIncome(in.incomes(), period.year());
            int mask = 0;
            boolean mon = false;
            for (MonitoredRow m : in.monitored()) {
                if (m.monitored()) {
                    mon = true;
                    mask |= m.riskTypes();
                }
            }
            this.monitoredMask = mask;
            this.monitored = mon;
            this.start = period.startDay();
            this.end = period.endDay();
        }

        Member member(long id) {
            for (Member m : in.members()) if (m.id() == id) return m;
            return null;
        }

        /** Suppression (feeds.md): monitored for the risk, or monitored at all for rules without a risk type. */
        void warn(Rule rule, long person, int line, String detail) {
            RiskType rt = rule.riskType();
            // an asset above the limit matters most for a monitored household (feeds-assets.md): never suppressed
            if (!rule.asset() && (rt == null ? monitored : (monitoredMask & (1 << rt.ordinal())) != 0)) return;
            out.add(new Warning(periodText, hid, person, rule, line, detail));
        }

        /** rows[from, to): one person's rows of one kind, by line. */
        void person(FeedRow[] rows, int from, int to) {
            FeedKind kind = rows[from].kind();
            long id = rows[from].key();
            switch (kind) {
                case MEDICAL_CLAIMS -> medical(rows, from, to, id);
                case MAJOR_DIAGNOSES -> {
                    if (!ctx.runs(Rule.MAJOR_DIAGNOSIS)) return;
                    for (int k = from; k < to; k++) {
                        if (inPeriod(rows[k].date())) {
                            warn(Rule.MAJOR_DIAGNOSIS, id, rows[k].line(), "diagnosed_on=" + day(rows[k].date()));
                            return;
                        }
                    }
                }
                case INSURANCE_ENROLLMENT -> {
                    for (int k = from; k < to; k++) {
                        if (rows[k].date() == period.year()) {
                            if (insured == null) insured = new long[4];
                            if (insuredCount == insured.length) insured = Arrays.copyOf(insured, insuredCount * 2);
                            insured[insuredCount++] = id;
                            return;
                        }
                    }
                }
                case HOUSING_APPRAISALS -> {
                    if (!ctx.runs(Rule.UNSAFE_HOUSE)) return;
                    FeedRow latest = latestUpToEnd(rows, from, to);
                    if (latest != null && rules.unsafeHouseGrades().contains(latest.code())) {
                        warn(Rule.UNSAFE_HOUSE, id, latest.line(), "grade=" + latest.code() + ";appraised_on=" + day(latest.date()));
                    }
                }
                case SCHOOL_ENROLLMENT -> {
                    if (!ctx.runs(Rule.DROPOUT)) return;
                    FeedRow latest = latestUpToEnd(rows, from, to);
                    if (latest != null && "DROPPED_OUT".equals(latest.code())) {
                        int age = PackedId.ageOn(id, end);
                        if (age >= rules.dropoutMinAge() && age <= rules.dropoutMaxAge()) {
                            warn(Rule.DROPOUT, id, latest.line(), "status=DROPPED_OUT;reported_on=" + day(latest.date()) + ";age=" + age);
                        }
                    }
                }
                case SCHOOL_COSTS -> {
                    if (!ctx.runs(Rule.SCHOOL_COST)) return;
                    for (int k = from; k < to; k++) {
                        FeedRow r = rows[k];
                        if (rules.schoolCostStages().contains(r.code()) && r.amount() > rules.schoolCostThreshold()) {
                            warn(Rule.SCHOOL_COST, id, r.line(), "stage=" + r.code() + ";out_of_pocket=" + Values.yuan(r.amount()));
                            return;
                        }
                    }
                }
                case DISABILITY_CERTIFICATES -> {
                    if (!ctx.runs(Rule.NEW_DISABILITY)) return;
                    for (int k = from; k < to; k++) {
                        FeedRow r = rows[k];
                        if (rules.disabilityGrades().contains(r.code()) && inPeriod(r.date())) {
                            warn(Rule.NEW_DISABILITY, id, r.line(), "grade=" + r.code() + ";issued_on=" + day(r.date()));
                            return;
                        }
                    }
                }
                case CIVIL_REGISTRY_EVENTS -> {
                    if (!ctx.runs(Rule.DEATH_OF_WORKER)) return;
                    for (int k = from; k < to; k++) {
                        FeedRow r = rows[k];
                        if (!"DEATH".equals(r.code()) || !inPeriod(r.date())) continue;
                        int age = PackedId.ageOn(id, r.date());
                        boolean workingAge = age >= rules.deathMinAge() && age <= rules.deathMaxAge();
                        if (workingAge || onlyWorker(id)) {
                            warn(Rule.DEATH_OF_WORKER, id, r.line(), "event_on=" + day(r.date()) + ";age=" + age
                                    + (workingAge ? "" : ";only_member_able_to_work=Y"));
                            return;
                        }
                    }
                }
                case ACCIDENTS -> {
                    if (!ctx.runs(Rule.ACCIDENT)) return;
                    for (int k = from; k < to; k++) {
                        if (inPeriod(rows[k].date())) {
                            warn(Rule.ACCIDENT, id, rows[k].line(), "occurred_on=" + day(rows[k].date()));
                            return;
                        }
                    }
                }
                case DISASTER_LOSSES -> {
                    if (!ctx.runs(Rule.DISASTER_LOSS)) return;
                    long sum = 0;
                    int first = 0;
                    for (int k = from; k < to; k++) {
                        if (inPeriod(rows[k].date())) {
                            sum += rows[k].amount();
                            if (first == 0) first = rows[k].line();
                        }
                    }
                    if (first == 0) return;
                    boolean byAmount = sum >= rules.disasterLossThreshold();
                    long net = income == null ? 0 : income.net();
                    boolean byShare = net > 0 && rules.disasterLossShare().reachedBy(sum, net);
                    if (byAmount || byShare) {
                        warn(Rule.DISASTER_LOSS, id, first, "loss=" + Values.yuan(sum) + (net > 0 ? ";net_income=" + Values.yuan(net) : ""));
                    }
                }
                case EMPLOYMENT_STATUS -> {
                    if (!ctx.runs(Rule.JOB_LOSS) || income == null) return;
                    int m = period.monthIndex();
                    FeedRow now = null, before = null;
                    for (int k = from; k < to; k++) { // rows are by line: the later line wins
                        if (rows[k].date() == m) now = rows[k];
                        else if (rows[k].date() == m - 1) before = rows[k];
                    }
                    if (now != null && before != null && "UNEMPLOYED".equals(now.code()) && "EMPLOYED".equals(before.code())
                            && rules.jobLossWageShare().exceededBy(income.wages(), income.gross())) {
                        warn(Rule.JOB_LOSS, id, Math.min(now.line(), before.line()),
                                "wages=" + Values.yuan(income.wages()) + ";income=" + Values.yuan(income.gross()));
                    }
                }
                case ENTERPRISE_PAYMENTS -> {
                    if (!ctx.runs(Rule.DIVIDEND_SHORTFALL)) return;
                    long due = 0, paid = 0;
                    int first = 0;
                    for (int k = from; k < to; k++) {
                        if (rows[k].date() == period.monthIndex()) {
                            due += rows[k].amount();
                            paid += rows[k].amount2();
                            if (first == 0) first = rows[k].line();
                        }
                    }
                    if (first != 0 && paid < due) {
                        warn(Rule.DIVIDEND_SHORTFALL, id, first, "due=" + Values.yuan(due) + ";paid=" + Values.yuan(paid));
                    }
                }
                case SOCIAL_ASSISTANCE -> {
                    if (!ctx.runs(Rule.NEW_ASSISTANCE)) return;
                    for (int k = from; k < to; k++) {
                        FeedRow r = rows[k];
                        if (rules.assistanceKinds().contains(r.code()) && inPeriod(r.date())) {
                            warn(Rule.NEW_ASSISTANCE, id, r.line(), "kind=" + r.code() + ";started_on=" + day(r.date()));
                            return;
                        }
                    }
                }
                case VEHICLE_REGISTRATIONS -> asset(Rule.VEHICLE_ASSET, rows, from, to, id, rules.assets().vehicleTypes(),
                        rules.assets().vehicleLimit(), "vehicle_type", "value");
                case PROPERTY_REGISTRATIONS -> asset(Rule.PROPERTY_ASSET, rows, from, to, id, rules.assets().propertyTypes(),
                        rules.assets().propertyLimit(), "property_type", "value");
                case MARKET_ENTITIES -> asset(Rule.MARKET_ENTITY_ASSET, rows, from, to, id,
                        rules.assets().marketEntityTypes(), rules.assets().marketEntityLimit(), "entity_type",
                        "registered_capital");
                default -> { } // WATER_SUPPLY comes through waterChecks; registry kinds never here
            }
        }

        /**
         * The person's first registration (by line) of a type among {@code types}, registered up to period end, not
         * ended, with a value above the limit (strictly: at the limit it does not count). One warning per person.
         */
        void asset(Rule rule, FeedRow[] rows, int from, int to, long id, java.util.Set<String> types, long limit,
                   String typeKey, String valueKey) {
            if (!ctx.runs(rule)) return;
            for (int k = from; k < to; k++) {
                FeedRow r = rows[k];
                if (r.amount2() != 0 || r.date() > end || !types.contains(r.code()) || r.amount() <= limit) continue;
                warn(rule, id, r.line(), typeKey + "=" + r.code() + ";" + valueKey + "=" + Values.yuan(r.amount())
                        + ";limit=" + Values.yuan(limit) + ";registered_on=" + day(r.date()));
                return;
            }
        }

        void medical(FeedRow[] rows, int from, int to, long id) {
            long sum = 0;
            int first = 0;
            int yearStart = period.yearStartDay();
            for (int k = from; k < to; k++) {
                int d = rows[k].date();
                if (d >= yearStart && d <= end) {
                    sum += rows[k].amount();
                    if (first == 0) first = rows[k].line();
                }
            }
            if (first == 0) return;
            medicalSum += sum;
            medicalLine = Math.min(medicalLine, first);
            if (!ctx.runs(Rule.MEDICAL_PERSON)) return;
            boolean priority = in.household().formerlyPoor() || monitored;
            long threshold = priority ? rules.medicalPersonPriorityThreshold() : rules.medicalPersonOtherThreshold();
            if (sum >= threshold) {
                warn(Rule.MEDICAL_PERSON, id, first, "out_of_pocket=" + Values.yuan(sum) + ";threshold=" + Values.yuan(threshold));
            }
        }

        /** The person could work and no other ACTIVE member of the household can. */
        boolean onlyWorker(long id) {
            Member self = member(id);
            if (self == null || !self.labourCapacity().canWork()) return false;
            for (Member m : in.members()) {
                if (m.id() != id && m.active() && m.labourCapacity().canWork()) return false;
            }
            return true;
        }

        void householdRules() {
            if (ctx.runs(Rule.MEDICAL_HOUSEHOLD) && medicalLine != Integer.MAX_VALUE && income != null && income.net() > 0
                    && rules.medicalHouseholdShare().exceededBy(medicalSum, income.net())) {
                warn(Rule.MEDICAL_HOUSEHOLD, Warning.NO_PERSON, medicalLine,
                        "out_of_pocket=" + Values.yuan(medicalSum) + ";net_income=" + Values.yuan(income.net()));
            }
            if (ctx.runs(Rule.NOT_INSURED)) {
                for (Member m : in.members()) {
                    if (m.active() && !isInsured(m.id())) warn(Rule.NOT_INSURED, m.id(), 0, "year=" + period.year());
                }
            }
            if (ctx.runs(Rule.UNSAFE_WATER) && !in.waterChecks().isEmpty()) {
                FeedRow latest = null;
                for (FeedRow r : in.waterChecks()) {
                    if (r.date() > end) continue;
                    if (latest == null || r.date() > latest.date() || (r.date() == latest.date() && r.line() > latest.line())) latest = r;
                }
                if (latest != null && "NOT_OK".equals(latest.code())) {
                    warn(Rule.UNSAFE_WATER, Warning.NO_PERSON, latest.line(), "status=NOT_OK;checked_on=" + day(latest.date()));
                }
            }
            if (ctx.runs(Rule.INCOME_BELOW_LINE) && income != null) {
                int active = 0;
                for (Member m : in.members()) if (m.active()) active++;
                if (active > 0) {
                    long value = income.net() - income.eligibleOutOfPocket();
                    long line = rules.incomeLine(income.year());
                    // no line (0): the server knows no line for that year and compares with none rather than a guess
                    if (line > 0 && value < line * active) {
                        warn(Rule.INCOME_BELOW_LINE, Warning.NO_PERSON, income.line(), "year=" + income.year()
                                + ";per_capita=" + perCapita(value, active) + ";line=" + Values.yuan(line));
                    }
                }
            }
        }

        boolean isInsured(long id) {
            for (int k = 0; k < insuredCount; k++) if (insured[k] == id) return true;
            return false;
        }

        boolean inPeriod(int d) { return d >= start && d <= end; }

        /** Latest row up to period end by date; a later line wins a tie (rows are by line). */
        FeedRow latestUpToEnd(FeedRow[] rows, int from, int to) {
            FeedRow latest = null;
            for (int k = from; k < to; k++) {
                FeedRow r = rows[k];
                if (r.date() <= end && (latest == null || r.date() >= latest.date())) latest = r;
            }
            return latest;
        }
    }

    static String day(int epochDay) { return java.time.LocalDate.ofEpochDay(epochDay).toString(); }

    /** Per-capita value in yuan, rounded half-up to fen, for the detail only (the rule compares exactly). */
    static String perCapita(long fen, int persons) {
        return new java.math.BigDecimal(fen).divide(java.math.BigDecimal.valueOf(persons * 100L), 2,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
