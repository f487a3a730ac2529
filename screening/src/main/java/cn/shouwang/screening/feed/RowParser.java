package cn.shouwang.screening.feed;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.RiskType;
import java.util.Locale;

/**
 * The one definition of how a record of a feeds.md file becomes a typed row or a reject reason. Used one record
 * at a time by the single-machine engine and by the Spark job alike. All methods are pure and thread-safe.
 */
public final class RowParser {
    private RowParser() {}

    private static final String[] GRADES_AD = {"A", "B", "C", "D"};
    private static final String[] SCHOOL_STATUS = {"ENROLLED", "DROPPED_OUT", "SUSPENDED", "GRADUATED", "TRANSFERRED"};
    private static final String[] STAGES = {"PRIMARY", "JUNIOR", "SENIOR", "VOCATIONAL", "PRESCHOOL", "HIGHER"};
    private static final String[] DISABILITY_GRADES = {"1", "2", "3", "4"};
    private static final String[] EVENTS = {"DEATH", "MOVE_OUT", "MOVE_IN", "BIRTH", "MARRIAGE", "DIVORCE"};
    private static final String[] EMPLOYMENT = {"EMPLOYED", "UNEMPLOYED"};
    private static final String[] WATER = {"OK", "NOT_OK"};
    private static final String[] ASSISTANCE = {"TEMPORARY_RELIEF", "MINIMUM_LIVING", "EXTREME_POVERTY",
            "ORPHAN", "DISABILITY_ALLOWANCE", "MEDICAL_ASSISTANCE", "EDUCATION_ASSISTANCE"};
    private static final String[] EMPTY = {};
    private static final String[] RELATIONS = {"HEAD", "SPOUSE", "CHILD", "PARENT", "GRANDCHILD", "SIBLING", "OTHER"};
    private static final String[] LABOURS = {"SKILLED", "ORDINARY", "WEAK", "LOST", "NONE"};
    private static final String[] STATUSES = {"ACTIVE", "DECEASED", "MOVED_OUT"};

    /** Parses a department record ({@code h.kind()} must be a department kind). */
    public static FeedRow department(HeaderMap h, RawRecord r, int line) throws RowRejected {
        FeedKind kind = h.kind();
        if (kind == FeedKind.WATER_SUPPLY) {
            long area = Values.areaCode(f(h, r, Column.AREA_CODE));
            if (area < 0) throw new RowRejected("area_code format");
            int day = date(h, r, Column.CHECKED_ON);
            String status = requiredCode(h, r, Column.STATUS, WATER);
            return new FeedRow(kind, line, area, day, 0, 0, status);
        }
        long id = idNumber(h, r, Column.ID_NUMBER);
        if (id < 0) throw new RowRejected(Values.idProblem(id));
        return switch (kind) {
            case MEDICAL_CLAIMS -> {
                int day = date(h, r, Column.SETTLED_ON);
                long total = optionalAmount(h, r, Column.TOTAL_COST);
                optionalAmount(h, r, Column.INSURANCE_PAID);
                long oop = amount(h, r, Column.OUT_OF_POCKET);
                yield new FeedRow(kind, line, id, day, oop, total, null);
            }
            case MAJOR_DIAGNOSES -> new FeedRow(kind, line, id, date(h, r, Column.DIAGNOSED_ON), 0, 0, null);
            case INSURANCE_ENROLLMENT -> new FeedRow(kind, line, id, year(h, r, Column.YEAR), 0, 0, null);
            case HOUSING_APPRAISALS -> {
                int day = date(h, r, Column.APPRAISED_ON);
                String grade = requiredCode(h, r, Column.GRADE, GRADES_AD);
                if (grade.length() != 1 || grade.charAt(0) < 'A' || grade.charAt(0) > 'D') {
                    throw new RowRejected("grade range");
                }
                yield new FeedRow(kind, line, id, day, 0, 0, grade);
            }
            case SCHOOL_ENROLLMENT -> {
                String status = requiredCode(h, r, Column.STATUS, SCHOOL_STATUS);
                int day = date(h, r, Column.REPORTED_ON);
                yield new FeedRow(kind, line, id, day, 0, 0, status);
            }
            case SCHOOL_COSTS -> {
                int year = h.has(Column.SCHOOL_YEAR) ? year(h, r, Column.SCHOOL_YEAR) : -1;
                String stage = requiredCode(h, r, Column.STAGE, STAGES);
                long oop = amount(h, r, Column.OUT_OF_POCKET);
                yield new FeedRow(kind, line, id, year, oop, 0, stage);
            }
            case DISABILITY_CERTIFICATES -> {
                CharSequence g = f(h, r, Column.GRADE);
                int grade = Values.integer(g);
                if (grade == Values.INVALID) throw new RowRejected("grade integer");
                if (grade < 1 || grade > 4) throw new RowRejected("grade range");
                int day = date(h, r, Column.ISSUED_ON);
                yield new FeedRow(kind, line, id, day, 0, 0, DISABILITY_GRADES[grade - 1]);
            }
            case CIVIL_REGISTRY_EVENTS -> {
                String event = requiredCode(h, r, Column.EVENT, EVENTS);
                yield new FeedRow(kind, line, id, date(h, r, Column.EVENT_ON), 0, 0, event);
            }
            case ACCIDENTS -> new FeedRow(kind, line, id, date(h, r, Column.OCCURRED_ON), 0, 0, null);
            case DISASTER_LOSSES -> {
                int day = date(h, r, Column.OCCURRED_ON);
                yield new FeedRow(kind, line, id, day, amount(h, r, Column.LOSS), 0, null);
            }
            case EMPLOYMENT_STATUS -> {
                int month = Values.month(f(h, r, Column.MONTH));
                if (month == Values.INVALID) throw new RowRejected("month");
                String status = requiredCode(h, r, Column.STATUS, EMPLOYMENT);
                long wage = optionalAmount(h, r, Column.WAGE);
                yield new FeedRow(kind, line, id, month, wage, 0, status);
            }
            case ENTERPRISE_PAYMENTS -> {
                int month = Values.month(f(h, r, Column.MONTH));
                if (month == Values.INVALID) throw new RowRejected("month");
                long due = amount(h, r, Column.DUE);
                long paid = amount(h, r, Column.PAID);
                yield new FeedRow(kind, line, id, month, due, paid, null);
            }
            case SOCIAL_ASSISTANCE -> {
                String k = requiredCode(h, r, Column.KIND, ASSISTANCE);
                int day = date(h, r, Column.STARTED_ON);
                long amount = optionalAmount(h, r, Column.AMOUNT);
                yield new FeedRow(kind, line, id, day, amount, 0, k);
            }
            case VEHICLE_REGISTRATIONS -> asset(h, r, line, kind, id, Column.VEHICLE_TYPE, VEHICLE_TYPES, Column.VALUE);
            case PROPERTY_REGISTRATIONS -> asset(h, r, line, kind, id, Column.PROPERTY_TYPE, PROPERTY_TYPES, Column.VALUE);
            case MARKET_ENTITIES -> asset(h, r, line, kind, id, Column.ENTITY_TYPE, ENTITY_TYPES, Column.REGISTERED_CAPITAL);
            default -> throw new IllegalArgumentException("not a department kind: " + kind);
        };
    }

    /**
     * A registration of an asset file (docs/feeds-assets.md): the type as its code (Chinese words of the departments'
     * files read as the code), the registration day, the value (required: yuan), and in {@code amount2} 1 when the
     * registration has ended (deregistered, scrapped, cancelled, revoked), else 0.
     */
    private static FeedRow asset(HeaderMap h, RawRecord r, int line, FeedKind kind, long id, Column typeColumn,
                                 String[][] types, Column valueColumn) throws RowRejected {
        CharSequence t = f(h, r, typeColumn);
        if (Values.isBlank(t)) throw new RowRejected(typeColumn.english() + " empty");
        String type = synonym(Values.text(t), types);
        int day = date(h, r, Column.REGISTERED_ON);
        long value = amount(h, r, valueColumn);
        String status = h.has(Column.STATUS) ? Values.text(f(h, r, Column.STATUS)).toUpperCase(Locale.ROOT) : "";
        long ended = ENDED.contains(status) ? 1 : 0;
        return new FeedRow(kind, line, id, day, value, ended, type);
    }

    /** The code of a type: the code itself (any case), or one of its Chinese words; else the text as typed, upper case. */
    private static String synonym(String text, String[][] codes) {
        String u = text.strip().toUpperCase(Locale.ROOT);
        for (String[] c : codes) {
            for (String w : c) if (w.equals(u)) return c[0];
        }
        return u;
    }

    private static final String[][] VEHICLE_TYPES = {
            {"PASSENGER_CAR", "小型汽车", "小型载客汽车", "小型轿车", "小型普通客车", "轿车", "小型越野客车", "微型载客汽车"},
            {"TRUCK", "货车", "载货汽车", "轻型货车", "中型货车", "重型货车", "轻型普通货车"},
            {"AGRICULTURAL", "农用车", "拖拉机", "三轮汽车", "低速货车", "农用运输车"},
            {"MOTORCYCLE", "摩托车", "普通二轮摩托车", "普通三轮摩托车", "轻便摩托车"},
            {"OTHER", "其他"}};
    private static final String[][] PROPERTY_TYPES = {
            {"COMMERCIAL_HOUSING", "商品房", "商品住房", "商品住宅"},
            {"SELF_BUILT", "自建房", "宅基地房屋", "农村宅基地", "宅基地"},
            {"SHOP", "商铺", "商业用房", "商服用房", "门市"},
            {"OTHER", "其他"}};
    private static final String[][] ENTITY_TYPES = {
            {"ENTERPRISE", "企业", "有限责任公司", "公司", "个人独资企业", "合伙企业"},
            {"INDIVIDUAL_BUSINESS", "个体工商户", "个体户", "个体"},
            {"COOPERATIVE", "农民专业合作社", "合作社", "专业合作社"},
            {"OTHER", "其他"}};
    /** Statuses of a registration that no longer holds (feeds-assets.md); any other status, or none, holds. */
    private static final java.util.Set<String> ENDED = java.util.Set.of("DEREGISTERED", "SCRAPPED", "CANCELLED", "REVOKED",
            "注销", "已注销", "报废", "已报废", "吊销", "已吊销", "转移", "已转移");

    public static Household household(HeaderMap h, RawRecord r, int line) throws RowRejected {
        String hid = householdId(h, r);
        long area = Values.areaCode(f(h, r, Column.AREA_CODE));
        if (area < 0) throw new RowRejected("area_code format");
        // a bad head number is a registry error of the household, not a reason to drop the family: kept negative
        // (the problem's code) and reported by the registry check
        long head = idNumber(h, r, Column.HEAD_ID_NUMBER);
        String fp = Values.code(f(h, r, Column.FORMERLY_POOR), new String[]{"Y", "N"});
        boolean formerlyPoor;
        switch (fp) {
            case "Y", "是", "1" -> formerlyPoor = true;
            case "N", "否", "0" -> formerlyPoor = false;
            default -> throw new RowRejected("formerly_poor");
        }
        return new Household(hid, area, head, formerlyPoor, line);
    }

    public static Member member(HeaderMap h, RawRecord r, int line) throws RowRejected {
        String hid = householdId(h, r);
        long id = idNumber(h, r, Column.ID_NUMBER);
        if (id < 0) throw new RowRejected(Values.idProblem(id));
        Relation rel = relation(Values.code(f(h, r, Column.RELATION), RELATIONS));
        if (rel == null) throw new RowRejected("relation");
        LabourCapacity lc = labour(Values.code(f(h, r, Column.LABOUR_CAPACITY), LABOURS));
        if (lc == null) throw new RowRejected("labour_capacity");
        MemberStatus st = memberStatus(Values.code(f(h, r, Column.STATUS), STATUSES));
        if (st == null) throw new RowRejected("status");
        return new Member(hid, id, rel, lc, st, line);
    }

    public static Income income(HeaderMap h, RawRecord r, int line) throws RowRejected {
        String hid = householdId(h, r);
        int year = year(h, r, Column.YEAR);
        return new Income(hid, year, amount(h, r, Column.WAGES), amount(h, r, Column.BUSINESS),
                amount(h, r, Column.PROPERTY), amount(h, r, Column.TRANSFERS), amount(h, r, Column.PRODUCTION_COSTS),
                amount(h, r, Column.ELIGIBLE_OUT_OF_POCKET), line);
    }

    public static MonitoredRow monitored(HeaderMap h, RawRecord r, int line) throws RowRejected {
        String hid = householdId(h, r);
        String types = Values.text(f(h, r, Column.RISK_TYPES));
        int mask = 0;
        for (String t : types.split("[;；]")) {
            String code = t.strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) continue;
            RiskType rt;
            try {
                rt = RiskType.valueOf(code);
            } catch (IllegalArgumentException e) {
                throw new RowRejected("risk_types");
            }
            mask |= 1 << rt.ordinal();
        }
        if (Values.month(f(h, r, Column.IDENTIFIED_MONTH)) == Values.INVALID) throw new RowRejected("identified_month");
        String status = Values.code(f(h, r, Column.STATUS), new String[]{"MONITORED", "ELIMINATED"});
        boolean monitored = switch (status) {
            case "MONITORED", "监测中", "未消除" -> true;
            case "ELIMINATED", "已消除", "风险已消除" -> false;
            default -> throw new RowRejected("status");
        };
        return new MonitoredRow(hid, mask, monitored, line);
    }

    // --- helpers

    private static CharSequence f(HeaderMap h, RawRecord r, Column c) {
        int i = h.indexOf(c);
        return i < 0 || i >= r.size() ? "" : r.field(i);
    }

    /**
     * An id number column: a value Excel stored as a number (a numeric cell of 11 digits or more, or scientific
     * notation in a CSV) is {@link Values#ID_DIGITS_LOST}, never checked or matched.
     */
    private static long idNumber(HeaderMap h, RawRecord r, Column c) {
        int i = h.indexOf(c);
        if (i < 0 || i >= r.size()) return Values.idNumber("");
        return Values.idNumber(r.field(i), r.number(i));
    }

    private static String householdId(HeaderMap h, RawRecord r) throws RowRejected {
        String hid = Values.text(f(h, r, Column.HOUSEHOLD_ID));
        if (hid.isEmpty()) throw new RowRejected("household_id empty");
        return hid;
    }

    private static int date(HeaderMap h, RawRecord r, Column c) throws RowRejected {
        int d = Values.date(f(h, r, c));
        if (d == Values.INVALID) throw new RowRejected(c.english() + " date");
        return d;
    }

    private static int year(HeaderMap h, RawRecord r, Column c) throws RowRejected {
        int y = Values.integer(f(h, r, c));
        if (y == Values.INVALID) throw new RowRejected(c.english() + " integer");
        if (y < 1900 || y > 2200) throw new RowRejected(c.english() + " range");
        return y;
    }

    private static long amount(HeaderMap h, RawRecord r, Column c) throws RowRejected {
        long a = Values.amount(f(h, r, c));
        if (a < 0) throw new RowRejected(c.english() + " amount");
        return a;
    }

    /** An amount column the rules do not read: checked when present (feeds.md: bad amounts reject the row). */
    private static long optionalAmount(HeaderMap h, RawRecord r, Column c) throws RowRejected {
        return h.has(c) ? amount(h, r, c) : -1;
    }

    private static String requiredCode(HeaderMap h, RawRecord r, Column c, String[] known) throws RowRejected {
        CharSequence s = f(h, r, c);
        if (Values.isBlank(s)) throw new RowRejected(c.english() + " empty");
        return Values.code(s, known == null ? EMPTY : known);
    }

    static Relation relation(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "HEAD", "户主", "本人" -> Relation.HEAD;
            case "SPOUSE", "配偶" -> Relation.SPOUSE;
            case "CHILD", "子女", "子", "女", "之子", "之女" -> Relation.CHILD;
            case "PARENT", "父母", "父亲", "母亲" -> Relation.PARENT;
            case "GRANDCHILD", "孙子女", "孙子", "孙女" -> Relation.GRANDCHILD;
            case "SIBLING", "兄弟姐妹" -> Relation.SIBLING;
            case "OTHER", "其他" -> Relation.OTHER;
            default -> null;
        };
    }

    static LabourCapacity labour(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "SKILLED", "技能", "技能劳动力" -> LabourCapacity.SKILLED;
            case "ORDINARY", "普通", "普通劳动力" -> LabourCapacity.ORDINARY;
            case "WEAK", "弱或半", "弱劳动力或半劳动力", "弱劳动力", "半劳动力" -> LabourCapacity.WEAK;
            case "LOST", "丧失", "丧失劳动力" -> LabourCapacity.LOST;
            case "NONE", "无", "无劳动力" -> LabourCapacity.NONE;
            default -> null;
        };
    }

    static MemberStatus memberStatus(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "ACTIVE", "在册", "正常" -> MemberStatus.ACTIVE;
            case "DECEASED", "死亡" -> MemberStatus.DECEASED;
            case "MOVED_OUT", "迁出" -> MemberStatus.MOVED_OUT;
            default -> null;
        };
    }
}
