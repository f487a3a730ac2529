package cn.shouwang.screening.generate;

import cn.shouwang.core.area.Division;
import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.core.household.SchoolingStage;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.core.population.AnnualIncome;
import cn.shouwang.core.population.GeneratedHousehold;
import cn.shouwang.core.population.GeneratedMember;
import cn.shouwang.core.population.PopulationGenerator;
import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.rules.Period;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Writes a registry (from {@link PopulationGenerator}, over the real rural villages of Siping) and all seventeen
 * department files (the three asset files of docs/feeds-assets.md among them) for a period, at the rates documented in docs/screening.md, with a small share of the dirt
 * that real exports carry. Deterministic: the same seed, period and size give the same bytes.
 */
public final class Generator {
    private final long seed;
    private final Period period;
    private final boolean dirty;
    private final Consumer<String> progress;
    private final SplittableRandom rnd;
    private final SplittableRandom arnd; // the asset files' own stream
    private final LocalDate start, end;

    public Generator(long seed, Period period, boolean dirty, Consumer<String> progress) {
        this.seed = seed;
        this.period = period;
        this.dirty = dirty;
        this.progress = progress == null ? s -> { } : progress;
        this.rnd = new SplittableRandom(seed * 31 + 7);
        this.arnd = new SplittableRandom(seed * 53 + 11);
        this.start = LocalDate.ofEpochDay(period.startDay());
        this.end = LocalDate.ofEpochDay(period.endDay());
    }

    public record Result(Path out, long households, long persons, Map<FeedKind, Long> rows, long millis) {
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("生成 generated %,d 户 households, %,d 人 persons in %.1f s -> %s%n", households, persons,
                    millis / 1000.0, out));
            for (Map.Entry<FeedKind, Long> e : rows.entrySet()) {
                sb.append(String.format("  %-26s %,12d rows%n", e.getKey().fileName(), e.getValue()));
            }
            return sb.toString();
        }
    }

    /** Villages: the rural villages of ../shared/data/siping-divisions.csv (or jilin-…), else the built-in list. */
    static List<Division> villages() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        for (String f : new String[]{"siping-divisions.csv", "jilin-divisions.csv"}) {
            var p = DivisionFile.findShared(here, f);
            if (p.isPresent()) {
                List<Division> v = DivisionFile.read(p.get()).ruralVillages();
                if (!v.isEmpty()) return v;
            }
        }
        return DivisionFile.builtInSiping().ruralVillages();
    }

    // dirty choices: which files are written how (documented in docs/screening.md)
    private static final Set<FeedKind> GB18030_FILES = Set.of(FeedKind.MEDICAL_CLAIMS, FeedKind.SCHOOL_ENROLLMENT,
            FeedKind.VEHICLE_REGISTRATIONS);
    private static final Set<FeedKind> BOM_FILES = Set.of(FeedKind.HOUSING_APPRAISALS, FeedKind.DISASTER_LOSSES);
    private static final Map<FeedKind, String> CHINESE_HEADERS = Map.of(
            FeedKind.MEDICAL_CLAIMS, "身份证号,结算日期,总费用,医保支付,个人自付",
            FeedKind.SCHOOL_ENROLLMENT, "身份证号,学段,状态,报告日期",
            FeedKind.HOUSING_APPRAISALS, "证件号码,鉴定日期,等级",
            FeedKind.INSURANCE_ENROLLMENT, "公民身份号码,年度",
            FeedKind.DISASTER_LOSSES, "公民身份号码,发生日期,灾害,损失",
            FeedKind.VEHICLE_REGISTRATIONS, "公民身份号码,号牌号码,车辆类型,初次登记日期,车辆状态,车辆价值",
            FeedKind.MARKET_ENTITIES, "身份证号,主体名称,主体类型,成立日期,登记状态,注册资本");

    private static String header(FeedKind k) {
        return switch (k) {
            case HOUSEHOLDS -> "household_id,area_code,head_id_number,formerly_poor";
            case MEMBERS -> "household_id,id_number,name,relation,labour_capacity,status";
            case INCOMES -> "household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket";
            case MONITORED -> "household_id,category,risk_types,identified_month,status";
            case MEDICAL_CLAIMS -> "id_number,settled_on,total_cost,insurance_paid,out_of_pocket";
            case MAJOR_DIAGNOSES -> "id_number,diagnosed_on,disease";
            case INSURANCE_ENROLLMENT -> "id_number,year";
            case HOUSING_APPRAISALS -> "id_number,appraised_on,grade";
            case SCHOOL_ENROLLMENT -> "id_number,stage,status,reported_on";
            case SCHOOL_COSTS -> "id_number,school_year,stage,out_of_pocket";
            case DISABILITY_CERTIFICATES -> "id_number,grade,kind,issued_on";
            case CIVIL_REGISTRY_EVENTS -> "id_number,event,event_on";
            case ACCIDENTS -> "id_number,occurred_on,outcome,source";
            case DISASTER_LOSSES -> "id_number,occurred_on,disaster,loss";
            case EMPLOYMENT_STATUS -> "id_number,month,status,wage";
            case WATER_SUPPLY -> "area_code,status,checked_on,note";
            case ENTERPRISE_PAYMENTS -> "enterprise,id_number,month,due,paid";
            case SOCIAL_ASSISTANCE -> "id_number,kind,started_on,amount";
            case VEHICLE_REGISTRATIONS -> "id_number,plate_number,vehicle_type,registered_on,status,value";
            case PROPERTY_REGISTRATIONS -> "id_number,certificate_no,property_type,registered_on,status,value";
            case MARKET_ENTITIES -> "id_number,entity_name,entity_type,registered_on,status,registered_capital";
        };
    }

    /** A buffered CSV writer in its file's encoding. */
    private final class Out implements AutoCloseable {
        final FeedKind kind;
        final OutputStream os;
        final Charset cs;
        final StringBuilder sb = new StringBuilder(1 << 16);
        long rows;

        Out(Path dir, FeedKind kind) throws IOException {
            this.kind = kind;
            boolean gb = dirty && GB18030_FILES.contains(kind);
            this.cs = gb ? CsvScanner.GB18030 : StandardCharsets.UTF_8;
            this.os = new BufferedOutputStream(Files.newOutputStream(dir.resolve(kind.fileName() + ".csv")), 1 << 20);
            if (dirty && BOM_FILES.contains(kind)) os.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            String h = dirty && CHINESE_HEADERS.containsKey(kind) ? CHINESE_HEADERS.get(kind) : header(kind);
            sb.append(h).append('\n');
        }

        StringBuilder row() {
            rows++;
            return sb;
        }

        void end() throws IOException {
            sb.append('\n');
            if (sb.length() > 1 << 16) flush();
        }

        void flush() throws IOException {
            os.write(sb.toString().getBytes(cs));
            sb.setLength(0);
        }

        @Override public void close() throws IOException {
            flush();
            os.close();
        }
    }

    public Result write(long households, Path out) throws IOException {
        long t0 = System.nanoTime();
        Path reg = out.resolve("registry"), feeds = out.resolve("feeds");
        Files.createDirectories(reg);
        Files.createDirectories(feeds);
        List<Division> villages = villages();
        PopulationGenerator pop = new PopulationGenerator(seed, villages, end);
        Map<FeedKind, Out> outs = new EnumMap<>(FeedKind.class);
        long persons = 0;
        try {
            for (FeedKind k : FeedKind.values()) outs.put(k, new Out(k.isRegistry() ? reg : feeds, k));
            Set<String> villagesUsed = new HashSet<>();
            List<String> villageOrder = new ArrayList<>();
            Iterator<GeneratedHousehold> it = pop.households(households);
            long step = Math.max(1, households / 10);
            for (long n = 0; n < households; n++) {
                GeneratedHousehold h = it.next();
                persons += h.members().size();
                if (villagesUsed.add(h.villageCode())) villageOrder.add(h.villageCode());
                household(h, outs);
                if ((n + 1) % step == 0) progress.accept(String.format("生成 generated %,d / %,d households", n + 1, households));
            }
            villageLevel(villageOrder, outs);
            strangers(outs, Math.max(1, persons / 200));
        } finally {
            for (Out o : outs.values()) o.close();
        }
        Map<FeedKind, Long> rows = new EnumMap<>(FeedKind.class);
        for (Out o : outs.values()) rows.put(o.kind, o.rows);
        return new Result(out, households, persons, rows, (System.nanoTime() - t0) / 1_000_000);
    }

    // ------------------------------------------------------------------ per household

    private void household(GeneratedHousehold h, Map<FeedKind, Out> o) throws IOException {
        String hid = h.householdId();
        Out hs = o.get(FeedKind.HOUSEHOLDS);
        hs.row().append(hid).append(',').append(h.villageCode()).append(',').append(h.head().idNumber()).append(',')
                .append(h.formerlyPoor() ? 'Y' : 'N');
        hs.end();
        Out ms = o.get(FeedKind.MEMBERS);
        for (GeneratedMember m : h.members()) {
            ms.row().append(hid).append(',').append(m.idNumber()).append(',').append(m.name()).append(',')
                    .append(m.relation()).append(',').append(m.labourCapacity()).append(',').append(m.status());
            ms.end();
        }
        Out is = o.get(FeedKind.INCOMES);
        for (AnnualIncome inc : h.incomes()) {
            is.row().append(hid).append(',').append(inc.year()).append(',').append(plain(inc.wages())).append(',')
                    .append(plain(inc.business())).append(',').append(plain(inc.property())).append(',')
                    .append(plain(inc.transfers())).append(',').append(plain(inc.productionCosts())).append(',')
                    .append(plain(inc.eligibleOutOfPocket()));
            is.end();
        }
        if (h.monitoring() != null) {
            var m = h.monitoring();
            StringBuilder types = new StringBuilder();
            for (RiskType t : m.riskTypes()) {
                if (!types.isEmpty()) types.append(';');
                types.append(t.name());
            }
            Out mo = o.get(FeedKind.MONITORED);
            mo.row().append(hid).append(',').append(m.category()).append(',').append(types).append(',')
                    .append(m.identifiedMonth()).append(',').append(m.eliminated() ? "ELIMINATED" : "MONITORED");
            mo.end();
        }
        // household-level department rows, carried by the head
        GeneratedMember head = h.head();
        if (rnd.nextDouble() < 0.30) housing(head.idNumber(), o.get(FeedKind.HOUSING_APPRAISALS));
        if (rnd.nextDouble() < 0.08) dividends(head.idNumber(), o.get(FeedKind.ENTERPRISE_PAYMENTS));
        if (disasterVillage(h.villageCode()) && rnd.nextDouble() < 0.4) {
            Out d = o.get(FeedKind.DISASTER_LOSSES);
            int rows = 1 + rnd.nextInt(2);
            for (int i = 0; i < rows; i++) {
                d.row().append(id(head.idNumber())).append(',').append(date(day(start, end))).append(',')
                        .append(pick("FLOOD", "STORM", "DROUGHT", "HAIL", "FREEZE")).append(',').append(amount(500, 12_000));
                d.end();
            }
        }
        for (GeneratedMember m : h.members()) person(m, o);
        assets(h, o);
    }

    /**
     * Vehicles, property and market entities of the household's head (docs/feeds-assets.md), from a random stream of
     * their own so that the other files stay as they were before the asset files existed.
     */
    private void assets(GeneratedHousehold h, Map<FeedKind, Out> o) throws IOException {
        String id = h.head().idNumber();
        boolean chinese = dirty;
        if (arnd.nextDouble() < 0.12) {
            Out v = o.get(FeedKind.VEHICLE_REGISTRATIONS);
            double t = arnd.nextDouble();
            String type = t < 0.55 ? (chinese ? "小型汽车" : "PASSENGER_CAR") : t < 0.7 ? (chinese ? "轻型货车" : "TRUCK")
                    : t < 0.9 ? (chinese ? "拖拉机" : "AGRICULTURAL") : (chinese ? "普通二轮摩托车" : "MOTORCYCLE");
            String status = arnd.nextDouble() < 0.1 ? (chinese ? "注销" : "DEREGISTERED") : (chinese ? "正常" : "REGISTERED");
            v.row().append(id).append(",吉C").append(String.format("%05d", arnd.nextInt(100_000))).append(',').append(type)
                    .append(',').append(day(arnd, start.minusYears(8), end.plusMonths(1))).append(',').append(status)
                    .append(',').append(yuan(afen(3_000, 160_000)));
            v.end();
        }
        if (arnd.nextDouble() < 0.08) {
            Out p = o.get(FeedKind.PROPERTY_REGISTRATIONS);
            boolean commercial = arnd.nextDouble() < 0.4;
            p.row().append(id).append(",吉(").append(period.year() - arnd.nextInt(10)).append(")梨树县不动产权第")
                    .append(String.format("%07d", arnd.nextInt(10_000_000))).append("号,")
                    .append(commercial ? "COMMERCIAL_HOUSING" : "SELF_BUILT").append(',')
                    .append(day(arnd, start.minusYears(15), end)).append(',')
                    .append(arnd.nextDouble() < 0.05 ? "CANCELLED" : "REGISTERED").append(',')
                    .append(yuan(commercial ? afen(120_000, 600_000) : afen(20_000, 150_000)));
            p.end();
        }
        if (arnd.nextDouble() < 0.04) {
            Out m = o.get(FeedKind.MARKET_ENTITIES);
            double t = arnd.nextDouble();
            String type = t < 0.6 ? (chinese ? "个体工商户" : "INDIVIDUAL_BUSINESS") : t < 0.8 ? (chinese ? "有限责任公司" : "ENTERPRISE")
                    : (chinese ? "农民专业合作社" : "COOPERATIVE");
            m.row().append(id).append(',').append("梨树县").append(h.head().name()).append("经营部").append(',').append(type)
                    .append(',').append(day(arnd, start.minusYears(10), end)).append(',')
                    .append(arnd.nextDouble() < 0.1 ? (chinese ? "注销" : "CANCELLED") : (chinese ? "存续" : "OPERATING"))
                    .append(',').append(yuan(afen(10_000, 500_000)));
            m.end();
        }
    }

    private long afen(int minYuan, int maxYuan) {
        return minYuan * 100L + (long) (arnd.nextDouble() * (maxYuan - minYuan)) * 100;
    }

    private static LocalDate day(SplittableRandom r, LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(span <= 0 ? 0 : r.nextLong(span + 1));
    }

    private void person(GeneratedMember m, Map<FeedKind, Out> o) throws IOException {
        String id = m.idNumber();
        int age = m.birthDate().until(end).getYears();
        boolean active = m.status() == MemberStatus.ACTIVE;
        // medical claims, 1 January to period end (10% of rows from the previous year)
        double pClaims = switch (m.health()) {
            case SERIOUS_ILLNESS -> 0.9;
            case CHRONIC_ILLNESS -> 0.6;
            default -> age >= 60 ? 0.2 : 0.12;
        };
        if (active && rnd.nextDouble() < pClaims) {
            Out mc = o.get(FeedKind.MEDICAL_CLAIMS);
            int claims = m.health() == HealthStatus.SERIOUS_ILLNESS ? 2 + rnd.nextInt(6) : 1 + rnd.nextInt(3);
            for (int i = 0; i < claims; i++) {
                long oop = m.health() == HealthStatus.SERIOUS_ILLNESS ? fen(1_500, 12_000)
                        : m.health() == HealthStatus.CHRONIC_ILLNESS ? fen(150, 3_000) : fen(50, 2_500);
                long total = oop * (20 + rnd.nextInt(30)) / 10;
                LocalDate d = rnd.nextDouble() < 0.1 ? day(start.withDayOfYear(1).minusYears(1), start.withDayOfYear(1).minusDays(1))
                        : day(start.withDayOfYear(1), end);
                mc.row().append(id(id)).append(',').append(date(d)).append(',').append(yuan(total)).append(',')
                        .append(yuan(total - oop)).append(',').append(dirtyAmount(oop));
                mc.end();
            }
        }
        if (active && (m.health() == HealthStatus.SERIOUS_ILLNESS ? rnd.nextDouble() < 0.08 : rnd.nextDouble() < 0.0004)) {
            Out md = o.get(FeedKind.MAJOR_DIAGNOSES);
            md.row().append(id(id)).append(',').append(date(rnd.nextDouble() < 0.6 ? day(start, end) : day(start.minusYears(2), end)))
                    .append(',').append(pick("恶性肿瘤", "尿毒症", "白血病", "重性精神病", "急性心肌梗塞", "脑卒中"));
            md.end();
        }
        // insurance: the period's year when insured; 20% also keep last year's row
        Out ie = o.get(FeedKind.INSURANCE_ENROLLMENT);
        if (active && m.medicalInsurance()) {
            ie.row().append(id(id)).append(',').append(yearDirty(period.year()));
            ie.end();
        }
        if (rnd.nextDouble() < 0.2) {
            ie.row().append(id(id)).append(',').append(period.year() - 1);
            ie.end();
        }
        // schooling
        SchoolingStage s = m.schooling();
        if (active && (s == SchoolingStage.PRIMARY || s == SchoolingStage.JUNIOR || s == SchoolingStage.SENIOR || s == SchoolingStage.VOCATIONAL)) {
            Out se = o.get(FeedKind.SCHOOL_ENROLLMENT);
            int reports = 1 + rnd.nextInt(2);
            for (int i = 0; i < reports; i++) {
                boolean last = i == reports - 1;
                String status = last && rnd.nextDouble() < 0.006 ? "DROPPED_OUT" : rnd.nextDouble() < 0.01 ? "SUSPENDED" : "ENROLLED";
                se.row().append(id(id)).append(',').append(s).append(',').append(status).append(',')
                        .append(date(day(start.minusMonths(9), end.plusDays(last ? 0 : 20))));
                se.end();
            }
            if (s == SchoolingStage.SENIOR || s == SchoolingStage.VOCATIONAL) {
                Out sc = o.get(FeedKind.SCHOOL_COSTS);
                sc.row().append(id(id)).append(',').append(period.year() - 1).append(',').append(s).append(',')
                        .append(dirtyAmount(fen(1_000, 14_000)));
                sc.end();
            }
        }
        if (m.disabilityGrade() != null) {
            Out dc = o.get(FeedKind.DISABILITY_CERTIFICATES);
            LocalDate issued = rnd.nextDouble() < 0.03 ? day(start, end) : day(start.minusYears(10), start.minusDays(1));
            dc.row().append(id(id)).append(',').append(m.disabilityGrade()).append(',')
                    .append(pick("视力", "听力", "言语", "肢体", "智力", "精神", "多重")).append(',').append(date(issued));
            dc.end();
        }
        Out ce = o.get(FeedKind.CIVIL_REGISTRY_EVENTS);
        if (m.status() == MemberStatus.DECEASED) {
            ce.row().append(id(id)).append(",DEATH,").append(date(day(start.minusYears(3), start.minusDays(1))));
            ce.end();
        } else if (m.status() == MemberStatus.MOVED_OUT) {
            ce.row().append(id(id)).append(",MOVE_OUT,").append(date(day(start.minusYears(3), end)));
            ce.end();
        } else if (rnd.nextDouble() < (age >= 70 ? 0.004 : 0.0006)) { // died this month; the registry does not know yet
            ce.row().append(id(id)).append(",DEATH,").append(date(day(start, end)));
            ce.end();
        }
        if (active && rnd.nextDouble() < 0.0015) {
            Out ac = o.get(FeedKind.ACCIDENTS);
            ac.row().append(id(id)).append(',').append(date(rnd.nextDouble() < 0.7 ? day(start, end) : day(start.minusMonths(6), start.minusDays(1))))
                    .append(',').append(pick("INJURY", "DISABILITY", "DEATH")).append(',').append(pick("TRAFFIC", "CRIME", "WORK"));
            ac.end();
        }
        if (active && age >= 16 && age <= 59 && m.labourCapacity().canWork() && rnd.nextDouble() < 0.4) {
            Out es = o.get(FeedKind.EMPLOYMENT_STATUS);
            YearMonth now = YearMonth.of(period.year(), period.month());
            double r = rnd.nextDouble();
            String before = r < 0.985 ? "EMPLOYED" : "UNEMPLOYED";
            String current = r < 0.965 ? "EMPLOYED" : "UNEMPLOYED";
            long wage = fen(1_800, 7_000);
            es.row().append(id(id)).append(',').append(now.minusMonths(1)).append(',').append(before).append(',')
                    .append(before.equals("EMPLOYED") ? yuan(wage) : "0");
            es.end();
            es.row().append(id(id)).append(',').append(now).append(',').append(current).append(',')
                    .append(current.equals("EMPLOYED") ? yuan(wage) : "0");
            es.end();
        }
        if (rnd.nextDouble() < 0.05) {
            Out sa = o.get(FeedKind.SOCIAL_ASSISTANCE);
            LocalDate started = rnd.nextDouble() < 0.06 ? day(start, end) : day(start.minusYears(3), start.minusDays(1));
            sa.row().append(id(id)).append(',').append(pick("MINIMUM_LIVING", "MINIMUM_LIVING", "TEMPORARY_RELIEF",
                    "EXTREME_POVERTY", "DISABILITY_ALLOWANCE", "ORPHAN")).append(',').append(date(started)).append(',')
                    .append(dirtyAmount(fen(300, 3_000)));
            sa.end();
        }
    }

    private void housing(String id, Out out) throws IOException {
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
            double g = rnd.nextDouble();
            String grade = g < 0.6 ? "A" : g < 0.9 ? "B" : g < 0.98 ? "C" : "D";
            out.row().append(id(id)).append(',').append(date(day(start.minusYears(3), end.plusMonths(1)))).append(',').append(grade);
            out.end();
        }
    }

    private void dividends(String id, Out out) throws IOException {
        String enterprise = "合作社" + (1 + rnd.nextInt(200));
        YearMonth now = YearMonth.of(period.year(), period.month());
        long due = fen(300, 3_000);
        for (YearMonth ym : new YearMonth[]{now.minusMonths(1), now}) {
            long paid = rnd.nextDouble() < 0.05 ? due * rnd.nextInt(100) / 100 : due;
            out.row().append(enterprise).append(',').append(id(id)).append(',').append(ym).append(',')
                    .append(yuan(due)).append(',').append(yuan(paid));
            out.end();
        }
    }

    private final Map<String, Boolean> disasterVillages = new java.util.HashMap<>();

    /** About 2% of villages suffered a disaster in the period. */
    private boolean disasterVillage(String village) {
        return disasterVillages.computeIfAbsent(village, v -> new SplittableRandom(seed ^ v.hashCode()).nextDouble() < 0.02);
    }

    private void villageLevel(List<String> villages, Map<FeedKind, Out> o) throws IOException {
        Out w = o.get(FeedKind.WATER_SUPPLY);
        for (String v : villages) {
            int checks = 1 + rnd.nextInt(3);
            for (int i = 0; i < checks; i++) {
                String status = rnd.nextDouble() < 0.03 ? "NOT_OK" : "OK";
                w.row().append(v).append(',').append(status).append(',').append(date(day(start.minusYears(1), end.plusMonths(1))))
                        .append(",检测");
                w.end();
            }
        }
    }

    /** Rows about people in no household (valid id numbers the registry does not know): 0.5% of persons. */
    private void strangers(Map<FeedKind, Out> o, long count) throws IOException {
        FeedKind[] kinds = {FeedKind.MEDICAL_CLAIMS, FeedKind.INSURANCE_ENROLLMENT, FeedKind.EMPLOYMENT_STATUS, FeedKind.SOCIAL_ASSISTANCE};
        for (long i = 0; i < count; i++) {
            String id = randomId();
            FeedKind k = kinds[rnd.nextInt(kinds.length)];
            Out out = o.get(k);
            switch (k) {
                case MEDICAL_CLAIMS -> out.row().append(id).append(',').append(date(day(start.withDayOfYear(1), end))).append(",1000.00,600.00,400.00");
                case INSURANCE_ENROLLMENT -> out.row().append(id).append(',').append(period.year());
                case EMPLOYMENT_STATUS -> out.row().append(id).append(',').append(YearMonth.of(period.year(), period.month())).append(",EMPLOYED,3000");
                default -> out.row().append(id).append(",MINIMUM_LIVING,").append(date(day(start, end))).append(",500");
            }
            out.end();
        }
    }

    private String randomId() {
        String county = "2203" + pick("02", "03", "22", "23", "82");
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(rnd.nextInt(365 * 80));
        String first17 = county + birth.toString().replace("-", "") + String.format("%03d", rnd.nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    // ------------------------------------------------------------------ values, with dirt

    /** An id number as a department writes it: sometimes with a lowercase x, sometimes broken. */
    private String id(String id) {
        if (!dirty) return id;
        double r = rnd.nextDouble();
        if (r < 0.0004) return id.substring(0, 17); // one character short
        if (r < 0.0008) { // wrong check character
            char c = id.charAt(17);
            return id.substring(0, 17) + (c == '0' ? '1' : c == 'X' ? '0' : (char) (c - 1));
        }
        if (r < 0.0010) return "";
        if (id.charAt(17) == 'X' && r < 0.3) return id.substring(0, 17) + 'x';
        if (r > 0.9995) return " " + id + " ";
        return id;
    }

    private String date(LocalDate d) {
        if (!dirty) return d.toString();
        double r = rnd.nextDouble();
        if (r < 0.03) return d.toString().replace('-', '/');
        if (r < 0.05) return d.toString().replace("-", "");
        return d.toString();
    }

    private String yearDirty(int year) {
        return dirty && rnd.nextDouble() < 0.0002 ? "20x" + (year % 10) : Integer.toString(year);
    }

    /** Most amounts are fine; a few are negative, missing or have three decimals. */
    private String dirtyAmount(long fen) {
        if (dirty) {
            double r = rnd.nextDouble();
            if (r < 0.0002) return "-" + yuan(fen);
            if (r < 0.0004) return "";
            if (r < 0.0005) return yuan(fen) + "1";
        }
        return yuan(fen);
    }

    private long fen(int minYuan, int maxYuan) {
        return minYuan * 100L + (long) (rnd.nextDouble() * (maxYuan - minYuan) * 100);
    }

    private static String yuan(long fen) {
        return (fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + (fen % 100);
    }

    private String amount(int minYuan, int maxYuan) { return dirtyAmount(fen(minYuan, maxYuan)); }

    private static String plain(BigDecimal d) { return d.stripTrailingZeros().toPlainString(); }

    private LocalDate day(LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(span <= 0 ? 0 : rnd.nextLong(span + 1));
    }

    private String pick(String... options) { return options[rnd.nextInt(options.length)]; }
}
