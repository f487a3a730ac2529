package cn.shouwang.core.casework;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.RiskType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared test data. Area codes are real Siping codes (梨树县 220322, 梨树镇 220322100, 南杏山村 220322100201,
 * 大烟筒村 220322100202; 郭家店镇 220322101; 伊通县 220323).
 */
final class Fixtures {
    private Fixtures() {}

    static final AreaCode CITY = new AreaCode("220300000000");
    static final AreaCode COUNTY = new AreaCode("220322000000");
    static final AreaCode OTHER_COUNTY = new AreaCode("220323000000");
    static final AreaCode TOWNSHIP = new AreaCode("220322100000");
    static final AreaCode OTHER_TOWNSHIP = new AreaCode("220322101000");
    static final AreaCode VILLAGE = new AreaCode("220322100201");
    static final AreaCode OTHER_VILLAGE = new AreaCode("220322100202");

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2024, 6, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).atZone(ZONE).toInstant(), ZONE);
    static final LocalDate OPENED = LocalDate.of(2024, 6, 1);

    static final CaseworkContext CTX = new CaseworkContext(CLOCK, CaseworkSettings.DEFAULTS, CodeList.categories(),
            CodeList.riskTypes(), new IncomeLines(java.util.Map.of(2023, new BigDecimal("8050"),
            2024, new BigDecimal("8500"))));

    static final Actor MONITOR = new Actor("11", "王监测", CaseRole.VILLAGE_MONITOR, VILLAGE);
    static final Actor MONITOR_2 = new Actor("12", "李监测", CaseRole.VILLAGE_MONITOR, VILLAGE);
    static final Actor OTHER_VILLAGE_MONITOR = new Actor("13", "赵监测", CaseRole.VILLAGE_MONITOR, OTHER_VILLAGE);
    static final Actor TOWNSHIP_1 = new Actor("21", "乡镇一", CaseRole.TOWNSHIP_STAFF, TOWNSHIP);
    static final Actor TOWNSHIP_2 = new Actor("22", "乡镇二", CaseRole.TOWNSHIP_STAFF, TOWNSHIP);
    static final Actor OTHER_TOWNSHIP_STAFF = new Actor("23", "外乡镇", CaseRole.TOWNSHIP_STAFF, OTHER_TOWNSHIP);
    static final Actor COUNTY_1 = new Actor("31", "县一", CaseRole.COUNTY_ANALYST, COUNTY);
    static final Actor COUNTY_2 = new Actor("32", "县二", CaseRole.COUNTY_ANALYST, COUNTY);
    static final Actor OTHER_COUNTY_ANALYST = new Actor("33", "外县", CaseRole.COUNTY_ANALYST, OTHER_COUNTY);

    /** An actor of {@code role} whose area covers the village (the city analyst sits at the city). */
    static Actor withRole(CaseRole role) {
        AreaCode area = switch (role) {
            case VILLAGE_MONITOR, GRID_WORKER -> VILLAGE;
            case TOWNSHIP_STAFF -> TOWNSHIP;
            case CITY_ANALYST -> CITY;
            default -> COUNTY;
        };
        return new Actor("role-" + role, role.name(), role, area);
    }

    static NewLead report(LeadChannel channel, Long householdId, Actor by, RiskType... risks) {
        return new NewLead(channel, VILLAGE, householdId, "张三", "因病住院,花费较大",
                java.util.Arrays.stream(risks).map(Enum::name).toList(), null, by, OPENED);
    }

    static Lead newLead() {
        return Lead.open(1, report(LeadChannel.FIELD_SCREENING, 100L, MONITOR, RiskType.NATURAL_DISASTER), CTX);
    }

    static IncomeBreakdown income(String wages) {
        return new IncomeBreakdown(new BigDecimal(wages), new BigDecimal("3000.00"), BigDecimal.ZERO,
                new BigDecimal("1200.50"), new BigDecimal("800"));
    }

    static VerifyHousehold verify(Actor by, LocalDate on, Workflow w) {
        return new VerifyHousehold(by, on, "房屋受损,主要劳动力住院", income("6000"), new BigDecimal("2000"), 3,
                GuaranteeFlags.SECURE,
                new RiskTypes(List.of("NATURAL_DISASTER", "ILLNESS"), DisasterSubtype.FLOOD),
                "SUDDEN_HARDSHIP", false, w == Workflow.IDENTIFICATION,
                w == Workflow.ELIMINATION ? EliminationMethod.ASSISTANCE : null);
    }

    static MonitoredHousehold monitored(LocalDate identifiedOn, RiskTypes risks) {
        return new MonitoredHousehold(100L, VILLAGE, "张三", "MARGINAL_AT_RISK", risks, identifiedOn,
                MonitoringStatus.MONITORED, List.of(), List.of(), null, null);
    }

    static Lead newElimination() {
        MonitoredHousehold m = monitored(LocalDate.of(2023, 6, 1), RiskTypes.of(RiskType.ILLNESS));
        return Lead.openElimination(2, m, MONITOR, OPENED, new EliminationCheck(OPENED, List.of()), CTX);
    }

    static Lead fresh(Workflow w) {
        return w == Workflow.IDENTIFICATION ? newLead() : newElimination();
    }

    /** A valid command for {@code action} on {@code lead}, by someone who may do it and has prepared nothing. */
    static CaseCommand commandFor(CaseAction action, Lead lead) {
        LocalDate last = lead.lastStep() == null ? lead.openedOn() : lead.lastStep().on();
        LocalDate day = last.plusDays(1);
        return switch (action) {
            case VERIFY -> verify(MONITOR, day, lead.workflow());
            case CROSS_CHECK -> new CrossCheck(COUNTY_1, day, false, "成员信息与部门数据一致");
            case VILLAGE_REVIEW -> new VillageReview(MONITOR, day, true, 23, "一致同意");
            case PUBLISH_NOTICE -> new PublishNotice(MONITOR, day, day.plusDays(4), "2024-06 南杏山村 第1批");
            case CLOSE_NOTICE -> new CloseNotice(MONITOR,
                    lead.notice() == null ? day : lead.notice().to(), 0, "");
            case TOWNSHIP_APPROVE -> new TownshipReview(TOWNSHIP_1, day, Decision.APPROVE, "符合条件");
            case COUNTY_CONFIRM -> new CountyConfirmation(COUNTY_2, day, Decision.APPROVE, "同意");
            case REJECT -> new RejectLead(COUNTY_2, day, "经核实收入高于监测标准");
            case FAST_TRACK -> new StartFastTrack(TOWNSHIP_2, day, "洪灾房屋倒塌,先行救助");
        };
    }

    static final EliminationCheck PASSING = new EliminationCheck(TODAY, List.of());

    /** Walks a fresh case of {@code w} along its procedure until it is in {@code target}. */
    static Lead reach(Workflow w, CaseState target) {
        Lead l = fresh(w);
        if (target == CaseState.REJECTED) return l.apply(commandFor(CaseAction.REJECT, l), CTX);
        while (l.state() != target) {
            CaseAction next = l.state().nextStep(w).orElseThrow(() -> new AssertionError("cannot reach " + target));
            l = l.apply(commandFor(next, l), CTX, PASSING);
        }
        return l;
    }

    static MemberFacts member(LabourCapacity c) {
        return new MemberFacts(MemberStatus.ACTIVE, c, false, true);
    }

    /** A household that meets every elimination condition on {@link #TODAY} (line 8,500 in 2024). */
    static HouseholdFacts goodFacts() {
        List<IncomeCheck> checks = new ArrayList<>();
        checks.add(new IncomeCheck(LocalDate.of(2024, 1, 10), new BigDecimal("9100.00")));
        checks.add(new IncomeCheck(LocalDate.of(2024, 5, 10), new BigDecimal("9400.00")));
        return new HouseholdFacts(List.of(member(LabourCapacity.ORDINARY), member(LabourCapacity.LOST)),
                GuaranteeFlags.SECURE, new BigDecimal("1500.00"), true, checks);
    }
}
