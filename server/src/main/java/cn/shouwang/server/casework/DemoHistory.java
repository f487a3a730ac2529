package cn.shouwang.server.casework;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.casework.Actor;
import cn.shouwang.core.casework.AssistanceOfficer;
import cn.shouwang.core.casework.CaseCommand;
import cn.shouwang.core.casework.CaseRole;
import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.CloseNotice;
import cn.shouwang.core.casework.CountyConfirmation;
import cn.shouwang.core.casework.CrossCheck;
import cn.shouwang.core.casework.Decision;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationCheck;
import cn.shouwang.core.casework.EliminationMethod;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.HomeCheck;
import cn.shouwang.core.casework.IncomeAssessment;
import cn.shouwang.core.casework.IncomeBreakdown;
import cn.shouwang.core.casework.Lead;
import cn.shouwang.core.casework.LeadChannel;
import cn.shouwang.core.casework.Measure;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.core.casework.MonitoredHousehold;
import cn.shouwang.core.casework.NewLead;
import cn.shouwang.core.casework.PublishNotice;
import cn.shouwang.core.casework.RejectLead;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.casework.TownshipReview;
import cn.shouwang.core.casework.VerifyHousehold;
import cn.shouwang.core.casework.VillageReview;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.server.access.AccountIdsApi;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.identification.LeadStore;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: a year of casework history over the whole demo city (docs/demo-data.md, "A year of history").
 * About 2.6% of the registry's persons (四平市's published share) live in monitored households: an older stock
 * identified 13 to 30 months ago (most of it eliminated since) and households identified in each of the last twelve
 * months, every one through a confirmed lead whose steps carry their true dates, with an assistance officer and a
 * plan whose measures are planned, in progress, delivered or stopped as their dates say; households whose risk
 * ended went through the elimination procedure (two income checks above the line, a delivered measure, the same
 * steps, the check run on the day). Rejected leads over the year, open leads at every step (on time and overdue)
 * from every source, a few open eliminations, a department lead waiting for the township whose cross-check the
 * {@code county} account made (so {@code county2} confirms it: maker-checker), and a few deliberately inconsistent
 * records for the data-quality checks. Everything is derived from the seed and the registry, so the same demo
 * gives the same history on any machine on the same day. Called by {@link DemoCasework} once, on a fresh database.
 */
@Component
@Profile("demo")
class DemoHistory {
    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    static final String CITY = "220300000000";
    static final String COUNTY = "220322000000";
    /** 四平市: monitored persons as a share of the rural population (a published figure). */
    static final double MONITORED_SHARE = 0.026;

    /** Risk types by frequency in the published figures: 因病 most, then 因残, 因学, 因意外… */
    private static final RiskType[] RISKS = {
            RiskType.ILLNESS, RiskType.ILLNESS, RiskType.ILLNESS, RiskType.ILLNESS, RiskType.ILLNESS, RiskType.ILLNESS,
            RiskType.ILLNESS, RiskType.ILLNESS, RiskType.DISABILITY, RiskType.DISABILITY, RiskType.DISABILITY,
            RiskType.DISABILITY, RiskType.SCHOOLING, RiskType.SCHOOLING, RiskType.ACCIDENT,
            RiskType.UNSTABLE_EMPLOYMENT, RiskType.LACK_OF_LABOUR, RiskType.NATURAL_DISASTER,
            RiskType.INDUSTRY_FAILURE, RiskType.UNSAFE_HOUSING};

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "赵", "孙", "杨", "于", "徐", "高", "马", "陈"};
    private static final String[] GIVEN = {"志强", "秀兰", "春雨", "海军", "玉梅", "立新", "晓东", "丽娟", "国庆", "凤霞",
            "建华", "桂芝"};
    private static final String[] UNITS = {"县乡村振兴局", "县农业农村局", "乡镇人民政府", "县卫生健康局", "驻村工作队",
            "县人力资源和社会保障局"};

    /** What one load made, for the log and the tests. */
    record Summary(int monitored, int eliminated, int rejected, int open, long monitoredPersons, long persons) {}

    private final JdbcClient jdbc;
    private final LeadStore leads;
    private final MonitoredStore monitored;
    private final CaseworkSettingsStore config;
    private final HouseholdApi households;
    private final PersonalDataApi personalData;
    private final AccountIdsApi accountIds;
    private final Map<String, CaseworkContext> contexts = new HashMap<>();

    DemoHistory(JdbcClient jdbc, LeadStore leads, MonitoredStore monitored, CaseworkSettingsStore config,
                HouseholdApi households, PersonalDataApi personalData, AccountIdsApi accountIds) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.monitored = monitored;
        this.config = config;
        this.households = households;
        this.personalData = personalData;
        this.accountIds = accountIds;
    }

    /** A household the history may take: the registry's roster line and its members' facts. */
    private record Candidate(HouseholdApi.RosterRow row, List<HouseholdApi.MemberFacts> members) {
        boolean canWork() {
            return members.stream().anyMatch(m -> m.status() == cn.shouwang.core.household.MemberStatus.ACTIVE
                    && m.labourCapacity().canWork());
        }

        boolean certificate() {
            return members.stream().anyMatch(m -> m.status() == cn.shouwang.core.household.MemberStatus.ACTIVE
                    && m.disabilityCertificate());
        }

        String village() {
            return row.villageCode();
        }
    }

    Summary load(LocalDate today, long seed) {
        long t0 = System.currentTimeMillis();
        SplittableRandom rnd = new SplittableRandom(seed * 131 + 17);
        AreaScope city = new AreaScope(CITY);
        Set<Long> taken = new HashSet<>(jdbc.sql("""
                select household_id from lead where household_id is not null
                union select household_id from monitored_household""").query(Long.class).list());
        long alreadyMonitoredPersons = households.refs(jdbc.sql("select household_id from monitored_household")
                .query(Long.class).list(), city).values().stream().mapToLong(HouseholdApi.Ref::members).sum();
        List<HouseholdApi.RosterRow> roster = new ArrayList<>();
        households.roster(city, r -> {
            if (!r.headName().isEmpty() && r.members() > 0 && !taken.contains(r.id())) roster.add(r);
        });
        if (roster.size() < 40) return new Summary(0, 0, 0, 0, 0, 0); // no demo registry to speak of
        roster.sort(Comparator.comparingLong(HouseholdApi.RosterRow::id));
        // a fixed shuffle of the roster: the seed decides who is monitored, not the order of the villages
        for (int i = roster.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            HouseholdApi.RosterRow x = roster.get(i);
            roster.set(i, roster.get(j));
            roster.set(j, x);
        }
        long persons = households.counts(city).persons();
        long target = Math.round(persons * MONITORED_SHARE) - alreadyMonitoredPersons;
        // monitored households first, then households for the leads that did not (yet) make anyone monitored
        List<HouseholdApi.RosterRow> chosen = new ArrayList<>();
        long sum = 0;
        int next = 0;
        while (sum < target && next < roster.size()) {
            HouseholdApi.RosterRow r = roster.get(next++);
            if (sum + r.members() > target + 2) continue; // the last households fit the figure
            chosen.add(r);
            sum += r.members();
        }
        int monitoredCount = chosen.size();
        int rejectedCount = Math.max(6, monitoredCount / 8);
        int perOpenState = Math.max(2, monitoredCount / 45);
        // the open leads and the department lead of the maker-checker walk: in turn from 孤家子镇 (团山子村 first), the
        // rest of 梨树县 and the other counties, so the demo's village, township and county accounts see a lead at
        // every step and the city sees them everywhere
        List<HouseholdApi.RosterRow> rest = new ArrayList<>(roster.subList(next, roster.size()));
        List<List<HouseholdApi.RosterRow>> pools = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (HouseholdApi.RosterRow r : rest) {
            pools.get(r.villageCode().startsWith(DemoCasework.TOWNSHIP.substring(0, 9)) ? 0
                    : r.villageCode().startsWith(COUNTY.substring(0, 6)) ? 1 : 2).add(r);
        }
        pools.get(0).sort(Comparator.comparing(r -> !r.villageCode().equals(DemoCasework.VILLAGE)));
        int openCount = perOpenState * 7 + 1;
        if (rest.size() < openCount + rejectedCount) return new Summary(0, 0, 0, 0, 0, 0);
        List<HouseholdApi.RosterRow> open = new ArrayList<>();
        int[] at = new int[3];
        for (int p = 0; open.size() < openCount; p = (p + 1) % 3) {
            if (at[p] < pools.get(p).size()) open.add(pools.get(p).get(at[p]++));
        }
        Set<Long> leadsOpen = new HashSet<>();
        open.forEach(r -> leadsOpen.add(r.id()));
        List<HouseholdApi.RosterRow> rejected = rest.stream().filter(r -> !leadsOpen.contains(r.id())).limit(rejectedCount)
                .toList();
        List<Long> ids = new ArrayList<>();
        chosen.forEach(r -> ids.add(r.id()));
        open.forEach(r -> ids.add(r.id()));
        rejected.forEach(r -> ids.add(r.id()));
        Map<Long, List<HouseholdApi.MemberFacts>> facts = households.memberFacts(ids);

        Actors actors = new Actors(accountIds.idOf("county").orElse(null));
        int eliminated = 0;
        int inconsistent = 0;
        int flawStep = Math.max(2, Math.min(23, chosen.size() / 8));
        for (int i = 0; i < chosen.size(); i++) {
            Candidate c = new Candidate(chosen.get(i), facts.getOrDefault(chosen.get(i).id(), List.of()));
            // 45% an older stock (13–30 months ago, monitoring began years before), the rest spread over the last twelve
            // months, this one included
            boolean older = rnd.nextDouble() < 0.45;
            LocalDate identified = older ? today.minusMonths(13 + rnd.nextInt(18)).minusDays(rnd.nextInt(20))
                    : today.minusMonths(rnd.nextInt(12)).minusDays(rnd.nextInt(25));
            if (!identified.isBefore(today)) identified = today.minusDays(1);
            // a few deliberately inconsistent records (documented): the quality checks must find something
            Flaw flaw = inconsistent < Flaw.values().length && i % flawStep == 1 ? Flaw.values()[inconsistent++] : null;
            if (flaw != null && flaw != Flaw.NO_MEASURE && identified.isAfter(today.minusMonths(2))) {
                identified = today.minusMonths(2 + rnd.nextInt(4));
            }
            if (flaw == Flaw.NO_MEASURE) identified = today.minusMonths(2).minusDays(rnd.nextInt(60));
            MonitoredHousehold m = identify(c, identified, flaw, rnd, actors);
            if (m == null) continue;
            // households eliminated: monitored six months or more, able to work, a measure delivered
            LocalDate earliest = m.identifiedOn().plusMonths(7);
            boolean wantsElimination = flaw == null && c.canWork() && earliest.isBefore(today.minusDays(20))
                    && (older ? rnd.nextDouble() < 0.92 : rnd.nextDouble() < 0.45);
            boolean proposedLately = !wantsElimination && flaw == null && c.canWork()
                    && earliest.isBefore(today.minusMonths(1)) && rnd.nextDouble() < 0.06;
            // a household on its way out keeps every measure live (a stopped health measure would be a finding)
            List<Measure> plan = flaw == Flaw.NO_MEASURE ? List.of()
                    : plan(c, m, today, rnd, !(wantsElimination || proposedLately));
            if (wantsElimination) {
                long span = today.minusDays(3).toEpochDay() - earliest.toEpochDay();
                LocalDate closing = earliest.plusDays(rnd.nextLong(span + 1));
                if (eliminate(c, m, plan, closing, rnd, actors, false)) eliminated++;
            } else if (proposedLately) {
                // an elimination proposed in the last two weeks, still on its way
                eliminate(c, m, plan, today, rnd, actors, true);
            }
        }
        // rejected leads over the year: by the village after the visit, by the township, by the county
        for (int i = 0; i < rejected.size(); i++) {
            Candidate c = new Candidate(rejected.get(i), facts.getOrDefault(rejected.get(i).id(), List.of()));
            LocalDate opened = today.minusDays(20 + rnd.nextInt(340));
            int atStep = new int[]{2, 5, 6}[i % 3];
            lead(c, channel(i), opened, atStep, true, rnd, actors, false);
        }
        // open leads at every step: on time and overdue (opened more than the deadline ago), every source in turn
        // the department lead of the maker-checker walk (docs/demo-data.md) takes the first household: 团山子村 or
        // another village of 孤家子镇, where the township account may review it; its cross-check is the county account's
        Candidate walk = new Candidate(open.get(0), facts.getOrDefault(open.get(0).id(), List.of()));
        lead(walk, LeadChannel.DEPARTMENT_SCREENING, today.minusDays(10), 5, false, rnd, actors, true);
        int k = 1;
        for (int step = 0; step < 7; step++) {
            for (int j = 0; j < perOpenState; j++, k++) {
                Candidate c = new Candidate(open.get(k), facts.getOrDefault(open.get(k).id(), List.of()));
                boolean overdue = j % 2 == 1;
                int[] offsets = {0, 2, 3, 4, 5, 10, 11};
                LocalDate opened = overdue ? today.minusDays(16 + rnd.nextInt(45))
                        : today.minusDays(Math.min(14, offsets[step] + rnd.nextInt(2)));
                lead(c, channel(k), opened, step, false, rnd, actors, false);
            }
        }

        long monitoredPersons = households.refs(jdbc.sql("select household_id from monitored_household")
                .query(Long.class).list(), city).values().stream().mapToLong(HouseholdApi.Ref::members).sum();
        Summary s = new Summary(monitoredCount, eliminated, rejected.size(), openCount, monitoredPersons, persons);
        log.info("Demo history: {} households identified ({} eliminated), {} rejected and {} open leads; {} of {} persons "
                + "monitored, in {} ms", s.monitored(), s.eliminated(), s.rejected(), s.open(), s.monitoredPersons(),
                s.persons(), System.currentTimeMillis() - t0);
        return s;
    }

    /** The deliberate inconsistencies, one household each (docs/demo-data.md). */
    enum Flaw {
        /** identified two months or more ago, no measure: NO_MEASURE_AFTER_ONE_MONTH */
        NO_MEASURE,
        /** 缺劳动力 recorded for a household with a member able to work: LACK_OF_LABOUR_WITH_WORKERS */
        LACK_OF_LABOUR_WITH_WORKER,
        /** 因病 with no eligible out-of-pocket spending: ILLNESS_WITHOUT_OUT_OF_POCKET */
        ILLNESS_WITHOUT_COST,
        /** 因残 without any member's disability certificate: DISABILITY_WITHOUT_CERTIFICATE */
        DISABILITY_WITHOUT_CERTIFICATE,
        /** a second household without a measure */
        NO_MEASURE_AGAIN
    }

    /** The demo colleagues who "took" the steps; the county's cross-check of the walk lead is the county account's. */
    private static final class Actors {
        final @Nullable Long countyAccount;

        Actors(@Nullable Long countyAccount) {
            this.countyAccount = countyAccount;
        }

        Actor monitor(String village) {
            return new Actor("demo-monitor", "村监测员(演示同事)", CaseRole.VILLAGE_MONITOR, new AreaCode(village));
        }

        Actor township(String village) {
            return new Actor("demo-township", "乡镇工作人员(演示同事)", CaseRole.TOWNSHIP_STAFF,
                    new AreaCode(village.substring(0, 9) + "000"));
        }

        Actor county(String village) {
            return new Actor("demo-county", "县分析员(演示同事)", CaseRole.COUNTY_ANALYST,
                    new AreaCode(village.substring(0, 6) + "000000"));
        }

        Actor county2(String village) {
            return new Actor("demo-county-2", "县分析员二(演示同事)", CaseRole.COUNTY_ANALYST,
                    new AreaCode(village.substring(0, 6) + "000000"));
        }

        Actor countyAccount(String village) {
            return countyAccount == null || !village.startsWith("220322") ? county(village)
                    : new Actor(String.valueOf(countyAccount), "梨树县分析员", CaseRole.COUNTY_ANALYST, new AreaCode(COUNTY));
        }
    }

    /** Sources in turn: self-report, the village's visit, department data, the township's check. */
    private static LeadChannel channel(int i) {
        return switch (i % 4) {
            case 0 -> LeadChannel.SELF_REPORT;
            case 1 -> LeadChannel.FIELD_SCREENING;
            case 2 -> LeadChannel.DEPARTMENT_SCREENING;
            default -> LeadChannel.FIELD_SCREENING; // 乡镇排查: opened by the township below
        };
    }

    private CaseworkContext context(String village) {
        return contexts.computeIfAbsent(village, v -> config.context(v));
    }

    private RiskTypes risks(Candidate c, @Nullable Flaw flaw, SplittableRandom rnd) {
        if (flaw == Flaw.LACK_OF_LABOUR_WITH_WORKER) return RiskTypes.of(RiskType.LACK_OF_LABOUR);
        if (flaw == Flaw.ILLNESS_WITHOUT_COST) return RiskTypes.of(RiskType.ILLNESS);
        if (flaw == Flaw.DISABILITY_WITHOUT_CERTIFICATE) return RiskTypes.of(RiskType.DISABILITY);
        List<RiskType> types = new ArrayList<>();
        int n = rnd.nextDouble() < 0.7 ? 1 : 2;
        for (int tries = 0; types.size() < n && tries < 20; tries++) {
            RiskType t = RISKS[rnd.nextInt(RISKS.length)];
            // what the registry contradicts is not recorded (the flaws above are the exceptions)
            if (t == RiskType.LACK_OF_LABOUR && c.canWork()) continue;
            if (t == RiskType.UNSTABLE_EMPLOYMENT && !c.canWork()) continue;
            if (t == RiskType.DISABILITY && !c.certificate()) continue;
            if (!types.contains(t)) types.add(t);
        }
        if (types.isEmpty()) types.add(RiskType.ILLNESS);
        RiskTypes r = new RiskTypes(types.stream().map(Enum::name).toList(), null);
        return types.contains(RiskType.NATURAL_DISASTER)
                ? r.withSubtype(new DisasterSubtype[]{DisasterSubtype.FLOOD, DisasterSubtype.HAIL, DisasterSubtype.STORM,
                DisasterSubtype.DROUGHT}[rnd.nextInt(4)]) : r;
    }

    private static String category(HouseholdApi.RosterRow r, SplittableRandom rnd) {
        if (r.formerlyPoor()) return "UNSTABLE_FORMERLY_POOR";
        return rnd.nextDouble() < 0.8 ? "MARGINAL_AT_RISK" : "SUDDEN_HARDSHIP";
    }

    /** Income parts that add up to {@code perCapita} × size (net of production costs). */
    private static IncomeBreakdown income(int size, long perCapita) {
        long net = perCapita * size;
        long wages = net * 40 / 100;
        long business = net * 40 / 100;
        long costs = net * 12 / 100;
        long property = net * 5 / 100;
        long transfers = net - wages - (business - costs) - property;
        return new IncomeBreakdown(BigDecimal.valueOf(wages), BigDecimal.valueOf(business), BigDecimal.valueOf(property),
                BigDecimal.valueOf(transfers), BigDecimal.valueOf(costs));
    }

    private static String finding(RiskTypes r) {
        return switch (r.main()) {
            case "ILLNESS" -> "家庭成员患病,住院及长期用药支出较大";
            case "DISABILITY" -> "家中有重度残疾人,需长期照护";
            case "SCHOOLING" -> "子女就读高中和大学,教育支出较大";
            case "ACCIDENT" -> "主要劳动力意外受伤,暂时不能务工";
            case "UNSTABLE_EMPLOYMENT" -> "外出务工返乡,暂无稳定收入";
            case "LACK_OF_LABOUR" -> "家中均为老人,缺少劳动力";
            case "NATURAL_DISASTER" -> "玉米受灾减产,房屋受损";
            case "INDUSTRY_FAILURE" -> "养殖项目亏损";
            case "UNSAFE_HOUSING" -> "房屋经鉴定为C级危房";
            default -> "家庭收入骤减";
        };
    }

    /**
     * One identification lead, opened on {@code opened}, taken {@code steps} steps (0 = still to be verified, 7 =
     * confirmed); {@code reject}: then rejected by whoever holds it. Returns the lead.
     */
    private Lead lead(Candidate c, LeadChannel channel, LocalDate opened, int steps, boolean reject,
                      SplittableRandom rnd, Actors a, boolean walk) {
        return lead(c, channel, opened, steps, reject, rnd, a, walk, risks(c, null, rnd), category(c.row(), rnd),
                null);
    }

    private Lead lead(Candidate c, LeadChannel channel, LocalDate opened, int steps, boolean reject,
                      SplittableRandom rnd, Actors a, boolean walk, RiskTypes risks, String category,
                      @Nullable Flaw flaw) {
        String village = c.village();
        CaseworkContext ctx = context(village);
        Actor monitor = a.monitor(village);
        Actor township = a.township(village);
        Actor county = walk ? a.countyAccount(village) : a.county(village);
        Actor county2 = a.county2(village);
        // the township's own check (乡镇排查) opens every fourth field lead
        Actor opener = channel == LeadChannel.SELF_REPORT ? null
                : channel == LeadChannel.FIELD_SCREENING && rnd.nextInt(2) == 0 ? township
                : channel == LeadChannel.DEPARTMENT_SCREENING ? a.county(village) : monitor;
        String what = channel == LeadChannel.DEPARTMENT_SCREENING ? "部门数据预警:" + finding(risks)
                : finding(risks);
        Lead l = Lead.open(leads.nextId(), new NewLead(channel, new AreaCode(village), c.row().id(),
                c.row().headName(), what, List.of(risks.main()), null, opener, opened), ctx);
        leads.insert(l, ctx.settings().deadline().dueDate(opened), null, null, null);
        int size = Math.max(1, c.row().members());
        long perCapita = reject ? 9800 + rnd.nextInt(6000) : 4200 + rnd.nextInt(4800);
        BigDecimal oop = risks.codes().contains("ILLNESS") && flaw != Flaw.ILLNESS_WITHOUT_COST
                ? BigDecimal.valueOf(3000 + rnd.nextInt(18000)) : BigDecimal.ZERO;
        LocalDate d = opened;
        List<CaseCommand> path = List.of(
                new VerifyHousehold(monitor, d.plusDays(2), "入户核实:" + finding(risks), income(size, perCapita), oop,
                        size, GuaranteeFlags.SECURE, risks, category, false, true, null),
                new CrossCheck(county, d.plusDays(3), false, "成员信息与部门数据一致"),
                new VillageReview(monitor, d.plusDays(4), true, 15 + rnd.nextInt(20), "参会代表一致同意"),
                new PublishNotice(monitor, d.plusDays(5), d.plusDays(10), d.plusDays(5).toString().replace("-", "")),
                new CloseNotice(monitor, d.plusDays(10), 0, ""),
                new TownshipReview(township, d.plusDays(11), Decision.APPROVE, "符合条件"),
                new CountyConfirmation(county2, d.plusDays(13), Decision.APPROVE, "同意纳入"));
        int version = 0;
        for (int s = 0; s < Math.min(steps, path.size()); s++) {
            if (path.get(s).on().isAfter(ctx.today())) break;
            Lead next = l.apply(path.get(s), ctx);
            leads.saveStep(l, next, version++, next.verification() != l.verification()
                    ? next.incomeAssessment(ctx.incomeLines()) : null);
            l = next;
        }
        if (reject) {
            LocalDate on = l.lastStep() == null ? opened.plusDays(2) : l.lastStep().on().plusDays(1);
            Actor by = l.state() == CaseState.AWAITING_TOWNSHIP_REVIEW ? township
                    : l.state() == CaseState.AWAITING_COUNTY_CONFIRMATION ? county2 : monitor;
            String why = l.state() == CaseState.AWAITING_VILLAGE_REVIEW ? "核实后家庭人均收入高于监测标准,不符合条件"
                    : l.state() == CaseState.AWAITING_TOWNSHIP_REVIEW ? "家庭有经营性收入未申报,审核不通过"
                    : "比对发现家庭成员有财政供养人员,不予纳入";
            Lead next = l.apply(new RejectLead(by, on.isAfter(ctx.today()) ? ctx.today() : on, why), ctx);
            leads.saveStep(l, next, version, null);
            l = next;
        }
        return l;
    }

    /** A household identified on {@code identified} through a confirmed lead, with its officer. */
    private @Nullable MonitoredHousehold identify(Candidate c, LocalDate identified, @Nullable Flaw flaw,
                                                  SplittableRandom rnd, Actors a) {
        int pick = rnd.nextInt(20);
        // department data finds most in the published figures, then the cadres' visits, then self-reports
        LeadChannel channel = pick < 7 ? LeadChannel.DEPARTMENT_SCREENING : pick < 15 ? LeadChannel.FIELD_SCREENING
                : LeadChannel.SELF_REPORT;
        Lead l = lead(c, channel, identified.minusDays(13), 7, false, rnd, a, false, risks(c, flaw, rnd),
                category(c.row(), rnd), flaw);
        if (l.state() != CaseState.CONFIRMED) return null;
        MonitoredHousehold m = MonitoredHousehold.fromConfirmedLead(l);
        monitored.insertMonitored(m, l.id());
        monitored.appendHistory(null, m);
        AssistanceOfficer officer = new AssistanceOfficer(SURNAMES[rnd.nextInt(SURNAMES.length)]
                + GIVEN[rnd.nextInt(GIVEN.length)], UNITS[rnd.nextInt(UNITS.length)],
                "139" + String.format("%08d", rnd.nextInt(100_000_000)), m.identifiedOn(), null);
        MonitoredHousehold withOfficer = m.assignOfficer(officer, "demo-township");
        monitored.insertOfficer(m.householdId(), officer, personalData.seal(officer.phone()));
        monitored.appendHistory(m, withOfficer);
        return withOfficer;
    }

    /** 一户一策: measures for the risks, their state as their dates say (planned, in progress, delivered, stopped). */
    private List<Measure> plan(Candidate c, MonitoredHousehold m, LocalDate today, SplittableRandom rnd,
                               boolean mayStop) {
        List<MeasureGroup> groups = new ArrayList<>();
        // a household that can work gets an income-generating measure first (the income rule of policy.md §6)
        if (c.canWork()) {
            groups.add(new MeasureGroup[]{MeasureGroup.PUBLIC_WELFARE_JOB, MeasureGroup.EMPLOYMENT, MeasureGroup.INDUSTRY,
                    MeasureGroup.FINANCE}[rnd.nextInt(4)]);
        }
        for (String risk : m.riskTypes().codes()) {
            MeasureGroup g = switch (risk) {
                case "ILLNESS" -> MeasureGroup.HEALTH;
                case "DISABILITY" -> rnd.nextBoolean() ? MeasureGroup.SOCIAL_ASSISTANCE_FLOOR : MeasureGroup.SOCIAL_HELP;
                case "SCHOOLING" -> MeasureGroup.OTHER_EDUCATION;
                case "ACCIDENT" -> MeasureGroup.SOCIAL_HELP;
                case "UNSTABLE_EMPLOYMENT" -> MeasureGroup.EMPLOYMENT;
                case "LACK_OF_LABOUR" -> MeasureGroup.SOCIAL_ASSISTANCE_FLOOR;
                case "NATURAL_DISASTER", "UNSAFE_HOUSING" -> MeasureGroup.HOUSING_SAFETY;
                case "INDUSTRY_FAILURE" -> MeasureGroup.FINANCE;
                default -> MeasureGroup.OTHER;
            };
            if (!groups.contains(g)) groups.add(g);
        }
        List<Measure> out = new ArrayList<>();
        for (MeasureGroup g : groups) {
            LocalDate start = m.identifiedOn().plusDays(3 + rnd.nextInt(25));
            LocalDate end = start.plusMonths(12);
            Measure x = Measure.planned(monitored.nextMeasureId(), g, description(g), "帮扶责任人", start, end,
                    BigDecimal.valueOf(cost(g, rnd)).setScale(2, RoundingMode.UNNECESSARY), funding(g));
            if (!start.isAfter(today) && rnd.nextDouble() < 0.93) {
                x = x.moveTo(MeasureState.IN_PROGRESS, start);
                LocalDate done = start.plusDays(40 + rnd.nextInt(150));
                double r = rnd.nextDouble();
                if (!done.isAfter(today) && r < 0.07 && mayStop) x = x.moveTo(MeasureState.STOPPED, done);
                else if (!done.isAfter(today) && r < 0.8) x = x.moveTo(MeasureState.DELIVERED, done);
            }
            monitored.insertMeasure(m.householdId(), m.village().value(), x);
            out.add(x);
        }
        return out;
    }

    private static String description(MeasureGroup g) {
        return switch (g) {
            case PUBLIC_WELFARE_JOB -> "安排村级保洁员公益岗位";
            case EMPLOYMENT -> "推荐到县内企业务工,开展技能培训";
            case INDUSTRY -> "发放肉牛养殖产业奖补";
            case FINANCE -> "办理脱贫人口小额信贷";
            case HEALTH -> "家庭医生签约,落实大病医疗救助";
            case SOCIAL_ASSISTANCE_FLOOR -> "纳入农村低保";
            case SOCIAL_HELP -> "协调社会帮扶资金";
            case OTHER_EDUCATION -> "落实雨露计划和助学金";
            case HOUSING_SAFETY -> "实施农村危房改造";
            default -> "其他帮扶";
        };
    }

    private static long cost(MeasureGroup g, SplittableRandom rnd) {
        return switch (g) {
            case PUBLIC_WELFARE_JOB -> 6000 + rnd.nextInt(4) * 1200;
            case INDUSTRY -> 3000 + rnd.nextInt(5) * 1000;
            case FINANCE -> 0;
            case HOUSING_SAFETY -> 15000 + rnd.nextInt(10) * 1000;
            case OTHER_EDUCATION -> 3000;
            case SOCIAL_HELP -> 1000 + rnd.nextInt(4) * 500;
            default -> 0;
        };
    }

    private static String funding(MeasureGroup g) {
        return switch (g) {
            case PUBLIC_WELFARE_JOB, INDUSTRY, HOUSING_SAFETY -> "衔接资金";
            case HEALTH -> "医保";
            case SOCIAL_ASSISTANCE_FLOOR -> "低保资金";
            case FINANCE -> "银行信贷";
            case SOCIAL_HELP -> "社会帮扶";
            default -> "县级财政";
        };
    }

    /**
     * The elimination procedure closing on {@code closing} (proposed two weeks before): two income checks above the
     * line in the six months before the proposal, the check run on both days as the server runs it. {@code
     * stillOpen}: proposed in the last days, left at a step on the way. False when the check refuses the household
     * (it then stays monitored).
     */
    private boolean eliminate(Candidate c, MonitoredHousehold m, List<Measure> plan, LocalDate closing,
                              SplittableRandom rnd, Actors a, boolean stillOpen) {
        String village = c.village();
        CaseworkContext ctx = context(village);
        LocalDate proposed = stillOpen ? closing.minusDays(1 + rnd.nextInt(8)) : closing.minusDays(14);
        // the income-generating measure delivered before the proposal (帮扶消除 needs a delivered development measure),
        // as the monitor would have recorded it: the plan as drawn may have it still running or delivered later
        Measure job = plan.stream().filter(x -> x.group().incomeGenerating() && x.state() != MeasureState.STOPPED
                && x.start().isBefore(proposed.minusDays(10))).findFirst().orElse(null);
        if (job == null) return false;
        if (job.state() != MeasureState.DELIVERED || job.changedOn() == null || !job.changedOn().isBefore(proposed)) {
            LocalDate on = proposed.minusDays(5 + rnd.nextInt(5));
            Measure done = new Measure(job.id(), job.group(), job.description(), job.responsiblePerson(), job.start(),
                    job.end(), job.cost(), job.fundingSource(), MeasureState.DELIVERED, on);
            int version = monitored.measures(m.householdId()).stream().filter(r -> r.measure().id() == job.id())
                    .findFirst().orElseThrow().version();
            monitored.updateMeasureState(done, version);
        }
        // 因病: the visits record the out-of-pocket spending that remains (the income stays above the line)
        BigDecimal oop = m.riskTypes().codes().contains("ILLNESS") ? BigDecimal.valueOf(600 + rnd.nextInt(1800))
                : BigDecimal.ZERO;
        int size = Math.max(1, c.row().members());
        Actor monitor = a.monitor(village);
        for (LocalDate on : new LocalDate[]{proposed.minusDays(100 + rnd.nextInt(30)), proposed.minusDays(10 + rnd.nextInt(20))}) {
            if (on.isBefore(m.identifiedOn())) on = m.identifiedOn();
            HomeCheck check = new HomeCheck(monitor, on, "收入核查:务工收入稳定,各项保障落实", income(size, 11500 + rnd.nextInt(5000)),
                    oop, size, GuaranteeFlags.SECURE, true);
            IncomeAssessment assessed = check.assess(m, ctx);
            monitored.insertHomeCheck(m, check, assessed);
        }
        EliminationCheck atProposal = eliminationCheck(m, ctx, proposed);
        if (!atProposal.passes()) return false;
        Lead l = Lead.openElimination(leads.nextId(), m, monitor, proposed, atProposal, ctx);
        leads.insert(l, ctx.settings().deadline().dueDate(proposed), null, null, null);
        EliminationMethod how = rnd.nextDouble() < 0.85 ? EliminationMethod.ASSISTANCE : EliminationMethod.NATURAL;
        LocalDate d = proposed;
        List<CaseCommand> path = List.of(
                new VerifyHousehold(monitor, d.plusDays(1), "入户核实:收入稳定超过监测标准,风险已消除",
                        income(size, 11500 + rnd.nextInt(5000)), oop, size, GuaranteeFlags.SECURE,
                        m.riskTypes(), m.category(), true, false, how),
                new VillageReview(monitor, d.plusDays(2), true, 15 + rnd.nextInt(20), "参会代表同意风险消除"),
                new PublishNotice(monitor, d.plusDays(3), d.plusDays(8), "X" + d.plusDays(3).toString().replace("-", "")),
                new CloseNotice(monitor, d.plusDays(8), 0, ""),
                new TownshipReview(a.township(village), d.plusDays(10), Decision.APPROVE, "符合风险消除条件"),
                new CountyConfirmation(a.county2(village), d.plusDays(14), Decision.APPROVE, "同意标注风险消除"));
        int version = 0;
        for (CaseCommand cmd : path) {
            if (cmd.on().isAfter(ctx.today())) break;
            EliminationCheck check = cmd instanceof CountyConfirmation ? eliminationCheck(m, ctx, cmd.on()) : null;
            if (check != null && !check.passes()) return false;
            Lead next = l.apply(cmd, ctx, check);
            leads.saveStep(l, next, version++, next.verification() != l.verification()
                    ? next.incomeAssessment(ctx.incomeLines()) : null);
            l = next;
        }
        if (l.state() != CaseState.CONFIRMED) return false;
        MonitoredHousehold ended = m.eliminate(l);
        int version2 = jdbc.sql("select version from monitored_household where household_id = :h")
                .param("h", m.householdId()).query(Integer.class).single();
        monitored.updateStatus(ended, version2);
        monitored.appendHistory(m, ended);
        return true;
    }

    private EliminationCheck eliminationCheck(MonitoredHousehold m, CaseworkContext ctx, LocalDate asOf) {
        return EliminationCheck.run(m, monitored.plan(m.householdId()), monitored.facts(m.householdId()),
                ctx.incomeLines(), ctx.settings(), asOf);
    }
}
