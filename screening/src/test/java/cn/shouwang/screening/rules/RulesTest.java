package cn.shouwang.screening.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.output.Warning;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule of feeds.md at its boundaries, through the one evaluator the engine and Spark share. */
class RulesTest {
    static final Period JUNE = Period.parse("2024-06");
    static final LocalDate END = LocalDate.of(2024, 6, 30);
    static final long AREA = 220322103001L;

    /** A valid packed id number for a birth date. */
    static long id(LocalDate birth, int seq) {
        String s = "220322" + birth.toString().replace("-", "") + String.format("%03d", seq);
        String full = s + IdNumber.checkCharacter(s);
        assertThat(IdNumber.problem(full)).isNull();
        return Long.parseLong(s);
    }

    static final long A = id(LocalDate.of(1970, 3, 1), 11);
    static final long B = id(LocalDate.of(1972, 5, 9), 22);

    /** Builder for one household's input. */
    static final class H {
        boolean formerlyPoor;
        final List<Member> members = new ArrayList<>();
        final List<Income> incomes = new ArrayList<>();
        final List<MonitoredRow> monitored = new ArrayList<>();
        final List<FeedRow> rows = new ArrayList<>();
        final List<FeedRow> water = new ArrayList<>();
        EnumSet<FeedKind> present = EnumSet.copyOf(FeedKind.departments());
        RulesConfig rules = RulesConfig.defaults();

        H member(long id, LabourCapacity lc, MemberStatus st) {
            members.add(new Member("H1", id, members.isEmpty() ? Relation.HEAD : Relation.CHILD, lc, st, members.size() + 2));
            return this;
        }

        H member(long id) { return member(id, LabourCapacity.ORDINARY, MemberStatus.ACTIVE); }

        /** wages, business, property, transfers, costs, eligible out-of-pocket in yuan. */
        H income(int year, long w, long b, long p, long t, long c, long oop, int line) {
            incomes.add(new Income("H1", year, w * 100, b * 100, p * 100, t * 100, c * 100, oop * 100, line));
            return this;
        }

        H monitored(boolean active, RiskType... types) {
            int mask = 0;
            for (RiskType t : types) mask |= 1 << t.ordinal();
            monitored.add(new MonitoredRow("H1", mask, active, monitored.size() + 2));
            return this;
        }

        H row(FeedKind k, int line, long key, int date, long amount, long amount2, String code) {
            rows.add(new FeedRow(k, line, key, date, amount, amount2, code));
            return this;
        }

        List<Warning> eval() {
            // every active member insured unless a test says otherwise, so NOT_INSURED stays out of the way
            if (present.contains(FeedKind.INSURANCE_ENROLLMENT) && rows.stream().noneMatch(r -> r.kind() == FeedKind.INSURANCE_ENROLLMENT)) {
                for (Member m : members) rows.add(new FeedRow(FeedKind.INSURANCE_ENROLLMENT, 900, m.id(), 2024, 0, 0, null));
            }
            Household h = new Household("H1", AREA, members.isEmpty() ? A : members.get(0).id(), formerlyPoor, 2);
            return HouseholdEvaluator.evaluate(new EvaluationContext(JUNE, rules, present),
                    new HouseholdInput(h, members, incomes, monitored, rows, water));
        }

        List<String> fired() {
            return eval().stream().map(w -> w.rule().name() + (w.personId() == Warning.NO_PERSON ? "" : "@" + w.personId())
                    + ":" + w.line()).toList();
        }
    }

    static int day(String iso) { return (int) LocalDate.parse(iso).toEpochDay(); }

    static long yuan(String s) { return new java.math.BigDecimal(s).movePointRight(2).longValueExact(); }

    // ------------------------------------------------------------------ MEDICAL_PERSON / MEDICAL_HOUSEHOLD

    @Test void medicalPersonThresholdIsGreaterOrEqual() {
        H h = new H().member(A);
        h.row(FeedKind.MEDICAL_CLAIMS, 5, A, day("2024-06-30"), yuan("20000"), 0, null);
        assertThat(h.fired()).containsExactly("MEDICAL_PERSON@" + A + ":5");
        H below = new H().member(A);
        below.row(FeedKind.MEDICAL_CLAIMS, 5, A, day("2024-06-30"), yuan("19999.99"), 0, null);
        assertThat(below.fired()).isEmpty();
    }

    @Test void medicalPersonFormerlyPoorOrMonitoredUseTheLowThreshold() {
        H poor = new H().member(A);
        poor.formerlyPoor = true;
        poor.row(FeedKind.MEDICAL_CLAIMS, 3, A, day("2024-02-01"), yuan("5000"), 0, null);
        assertThat(poor.fired()).containsExactly("MEDICAL_PERSON@" + A + ":3");

        H monitoredForAccident = new H().member(A).monitored(true, RiskType.ACCIDENT);
        monitoredForAccident.row(FeedKind.MEDICAL_CLAIMS, 3, A, day("2024-02-01"), yuan("4000"), 0, null);
        monitoredForAccident.row(FeedKind.MEDICAL_CLAIMS, 4, A, day("2024-03-01"), yuan("1000"), 0, null);
        assertThat(monitoredForAccident.fired()).containsExactly("MEDICAL_PERSON@" + A + ":3");

        H eliminated = new H().member(A).monitored(false, RiskType.ILLNESS);
        eliminated.row(FeedKind.MEDICAL_CLAIMS, 3, A, day("2024-02-01"), yuan("5000"), 0, null);
        assertThat(eliminated.fired()).as("eliminated is not monitored: high threshold").isEmpty();

        H poorBelow = new H().member(A);
        poorBelow.formerlyPoor = true;
        poorBelow.row(FeedKind.MEDICAL_CLAIMS, 3, A, day("2024-02-01"), yuan("4999.99"), 0, null);
        assertThat(poorBelow.fired()).isEmpty();
    }

    @Test void medicalSumRunsFromFirstOfJanuaryToPeriodEnd() {
        H h = new H().member(A);
        h.formerlyPoor = true;
        h.row(FeedKind.MEDICAL_CLAIMS, 2, A, day("2023-12-31"), yuan("4000"), 0, null);
        h.row(FeedKind.MEDICAL_CLAIMS, 3, A, day("2024-07-01"), yuan("4000"), 0, null);
        h.row(FeedKind.MEDICAL_CLAIMS, 4, A, day("2024-01-01"), yuan("2500"), 0, null);
        h.row(FeedKind.MEDICAL_CLAIMS, 7, A, day("2024-06-30"), yuan("2500"), 0, null);
        assertThat(h.fired()).containsExactly("MEDICAL_PERSON@" + A + ":4");
    }

    @Test void medicalHouseholdIsStrictlyMoreThanHalfOfPositiveNetIncome() {
        // net = 20000 + 1000 + 0 + 0 - 1000 = 20000; half = 10000
        H exactly = new H().member(A).member(B).income(2023, 20000, 1000, 0, 0, 1000, 0, 2);
        exactly.row(FeedKind.MEDICAL_CLAIMS, 9, A, day("2024-03-01"), yuan("6000"), 0, null);
        exactly.row(FeedKind.MEDICAL_CLAIMS, 4, B, day("2024-04-01"), yuan("4000"), 0, null);
        assertThat(exactly.fired()).isEmpty();

        H over = new H().member(A).member(B).income(2023, 20000, 1000, 0, 0, 1000, 0, 2);
        over.row(FeedKind.MEDICAL_CLAIMS, 9, A, day("2024-03-01"), yuan("6000"), 0, null);
        over.row(FeedKind.MEDICAL_CLAIMS, 4, B, day("2024-04-01"), yuan("4000.01"), 0, null);
        assertThat(over.fired()).containsExactly("MEDICAL_HOUSEHOLD:4");

        H noIncome = new H().member(A).income(2023, 0, 0, 0, 0, 100, 0, 2);
        noIncome.row(FeedKind.MEDICAL_CLAIMS, 9, A, day("2024-03-01"), yuan("3000"), 0, null);
        assertThat(noIncome.fired()).as("net income <= 0: no household rule").containsExactly("INCOME_BELOW_LINE:2");
    }

    // ------------------------------------------------------------------ dates in the period

    @Test void majorDiagnosisAccidentDisabilityAssistanceNeedTheirDayInThePeriod() {
        H h = new H().member(A).member(B);
        h.row(FeedKind.MAJOR_DIAGNOSES, 2, A, day("2024-05-31"), 0, 0, null);
        h.row(FeedKind.MAJOR_DIAGNOSES, 3, B, day("2024-06-01"), 0, 0, null);
        h.row(FeedKind.ACCIDENTS, 2, A, day("2024-06-30"), 0, 0, null);
        h.row(FeedKind.ACCIDENTS, 3, B, day("2024-07-01"), 0, 0, null);
        h.row(FeedKind.DISABILITY_CERTIFICATES, 2, A, day("2024-06-10"), 0, 0, "2");
        h.row(FeedKind.DISABILITY_CERTIFICATES, 3, B, day("2024-06-10"), 0, 0, "3");
        h.row(FeedKind.SOCIAL_ASSISTANCE, 2, A, day("2024-06-10"), 0, 0, "MINIMUM_LIVING");
        h.row(FeedKind.SOCIAL_ASSISTANCE, 3, B, day("2024-06-10"), 0, 0, "ORPHAN");
        assertThat(h.fired()).containsExactly("ACCIDENT@" + A + ":2", "MAJOR_DIAGNOSIS@" + B + ":3",
                "NEW_ASSISTANCE@" + A + ":2", "NEW_DISABILITY@" + A + ":2");
    }

    // ------------------------------------------------------------------ NOT_INSURED

    @Test void notInsuredForActiveMembersWithoutThePeriodsYear() {
        long dead = id(LocalDate.of(1940, 1, 1), 33);
        H h = new H().member(A).member(B).member(dead, LabourCapacity.NONE, MemberStatus.DECEASED);
        h.row(FeedKind.INSURANCE_ENROLLMENT, 2, A, 2024, 0, 0, null);
        h.row(FeedKind.INSURANCE_ENROLLMENT, 3, B, 2023, 0, 0, null);
        List<Warning> ws = h.eval();
        assertThat(ws).extracting(w -> w.rule().name() + "@" + w.personId()).containsExactly("NOT_INSURED@" + B);
        assertThat(ws.get(0).toCsvLine()).startsWith("2024-06,H1," + cn.shouwang.screening.feed.PackedId.text(B)
                + ",NOT_INSURED,ILLNESS,insurance_enrollment,,");
    }

    @Test void rulesOfAnAbsentFileDoNotRun() {
        H h = new H().member(A);
        h.present.remove(FeedKind.INSURANCE_ENROLLMENT);
        assertThat(h.fired()).as("no insurance file: nobody is 'not insured'").isEmpty();
        H med = new H().member(A);
        med.present.remove(FeedKind.MEDICAL_CLAIMS);
        med.row(FeedKind.MEDICAL_CLAIMS, 5, A, day("2024-06-01"), yuan("90000"), 0, null);
        assertThat(med.fired()).isEmpty();
    }

    // ------------------------------------------------------------------ latest row, a later line wins

    @Test void unsafeHouseUsesTheLatestAppraisalAndALaterLineWinsATie() {
        H later = new H().member(A);
        later.row(FeedKind.HOUSING_APPRAISALS, 2, A, day("2023-01-01"), 0, 0, "A");
        later.row(FeedKind.HOUSING_APPRAISALS, 3, A, day("2023-01-01"), 0, 0, "C");
        assertThat(later.fired()).containsExactly("UNSAFE_HOUSE@" + A + ":3");

        H earlierC = new H().member(A);
        earlierC.row(FeedKind.HOUSING_APPRAISALS, 2, A, day("2023-01-01"), 0, 0, "D");
        earlierC.row(FeedKind.HOUSING_APPRAISALS, 3, A, day("2023-01-01"), 0, 0, "B");
        assertThat(earlierC.fired()).isEmpty();

        H afterEnd = new H().member(A);
        afterEnd.row(FeedKind.HOUSING_APPRAISALS, 2, A, day("2024-06-30"), 0, 0, "C");
        afterEnd.row(FeedKind.HOUSING_APPRAISALS, 3, A, day("2024-07-01"), 0, 0, "A");
        assertThat(afterEnd.fired()).as("the July appraisal is after period end").containsExactly("UNSAFE_HOUSE@" + A + ":2");
    }

    @Test void dropoutForAges6To15AtPeriodEnd() {
        long age5 = id(LocalDate.of(2018, 7, 1), 1);   // turns 6 the day after period end
        long age6 = id(LocalDate.of(2018, 6, 30), 2);  // turns 6 on period end
        long age15 = id(LocalDate.of(2008, 7, 1), 3);  // still 15
        long age16 = id(LocalDate.of(2008, 6, 30), 4); // 16 on period end
        H h = new H().member(A).member(age5).member(age6).member(age15).member(age16);
        int line = 2;
        for (long c : new long[]{age5, age6, age15, age16}) {
            h.row(FeedKind.SCHOOL_ENROLLMENT, line++, c, day("2024-03-01"), 0, 0, "DROPPED_OUT");
        }
        assertThat(h.fired()).containsExactlyInAnyOrder("DROPOUT@" + age6 + ":3", "DROPOUT@" + age15 + ":4");
    }

    @Test void dropoutTieOnTheSameDayLaterLineWins() {
        long child = id(LocalDate.of(2012, 1, 1), 5);
        H back = new H().member(A).member(child);
        back.row(FeedKind.SCHOOL_ENROLLMENT, 7, child, day("2024-05-01"), 0, 0, "DROPPED_OUT");
        back.row(FeedKind.SCHOOL_ENROLLMENT, 8, child, day("2024-05-01"), 0, 0, "ENROLLED");
        assertThat(back.fired()).isEmpty();
        H out = new H().member(A).member(child);
        out.row(FeedKind.SCHOOL_ENROLLMENT, 7, child, day("2024-05-01"), 0, 0, "ENROLLED");
        out.row(FeedKind.SCHOOL_ENROLLMENT, 8, child, day("2024-05-01"), 0, 0, "DROPPED_OUT");
        out.row(FeedKind.SCHOOL_ENROLLMENT, 9, child, day("2024-07-01"), 0, 0, "ENROLLED");
        assertThat(out.fired()).containsExactly("DROPOUT@" + child + ":8");
    }

    @Test void schoolCostIsStrictlyOverTenThousandForSeniorOrVocational() {
        long c1 = id(LocalDate.of(2007, 1, 1), 6), c2 = id(LocalDate.of(2007, 2, 1), 7), c3 = id(LocalDate.of(2010, 2, 1), 9);
        H h = new H().member(A).member(c1).member(c2).member(c3);
        h.row(FeedKind.SCHOOL_COSTS, 2, c1, 2023, yuan("10000"), 0, "SENIOR");
        h.row(FeedKind.SCHOOL_COSTS, 3, c2, 2023, yuan("10000.01"), 0, "VOCATIONAL");
        h.row(FeedKind.SCHOOL_COSTS, 4, c3, 2023, yuan("20000"), 0, "JUNIOR");
        assertThat(h.fired()).containsExactly("SCHOOL_COST@" + c2 + ":3");
    }

    // ------------------------------------------------------------------ DEATH_OF_WORKER

    @Test void deathOfWorkerAged16To59AtTheEvent() {
        long age15 = id(LocalDate.of(2008, 6, 16), 1); // 15 on 2024-06-15, 16 at period end
        long age16 = id(LocalDate.of(2008, 6, 15), 2);
        long age59 = id(LocalDate.of(1964, 6, 16), 3); // 59 on 2024-06-15, 60 at period end
        long age60 = id(LocalDate.of(1964, 6, 15), 4);
        H h = new H().member(A).member(B)
                .member(age15, LabourCapacity.NONE, MemberStatus.ACTIVE).member(age16, LabourCapacity.NONE, MemberStatus.ACTIVE)
                .member(age59, LabourCapacity.WEAK, MemberStatus.ACTIVE).member(age60, LabourCapacity.WEAK, MemberStatus.ACTIVE);
        int line = 2;
        for (long p : new long[]{age15, age16, age59, age60}) {
            h.row(FeedKind.CIVIL_REGISTRY_EVENTS, line++, p, day("2024-06-15"), 0, 0, "DEATH");
        }
        h.row(FeedKind.CIVIL_REGISTRY_EVENTS, line++, A, day("2024-06-15"), 0, 0, "MOVE_OUT");
        h.row(FeedKind.CIVIL_REGISTRY_EVENTS, line, B, day("2024-05-31"), 0, 0, "DEATH");
        assertThat(h.fired()).containsExactlyInAnyOrder("DEATH_OF_WORKER@" + age16 + ":3", "DEATH_OF_WORKER@" + age59 + ":4");
    }

    @Test void deathOfTheOnlyMemberAbleToWorkAtAnyAge() {
        long old = id(LocalDate.of(1950, 1, 1), 8);
        long spouse = id(LocalDate.of(1952, 1, 1), 8);
        H only = new H().member(old, LabourCapacity.WEAK, MemberStatus.ACTIVE).member(spouse, LabourCapacity.LOST, MemberStatus.ACTIVE);
        only.row(FeedKind.CIVIL_REGISTRY_EVENTS, 5, old, day("2024-06-03"), 0, 0, "DEATH");
        assertThat(only.fired()).containsExactly("DEATH_OF_WORKER@" + old + ":5");

        H another = new H().member(old, LabourCapacity.WEAK, MemberStatus.ACTIVE).member(spouse, LabourCapacity.ORDINARY, MemberStatus.ACTIVE);
        another.row(FeedKind.CIVIL_REGISTRY_EVENTS, 5, old, day("2024-06-03"), 0, 0, "DEATH");
        assertThat(another.fired()).isEmpty();

        H movedOutWorker = new H().member(old, LabourCapacity.WEAK, MemberStatus.ACTIVE).member(spouse, LabourCapacity.ORDINARY, MemberStatus.MOVED_OUT);
        movedOutWorker.row(FeedKind.CIVIL_REGISTRY_EVENTS, 5, old, day("2024-06-03"), 0, 0, "DEATH");
        assertThat(movedOutWorker.fired()).as("the other worker is not ACTIVE").containsExactly("DEATH_OF_WORKER@" + old + ":5");
    }

    // ------------------------------------------------------------------ DISASTER_LOSS, JOB_LOSS, DIVIDEND_SHORTFALL

    @Test void disasterLossAtFiveThousandOrThirtyPercentOfNetIncome() {
        H below = new H().member(A).income(2023, 100000, 0, 0, 0, 0, 0, 2);
        below.row(FeedKind.DISASTER_LOSSES, 2, A, day("2024-06-01"), yuan("4999.99"), 0, null);
        assertThat(below.fired()).isEmpty();

        H two = new H().member(A).income(2023, 100000, 0, 0, 0, 0, 0, 2);
        two.row(FeedKind.DISASTER_LOSSES, 4, A, day("2024-06-01"), yuan("2500"), 0, null);
        two.row(FeedKind.DISASTER_LOSSES, 3, A, day("2024-05-31"), yuan("9000"), 0, null);
        two.row(FeedKind.DISASTER_LOSSES, 6, A, day("2024-06-30"), yuan("2500"), 0, null);
        assertThat(two.fired()).containsExactly("DISASTER_LOSS@" + A + ":4");

        H share = new H().member(A).income(2023, 10000, 0, 0, 0, 0, 0, 2);
        share.row(FeedKind.DISASTER_LOSSES, 2, A, day("2024-06-01"), yuan("3000"), 0, null);
        assertThat(share.fired()).as("3000 is exactly 30% of 10000").containsExactly("DISASTER_LOSS@" + A + ":2");
        H shareBelow = new H().member(A).income(2023, 10000, 0, 0, 0, 0, 0, 2);
        shareBelow.row(FeedKind.DISASTER_LOSSES, 2, A, day("2024-06-01"), yuan("2999.99"), 0, null);
        assertThat(shareBelow.fired()).isEmpty();
    }

    @Test void jobLossWhenWagesAreMoreThanHalfOfIncome() {
        H h = new H().member(A).income(2023, 10001, 10000, 0, 0, 5000, 0, 2);
        h.row(FeedKind.EMPLOYMENT_STATUS, 9, A, JUNE.monthIndex(), 0, 0, "UNEMPLOYED");
        h.row(FeedKind.EMPLOYMENT_STATUS, 4, A, JUNE.monthIndex() - 1, 300000, 0, "EMPLOYED");
        assertThat(h.fired()).containsExactly("JOB_LOSS@" + A + ":4");

        H half = new H().member(A).income(2023, 10000, 10000, 0, 0, 0, 0, 2);
        half.row(FeedKind.EMPLOYMENT_STATUS, 9, A, JUNE.monthIndex(), 0, 0, "UNEMPLOYED");
        half.row(FeedKind.EMPLOYMENT_STATUS, 4, A, JUNE.monthIndex() - 1, 300000, 0, "EMPLOYED");
        assertThat(half.fired()).as("exactly half is not more than half").isEmpty();

        H laterLine = new H().member(A).income(2023, 10001, 0, 0, 0, 0, 0, 2);
        laterLine.row(FeedKind.EMPLOYMENT_STATUS, 3, A, JUNE.monthIndex(), 0, 0, "UNEMPLOYED");
        laterLine.row(FeedKind.EMPLOYMENT_STATUS, 5, A, JUNE.monthIndex(), 0, 0, "EMPLOYED");
        laterLine.row(FeedKind.EMPLOYMENT_STATUS, 4, A, JUNE.monthIndex() - 1, 300000, 0, "EMPLOYED");
        assertThat(laterLine.fired()).isEmpty();
    }

    @Test void dividendShortfallInThePeriodOnly() {
        H h = new H().member(A).member(B);
        h.row(FeedKind.ENTERPRISE_PAYMENTS, 2, A, JUNE.monthIndex(), yuan("1000"), yuan("600"), null);
        h.row(FeedKind.ENTERPRISE_PAYMENTS, 3, A, JUNE.monthIndex(), yuan("500"), yuan("900"), null);
        h.row(FeedKind.ENTERPRISE_PAYMENTS, 4, B, JUNE.monthIndex(), yuan("1000"), yuan("999.99"), null);
        h.row(FeedKind.ENTERPRISE_PAYMENTS, 5, B, JUNE.monthIndex() - 1, yuan("1000"), yuan("0"), null);
        assertThat(h.fired()).containsExactly("DIVIDEND_SHORTFALL@" + B + ":4");
    }

    // ------------------------------------------------------------------ UNSAFE_WATER, INCOME_BELOW_LINE

    @Test void unsafeWaterFromTheVillagesLatestCheck() {
        H h = new H().member(A);
        h.water.add(new FeedRow(FeedKind.WATER_SUPPLY, 2, AREA, day("2024-01-01"), 0, 0, "NOT_OK"));
        h.water.add(new FeedRow(FeedKind.WATER_SUPPLY, 3, AREA, day("2024-07-01"), 0, 0, "OK"));
        assertThat(h.fired()).containsExactly("UNSAFE_WATER:2");
        H tie = new H().member(A);
        tie.water.add(new FeedRow(FeedKind.WATER_SUPPLY, 4, AREA, day("2024-01-01"), 0, 0, "NOT_OK"));
        tie.water.add(new FeedRow(FeedKind.WATER_SUPPLY, 5, AREA, day("2024-01-01"), 0, 0, "OK"));
        assertThat(tie.fired()).isEmpty();
    }

    @Test void incomeBelowLineIsStrictAndUsesTheLatestIncomeNotAfterThePeriodsYear() {
        // two active members, one deceased: (net - oop) / 2 compared with 6700
        long dead = id(LocalDate.of(1940, 1, 1), 33);
        H at = new H().member(A).member(B).member(dead, LabourCapacity.NONE, MemberStatus.DECEASED)
                .income(2023, 13400, 1000, 0, 0, 500, 500, 7)
                .income(2025, 0, 0, 0, 0, 0, 0, 8);
        assertThat(at.fired()).as("exactly at the line").isEmpty();
        H below = new H().member(A).member(B).income(2023, 13400, 1000, 0, 0, 500, 501, 7).income(2022, 1, 0, 0, 0, 0, 0, 3);
        assertThat(below.fired()).containsExactly("INCOME_BELOW_LINE:7");
        H sameYear = new H().member(A).income(2023, 100, 0, 0, 0, 0, 0, 3).income(2023, 90000, 0, 0, 0, 0, 0, 4);
        assertThat(sameYear.fired()).as("same year: the later line wins").isEmpty();
        H lineByYear = new H().member(A).income(2023, 7000, 0, 0, 0, 0, 0, 3);
        lineByYear.rules = withIncomeLine(2023, 7000.01);
        assertThat(lineByYear.fired()).containsExactly("INCOME_BELOW_LINE:3");
    }

    static RulesConfig withIncomeLine(int year, double line) {
        try {
            return RulesFile.parse("income_below_line:\n  monitoring_line:\n    " + year + ": " + line + "\n");
        } catch (RulesFile.RulesFileException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ suppression

    @Test void monitoredHouseholdsAreNotWarnedForTheirRiskOrForRulesWithoutRisk() {
        H h = new H().member(A).monitored(true, RiskType.ILLNESS).income(2023, 100, 0, 0, 0, 0, 0, 2);
        h.row(FeedKind.MAJOR_DIAGNOSES, 2, A, day("2024-06-02"), 0, 0, null);
        h.row(FeedKind.HOUSING_APPRAISALS, 2, A, day("2024-06-02"), 0, 0, "D");
        h.row(FeedKind.SOCIAL_ASSISTANCE, 2, A, day("2024-06-02"), 0, 0, "TEMPORARY_RELIEF");
        assertThat(h.fired()).containsExactly("UNSAFE_HOUSE@" + A + ":2");

        H eliminated = new H().member(A).monitored(false, RiskType.ILLNESS, RiskType.UNSAFE_HOUSING).income(2023, 100, 0, 0, 0, 0, 0, 2);
        eliminated.row(FeedKind.MAJOR_DIAGNOSES, 2, A, day("2024-06-02"), 0, 0, null);
        eliminated.row(FeedKind.HOUSING_APPRAISALS, 2, A, day("2024-06-02"), 0, 0, "D");
        eliminated.row(FeedKind.SOCIAL_ASSISTANCE, 2, A, day("2024-06-02"), 0, 0, "TEMPORARY_RELIEF");
        assertThat(eliminated.fired()).containsExactly("INCOME_BELOW_LINE:2", "MAJOR_DIAGNOSIS@" + A + ":2",
                "NEW_ASSISTANCE@" + A + ":2", "UNSAFE_HOUSE@" + A + ":2");
    }

    @Test void disabledRulesDoNotRun() throws Exception {
        H h = new H().member(A);
        h.rules = RulesFile.parse("unsafe_house: {enabled: false}\nmajor_diagnosis:\n  enabled: true\n");
        h.row(FeedKind.HOUSING_APPRAISALS, 2, A, day("2024-06-02"), 0, 0, "D");
        h.row(FeedKind.MAJOR_DIAGNOSES, 2, A, day("2024-06-02"), 0, 0, null);
        assertThat(h.fired()).containsExactly("MAJOR_DIAGNOSIS@" + A + ":2");
    }

    @Test void orderOfInputRowsDoesNotMatter() {
        H h = new H().member(A).member(B).income(2023, 1000, 0, 0, 0, 0, 0, 2);
        h.formerlyPoor = true;
        h.row(FeedKind.MEDICAL_CLAIMS, 9, A, day("2024-03-01"), yuan("3000"), 0, null);
        h.row(FeedKind.MEDICAL_CLAIMS, 4, B, day("2024-04-01"), yuan("6000"), 0, null);
        h.row(FeedKind.MEDICAL_CLAIMS, 2, A, day("2024-04-01"), yuan("3000"), 0, null);
        h.row(FeedKind.HOUSING_APPRAISALS, 5, B, day("2024-01-01"), 0, 0, "C");
        h.row(FeedKind.HOUSING_APPRAISALS, 3, B, day("2024-01-01"), 0, 0, "A");
        List<String> first = h.fired();
        java.util.Collections.reverse(h.rows);
        java.util.Collections.reverse(h.members);
        assertThat(h.fired()).isEqualTo(first);
        assertThat(first).containsExactly("INCOME_BELOW_LINE:2", "MEDICAL_HOUSEHOLD:2", "MEDICAL_PERSON@" + A + ":2",
                "MEDICAL_PERSON@" + B + ":4", "UNSAFE_HOUSE@" + B + ":5");
    }
}
