package cn.shouwang.server.casework;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.casework.Actor;
import cn.shouwang.core.casework.CaseCommand;
import cn.shouwang.core.casework.CaseRole;
import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.CloseNotice;
import cn.shouwang.core.casework.CountyConfirmation;
import cn.shouwang.core.casework.CrossCheck;
import cn.shouwang.core.casework.Decision;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.IncomeBreakdown;
import cn.shouwang.core.casework.Lead;
import cn.shouwang.core.casework.LeadChannel;
import cn.shouwang.core.casework.Measure;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MonitoredHousehold;
import cn.shouwang.core.casework.NewLead;
import cn.shouwang.core.casework.PublishNotice;
import cn.shouwang.core.casework.RejectLead;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.casework.TownshipReview;
import cn.shouwang.core.casework.VerifyHousehold;
import cn.shouwang.core.casework.VillageReview;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.casework.identification.LeadStore;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only: a handful of cases in 孤家子镇 (the demo township; the demo village monitor's 团山子村 first)
 * at different steps, so every demo account has something to do — one overdue, one at the township, one at the
 * county, one rejected, one monitored with a plan. The steps were "taken" by demo colleagues (not the demo
 * accounts), so the demo accounts may take the next step without tripping maker-checker. Also the monitoring
 * income line of Jilin for the demo years (a figure in the range policy.md cites; an administrator sets the
 * real one).
 */
@Component
@Profile("demo")
@Order(20)
class DemoCasework implements ApplicationRunner {
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final JdbcClient jdbc;
    private final LeadStore leads;
    private final MonitoredStore monitored;
    private final CaseworkSettingsStore config;

    private final HouseholdApi householdApi;
    private final DemoHistory history;
    private final boolean withHistory;
    private final long seed;

    DemoCasework(JdbcClient jdbc, LeadStore leads, MonitoredStore monitored, CaseworkSettingsStore config,
                 HouseholdApi householdApi, DemoHistory history,
                 @Value("${shouwang.demo.history:true}") boolean withHistory,
                 @Value("${shouwang.demo.seed:20240630}") long seed) {
        this.householdApi = householdApi;
        this.history = history;
        this.withHistory = withHistory;
        this.seed = seed;
        this.jdbc = jdbc;
        this.leads = leads;
        this.monitored = monitored;
        this.config = config;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        LocalDate today = config.today();
        // with the history three years back: its oldest identifications (up to 31 months ago) need their year's line
        for (int y = today.getYear() - (withHistory ? 3 : 2); y <= today.getYear(); y++) {
            // as a line set before changes were recorded (casework V9): in force on every day
            if (jdbc.sql("insert into income_line (area_code, year, line) values ('220000000000', :y, 8700) "
                    + "on conflict do nothing").param("y", y).update() == 1) {
                jdbc.sql("insert into income_line_change (area_code, year, line, changed_at) "
                        + "values ('220000000000', :y, 8700, now())").param("y", y).update();
            }
        }
        // the leads first: they take the demo village's households, so the village monitor has cases to work on;
        // the re-checks then take households without a case
        boolean fresh = !jdbc.sql("select exists (select 1 from lead)").query(Boolean.class).single();
        if (fresh) seedLeads(today);
        seedRechecks(today);
        // a year of history over the whole city (DemoHistory), once, on a fresh database; the shared test server
        // leaves it out (shouwang.demo.history=false), its tests count the cases above
        if (fresh && withHistory) history.load(today, seed);
    }

    private void seedLeads(LocalDate today) {
        List<Long> households = householdApi.withActiveHead(new AreaScope("220322103000"), VILLAGE, 50).stream()
                .filter(id -> !jdbc.sql("select exists (select 1 from monitored_household where household_id = :h)")
                        .param("h", id).query(Boolean.class).single())
                .limit(7).toList();
        if (households.size() < 5) return; // no demo registry in this township: nothing to show (the last two: if any)
        int[] daysAgo = {20, 13, 12, 9, 40, 45, 30};
        for (int i = 0; i < households.size(); i++) {
            seed(i, households.get(i), today.minusDays(daysAgo[i]), today);
        }
    }

    /**
     * 有序退出复核: households of the demo county monitored 20 to 34 months without their risk eliminated (those of
     * 24 months or more are listed) and households whose risk was eliminated though their latest income is below the
     * line (listed), one of them already re-checked. Written as an import of the national list would leave them (no
     * lead); once.
     */
    private void seedRechecks(LocalDate today) {
        if (jdbc.sql("select exists (select 1 from monitored_household where lead_id is null)").query(Boolean.class).single()) {
            return;
        }
        AreaScope county = new AreaScope("220322000000");
        List<Long> free = householdApi.withActiveHead(county, VILLAGE, 600).stream()
                .filter(id -> !jdbc.sql("""
                        select exists (select 1 from monitored_household where household_id = :h)
                            or exists (select 1 from lead where household_id = :h)""")
                        .param("h", id).query(Boolean.class).single()).toList();
        if (free.size() < 40) return;
        java.util.Map<Long, HouseholdApi.Ref> refs = householdApi.refs(free, county);
        java.util.Map<Long, HouseholdApi.LatestPerCapita> pc = householdApi.latestPerCapita(free);
        int[] months = {20, 23, 24, 25, 27, 30, 34, 26};
        int used = 0;
        java.util.Set<Long> taken = new java.util.HashSet<>();
        for (int m : months) {
            long id = free.get(used++);
            taken.add(id);
            insertDemoMonitored(refs.get(id), today.minusMonths(m).minusDays(3), null);
        }
        int below = 0;
        for (long id : free) {
            if (below >= 5 || taken.contains(id)) continue;
            HouseholdApi.LatestPerCapita p = pc.get(id);
            if (p == null || p.value().compareTo(new BigDecimal("8700")) >= 0) continue;
            insertDemoMonitored(refs.get(id), today.minusMonths(20), today.minusMonths(3).withDayOfMonth(1));
            if (below == 0) {
                jdbc.sql("""
                        insert into recheck (household_id, village_code, reason, visited_on, result, notes, actor_id,
                                             actor_name, recorded_at)
                        values (:h, :v, 'BELOW_LINE_AFTER_ELIMINATION', :on, 'RESUME_MONITORING',
                                '务工收入下降,建议重新纳入监测', 'demo-monitor', '村监测员(演示同事)', now())""")
                        .param("h", id).param("v", refs.get(id).villageCode()).param("on", today.minusDays(10)).update();
            }
            below++;
        }
    }

    private void insertDemoMonitored(HouseholdApi.Ref h, LocalDate identifiedOn, LocalDate eliminatedMonth) {
        jdbc.sql("""
                insert into monitored_household (household_id, village_code, head_name, category, risk_types,
                  identified_on, status, elimination_method, eliminated_month, updated_at)
                values (:h, :v, :head, 'MARGINAL_AT_RISK', '{ILLNESS}', :on, :status, :method, :month, now())""")
                .param("h", h.id()).param("v", h.villageCode()).param("head", h.headName()).param("on", identifiedOn)
                .param("status", eliminatedMonth == null ? "MONITORED" : "RISK_ELIMINATED")
                .param("method", eliminatedMonth == null ? null : "ASSISTANCE").param("month", eliminatedMonth)
                .update();
    }

    private void seed(int i, long householdId, LocalDate opened, LocalDate today) {
        HouseholdApi.Ref h = monitored.household(householdId, new cn.shouwang.server.access.AreaScope(TOWNSHIP))
                .orElseThrow();
        AreaCode village = new AreaCode(h.villageCode());
        Actor monitor = new Actor("demo-monitor", "村监测员(演示同事)", CaseRole.VILLAGE_MONITOR, village);
        Actor county = new Actor("demo-county", "县分析员(演示同事)", CaseRole.COUNTY_ANALYST, new AreaCode("220322000000"));
        Actor township = new Actor("demo-township", "乡镇工作人员(演示同事)", CaseRole.TOWNSHIP_STAFF, new AreaCode(TOWNSHIP));
        Actor county2 = new Actor("demo-county-2", "县分析员二(演示同事)", CaseRole.COUNTY_ANALYST, new AreaCode("220322000000"));
        CaseworkContext ctx = config.context(h.villageCode());
        String[] what = {"主要劳动力住院治疗,花费较大", "夏季暴雨房屋受损", "子女上高中费用高", "务工返乡,暂无收入", "因病致贫风险",
                "家中缺少劳动力", "家人患病,医疗费用较高"};
        List<String> risk = List.of(i == 1 ? "NATURAL_DISASTER" : i == 3 ? "UNSTABLE_EMPLOYMENT"
                : i == 5 ? "LACK_OF_LABOUR" : "ILLNESS");
        Lead l = Lead.open(leads.nextId(), new NewLead(i == 3 ? LeadChannel.SELF_REPORT : LeadChannel.FIELD_SCREENING, village,
                householdId, h.headName(), what[i], risk, null, i == 3 ? null : monitor, opened), ctx);
        leads.insert(l, ctx.settings().deadline().dueDate(opened), null, null, null);
        int version = 0;
        LocalDate d = opened.plusDays(1);
        // 0: waits for verification (overdue); 1: at the township; 2: at the county; 3: rejected; 4: monitored; 5:
        // monitored for lack of labour (a data-quality finding when its head can work); 6: monitored, then eliminated
        // at once without measures and below the line (several of the national data-quality findings)
        int target = switch (i) { case 0 -> 0; case 1 -> 5; case 2 -> 6; case 3 -> 0; default -> 7; };
        List<CaseCommand> path = List.of(
                new VerifyHousehold(monitor, d, "入户核实:" + what[i], new IncomeBreakdown(new BigDecimal("9000"),
                        new BigDecimal("4000"), BigDecimal.ZERO, new BigDecimal("1800"), new BigDecimal("1500")),
                        new BigDecimal(i == 1 ? "0" : "6000"), 3, GuaranteeFlags.SECURE,
                        new RiskTypes(risk, i == 1 ? cn.shouwang.core.casework.DisasterSubtype.FLOOD : null),
                        "MARGINAL_AT_RISK", false, true, null),
                new CrossCheck(county, d, false, "成员信息与部门数据一致"),
                new VillageReview(monitor, d.plusDays(1), true, 19, "参会代表一致同意"),
                new PublishNotice(monitor, d.plusDays(2), d.plusDays(6), d.plusDays(2).toString().replace("-", "")),
                new CloseNotice(monitor, d.plusDays(6), 0, ""),
                new TownshipReview(township, d.plusDays(7), Decision.APPROVE, "符合条件"),
                new CountyConfirmation(county2, d.plusDays(8), Decision.APPROVE, "同意纳入"));
        int steps = i == 3 ? 0 : Math.min(target, path.size());
        for (int s = 0; s < steps; s++) {
            Lead next = l.apply(path.get(s), ctx);
            leads.saveStep(l, next, version++, next.verification() != l.verification()
                    ? next.incomeAssessment(ctx.incomeLines()) : null);
            l = next;
        }
        if (i == 3) {
            Lead next = l.apply(new RejectLead(monitor, d, "核实后家庭收入稳定,不符合条件"), ctx);
            leads.saveStep(l, next, version, null);
        }
        if (i >= 4) {
            MonitoredHousehold m = MonitoredHousehold.fromConfirmedLead(l);
            monitored.insertMonitored(m, l.id());
            monitored.appendHistory(null, m);
            if (i == 6) {
                // a shortcut past the elimination case, as a careless import would leave it: what the checks are for
                MonitoredHousehold gone = new MonitoredHousehold(m.householdId(), m.village(), m.headName(),
                        m.category(), m.riskTypes(), m.identifiedOn(), cn.shouwang.core.casework.MonitoringStatus.RISK_ELIMINATED,
                        m.officers(), java.util.stream.Stream.concat(m.history().stream(), java.util.stream.Stream.of(
                                new cn.shouwang.core.casework.StatusChange(today,
                                        cn.shouwang.core.casework.StatusChange.Kind.RISK_ELIMINATED,
                                        cn.shouwang.core.casework.EliminationMethod.ASSISTANCE.chinese(), county2.name())))
                                .toList(),
                        cn.shouwang.core.casework.EliminationMethod.ASSISTANCE, java.time.YearMonth.from(today));
                monitored.updateStatus(gone, 0);
                monitored.appendHistory(m, gone);
            }
        }
        if (i == 4) {
            Measure job = Measure.planned(monitored.nextMeasureId(), MeasureGroup.PUBLIC_WELFARE_JOB, "护林员公益岗位",
                    "孤家子镇农业站", l.closedOn(), l.closedOn().plusMonths(12), new BigDecimal("6000.00"), "衔接资金");
            monitored.insertMeasure(householdId, h.villageCode(), job);
            Measure health = Measure.planned(monitored.nextMeasureId(), MeasureGroup.HEALTH, "家庭医生签约,慢病随访",
                    "乡卫生院", l.closedOn(), l.closedOn().plusMonths(12), BigDecimal.ZERO, "医保");
            monitored.insertMeasure(householdId, h.villageCode(), health);
        }
    }
}
