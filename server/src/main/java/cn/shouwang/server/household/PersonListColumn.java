package cn.shouwang.server.household;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MonitoringCategory;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.core.household.SchoolingStage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The national system's person list (人口名单, shared/domain/national-export.md): one row per person, household fields
 * repeated. One constant per column the software knows, in the order the national export writes them: the header as
 * exported, the other headers real files use for it (aliases), what it fills ({@link Level}) and the words its cells
 * hold ({@link Vocabulary}). The registry import reads by it, the template and the export in national layout write by
 * it, so the three never disagree.
 *
 * <p>The Chinese here is the national system's file layout and value words (data, like the place-name suffixes of
 * area names), not text of a page: it is on NoChineseLiteralsTest's allow-list. What a user reads about a column
 * (a problem, a label) comes from the message bundles.
 */
public enum PersonListColumn {
    ROW_NO("序号", Level.IGNORED, Vocabulary.TEXT),
    EXPORT_DATE("数据日期", Level.FILE, Vocabulary.DATE, "导出日期"),
    COUNTY("县(市、区、旗)", Level.HOUSEHOLD, Vocabulary.TEXT, "县(市、区)", "县(区)", "县", "县区", "县市区"),
    TOWNSHIP("乡(镇)", Level.HOUSEHOLD, Vocabulary.TEXT, "乡镇", "乡(镇、街道)", "乡镇(街道)"),
    VILLAGE("行政村", Level.HOUSEHOLD, Vocabulary.TEXT, "村", "村(社区)", "行政村(社区)"),
    VILLAGE_GROUP("自然村", Level.HOUSEHOLD, Vocabulary.TEXT, "村民小组", "自然村(组)", "组"),
    HOUSEHOLD_NO("户编号", Level.HOUSEHOLD, Vocabulary.TEXT, "户码", "户号"),
    PERSON_NO("人编号", Level.PERSON, Vocabulary.TEXT, "人员编号", "人码"),
    NAME("姓名", Level.PERSON, Vocabulary.TEXT, "成员姓名"),
    ID_NUMBER("证件号码", Level.PERSON, Vocabulary.ID_NUMBER, "身份证号码", "身份证号", "证件号", "公民身份号码"),
    HOUSEHOLD_SIZE("人数", Level.HOUSEHOLD, Vocabulary.INTEGER, "家庭人口数", "家庭人数", "户人数"),
    RELATION("与户主关系", Level.PERSON, Vocabulary.RELATION, "与户主的关系"),
    ETHNIC_GROUP("民族", Level.PERSON, Vocabulary.TEXT),
    EDUCATION("文化程度", Level.PERSON, Vocabulary.TEXT, "学历"),
    SCHOOLING("在校生状况", Level.PERSON, Vocabulary.SCHOOLING, "在校生情况"),
    HEALTH("健康状况", Level.PERSON, Vocabulary.HEALTH),
    LABOUR("劳动技能", Level.PERSON, Vocabulary.LABOUR, "劳动能力"),
    MONTHS_IN_WORK("务工时间(月)", Level.PERSON, Vocabulary.INTEGER, "务工时间", "务工月数"),
    SERIOUS_ILLNESS_INSURANCE("是否参加大病保险", Level.PERSON, Vocabulary.YES_NO, "参加大病保险"),
    MAIN_CAUSE("致贫原因1", Level.PERSON, Vocabulary.TEXT, "主要致贫原因", "致贫原因"),
    UNSAFE_HOUSE("危房户", Level.HOUSEHOLD, Vocabulary.YES_NO, "是否危房户"),
    SAFE_WATER("是否解决安全饮用水", Level.HOUSEHOLD, Vocabulary.YES_NO, "是否解决安全饮水", "安全饮用水"),
    INCOME_PER_CAPITA("人均纯收入", Level.HOUSEHOLD, Vocabulary.AMOUNT, "家庭人均纯收入", "人均纯收入(元)"),
    HOUSEHOLD_PHONE("户联系电话", Level.HOUSEHOLD, Vocabulary.PHONE, "户主联系电话", "家庭联系电话"),
    MEMBER_PHONE("人联系电话", Level.PERSON, Vocabulary.PHONE, "个人联系电话", "本人联系电话"),
    HOUSEHOLD_REGISTERED("首次识别时间", Level.HOUSEHOLD, Vocabulary.DATE, "户识别时间"),
    PERSON_REGISTERED("人员识别时间", Level.PERSON, Vocabulary.DATE),
    HOUSEHOLD_TYPE("户类型", Level.HOUSEHOLD, Vocabulary.HOUSEHOLD_TYPE, "户类别"),
    MONITORING_CATEGORY("易返贫致贫户(监测对象)类型", Level.MONITORING, Vocabulary.CATEGORY,
            "监测对象类型", "易返贫致贫户类型", "监测类型"),
    RISK_ELIMINATED("风险是否消除", Level.MONITORING, Vocabulary.YES_NO, "是否风险消除"),
    RISK_IDENTIFIED("风险识别时间", Level.MONITORING, Vocabulary.MONTH, "识别监测时间", "纳入监测时间"),
    RISK_ELIMINATED_MONTH("风险消除时间", Level.MONITORING, Vocabulary.MONTH, "消除风险时间"),
    RISK_1("致贫/返贫风险1", Level.MONITORING, Vocabulary.RISK_TYPE, "致贫返贫风险1", "风险类型1", "致贫风险1", "返贫风险1"),
    RISK_2("致贫/返贫风险2", Level.MONITORING, Vocabulary.RISK_TYPE, "致贫返贫风险2", "风险类型2", "致贫风险2", "返贫风险2"),
    RISK_3("致贫/返贫风险3", Level.MONITORING, Vocabulary.RISK_TYPE, "致贫返贫风险3", "风险类型3", "致贫风险3", "返贫风险3"),
    RISK_4("致贫/返贫风险4", Level.MONITORING, Vocabulary.RISK_TYPE, "致贫返贫风险4", "风险类型4", "致贫风险4", "返贫风险4"),
    RISK_5("致贫/返贫风险5", Level.MONITORING, Vocabulary.RISK_TYPE, "致贫返贫风险5", "风险类型5", "致贫风险5", "返贫风险5"),
    DISASTER_SUBTYPE("因自然灾害子项", Level.MONITORING, Vocabulary.TEXT, "自然灾害子项"),
    WAGES("工资性收入", Level.HOUSEHOLD, Vocabulary.AMOUNT),
    BUSINESS("生产经营性收入", Level.HOUSEHOLD, Vocabulary.AMOUNT),
    PROPERTY("财产性收入", Level.HOUSEHOLD, Vocabulary.AMOUNT),
    TRANSFERS("转移性收入", Level.HOUSEHOLD, Vocabulary.AMOUNT),
    PRODUCTION_COSTS("生产经营性支出", Level.HOUSEHOLD, Vocabulary.AMOUNT),
    OUT_OF_POCKET("合规自付支出", Level.HOUSEHOLD, Vocabulary.AMOUNT),
    CLAIMS("理赔收入", Level.HOUSEHOLD, Vocabulary.AMOUNT),
    OFFICER("帮扶责任人", Level.MONITORING, Vocabulary.TEXT, "帮扶责任人姓名"),
    OFFICER_UNIT("帮扶单位", Level.MONITORING, Vocabulary.TEXT, "帮扶责任人单位"),
    OFFICER_PHONE("联系电话", Level.MONITORING, Vocabulary.PHONE, "帮扶责任人联系电话", "帮扶责任人电话"),
    MEASURE_INDUSTRY("产业帮扶", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.INDUSTRY),
    MEASURE_EMPLOYMENT("就业帮扶", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.EMPLOYMENT),
    MEASURE_FINANCE("金融帮扶", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.FINANCE, "金融帮扶(小额信贷)"),
    MEASURE_PUBLIC_WELFARE_JOB("公益岗位帮扶", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.PUBLIC_WELFARE_JOB, "公益岗位"),
    MEASURE_HEALTH("健康帮扶", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.HEALTH),
    MEASURE_COMPULSORY_EDUCATION("义务教育保障", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.COMPULSORY_EDUCATION),
    MEASURE_OTHER_EDUCATION("其他教育帮扶", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.OTHER_EDUCATION),
    MEASURE_ASSISTANCE_FLOOR("综合保障", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.SOCIAL_ASSISTANCE_FLOOR, "综合保障(低保/特困)"),
    MEASURE_HOUSING("住房安全保障", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.HOUSING_SAFETY),
    MEASURE_WATER("饮水安全保障", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.DRINKING_WATER),
    MEASURE_SOCIAL("社会帮扶", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.SOCIAL_HELP),
    MEASURE_RELOCATION("搬迁", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.RELOCATION, "易地搬迁"),
    MEASURE_LIVING_CONDITIONS("生产生活条件改善", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.LIVING_CONDITIONS, "生活条件改善"),
    MEASURE_INFRASTRUCTURE("基础设施建设", Level.MONITORING, Vocabulary.MEASURE, MeasureGroup.INFRASTRUCTURE, "基础设施");

    /** What a column fills. */
    public enum Level {
        /** Read to know the file (the export's date), stored with the import. */
        FILE,
        /** A household field, repeated on every row of the household: the rows must agree. */
        HOUSEHOLD,
        /** A member field. */
        PERSON,
        /** A monitored household's field (casework, through {@link ImportedMonitoring}), repeated like HOUSEHOLD. */
        MONITORING,
        /** Not read (序号). */
        IGNORED
    }

    /** The words a column's cells hold, and how they map to the registry's codes. */
    public enum Vocabulary {
        TEXT, ID_NUMBER, PHONE, INTEGER, AMOUNT,
        /** A day: an Excel date, 2022-10-28, 2022/10/28, 20221028 (a month alone, 2022-10 or 202210, is its first day). */
        DATE,
        /** A month: as DATE, the day ignored. */
        MONTH,
        /** 是/否, Y/N, 1/0 (also 有/无, true/false). */
        YES_NO,
        RELATION, HEALTH, LABOUR, SCHOOLING,
        /** 脱贫户 → formerly poor (true); 一般农户, 普通农户 → false. */
        HOUSEHOLD_TYPE,
        /** 脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户, or 0 / 1 / 2 → {@link MonitoringCategory} (casework's code list codes). */
        CATEGORY,
        /** policy.md §3 names (因病 …) → {@link RiskType}. */
        RISK_TYPE,
        /** Free text of a measure; the group is the column's ({@link #measureGroup()}). */
        MEASURE
    }

    private final String header;
    private final Level level;
    private final Vocabulary vocabulary;
    private final @Nullable MeasureGroup measureGroup;
    private final List<String> aliases;

    PersonListColumn(String header, Level level, Vocabulary vocabulary, String... aliases) {
        this(header, level, vocabulary, null, aliases);
    }

    PersonListColumn(String header, Level level, Vocabulary vocabulary, @Nullable MeasureGroup group, String... aliases) {
        this.header = header;
        this.level = level;
        this.vocabulary = vocabulary;
        this.measureGroup = group;
        this.aliases = List.of(aliases);
    }

    /** The header as the national system exports it (half-width parentheses; real files often have full-width ones). */
    public String header() { return header; }

    /** Other headers meaning the same column. */
    public List<String> aliases() { return aliases; }

    public Level level() { return level; }

    public Vocabulary vocabulary() { return vocabulary; }

    /** The measure group of a measure column, null for every other column. */
    public @Nullable MeasureGroup measureGroup() { return measureGroup; }

    private static final Map<String, PersonListColumn> BY_HEADER = new HashMap<>();

    static {
        for (PersonListColumn c : values()) {
            BY_HEADER.put(normalize(c.header), c);
            for (String a : c.aliases) BY_HEADER.putIfAbsent(normalize(a), c);
        }
    }

    /** The column a header names (its header or an alias; spaces, line breaks and full-width parentheses ignored). */
    public static Optional<PersonListColumn> byHeader(@Nullable String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(BY_HEADER.get(normalize(text)));
    }

    /** A header as compared: without white space, full-width parentheses and slashes made half-width, upper case. */
    public static String normalize(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '*') return;
            if (cp == '（') cp = '(';
            else if (cp == '）') cp = ')';
            else if (cp == '／') cp = '/';
            else if (cp == '、' || cp == '，') cp = '、';
            b.appendCodePoint(cp);
        });
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** 年度: the year column of an income file (收入导入), its header first; the other columns are this layout's. */
    public static final List<String> INCOME_YEAR_HEADERS = List.of("年度", "年份", "收入年度");

    /** The columns of the national layout in order, for the template and the export. */
    public static List<PersonListColumn> layout() {
        return Arrays.stream(values()).toList();
    }

    /** The risk-type columns (致贫/返贫风险1 … 5), in order. */
    public static List<PersonListColumn> riskColumns() {
        return List.of(RISK_1, RISK_2, RISK_3, RISK_4, RISK_5);
    }

    /** The measure columns, one per measure group, in the national order. */
    public static List<PersonListColumn> measureColumns() {
        return Arrays.stream(values()).filter(c -> c.vocabulary == Vocabulary.MEASURE).toList();
    }

    // ---- value words (both ways: the import reads them, the template and the export write them) ----

    private static final Map<String, Boolean> YES_NO = Map.ofEntries(
            Map.entry("是", true), Map.entry("否", false), Map.entry("Y", true), Map.entry("N", false),
            Map.entry("YES", true), Map.entry("NO", false), Map.entry("1", true), Map.entry("0", false),
            Map.entry("有", true), Map.entry("无", false), Map.entry("TRUE", true), Map.entry("FALSE", false),
            Map.entry("√", true), Map.entry("×", false));

    /** 是/否, Y/N, 1/0 …; empty for a blank cell or another word. */
    public static Optional<Boolean> yesNo(@Nullable String text) {
        if (text == null) return Optional.empty();
        return Optional.ofNullable(YES_NO.get(text.strip().toUpperCase(Locale.ROOT)));
    }

    /** The word the national export writes. */
    public static String yesNoWord(boolean value) {
        return value ? "是" : "否";
    }

    private static final Map<String, Relation> RELATIONS = new HashMap<>();

    static {
        RELATIONS.put("户主", Relation.HEAD);
        RELATIONS.put("本人", Relation.HEAD);
        RELATIONS.put("配偶", Relation.SPOUSE);
        RELATIONS.put("妻", Relation.SPOUSE);
        RELATIONS.put("夫", Relation.SPOUSE);
        for (String w : List.of("之子", "之女", "之儿媳", "之女婿", "子", "女", "儿媳", "女婿", "长子", "次子", "长女", "次女")) {
            RELATIONS.put(w, Relation.CHILD);
        }
        for (String w : List.of("之父", "之母", "之岳父", "之岳母", "之公公", "之婆婆", "之祖父", "之祖母", "父亲", "母亲")) {
            RELATIONS.put(w, Relation.PARENT);
        }
        for (String w : List.of("之孙子", "之孙女", "之外孙子", "之外孙女", "孙子", "孙女", "外孙子", "外孙女")) {
            RELATIONS.put(w, Relation.GRANDCHILD);
        }
        for (String w : List.of("之兄弟姐妹", "兄弟姐妹", "之兄", "之弟", "之姐", "之妹")) RELATIONS.put(w, Relation.SIBLING);
    }

    /** 与户主关系 → relation; any other non-blank word is OTHER (national-export.md), a blank cell empty. */
    public static Optional<Relation> relation(@Nullable String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        return Optional.of(RELATIONS.getOrDefault(text.strip(), Relation.OTHER));
    }

    /** The national word for a relation (CHILD → 之子, the closest of its words). */
    public static String relationWord(Relation r) {
        return switch (r) {
            case HEAD -> "户主";
            case SPOUSE -> "配偶";
            case CHILD -> "之子";
            case PARENT -> "之父";
            case GRANDCHILD -> "之孙子";
            case SIBLING -> "之兄弟姐妹";
            case OTHER -> "其他";
        };
    }

    /** 健康状况 → health; a cell naming several (残疾,长期慢性病) takes the gravest; other words empty. */
    public static Optional<HealthStatus> health(@Nullable String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String t = text.strip();
        if (t.contains("残疾")) return Optional.of(HealthStatus.DISABLED);
        if (t.contains("大病")) return Optional.of(HealthStatus.SERIOUS_ILLNESS);
        if (t.contains("慢性病")) return Optional.of(HealthStatus.CHRONIC_ILLNESS);
        if (t.equals("健康")) return Optional.of(HealthStatus.HEALTHY);
        return Optional.empty();
    }

    public static String healthWord(HealthStatus h) {
        return switch (h) {
            case HEALTHY -> "健康";
            case CHRONIC_ILLNESS -> "长期慢性病";
            case SERIOUS_ILLNESS -> "患有大病";
            case DISABLED -> "残疾";
        };
    }

    /** 劳动技能 → labour capacity; other words empty. */
    public static Optional<LabourCapacity> labour(@Nullable String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String t = text.strip();
        if (t.startsWith("技能")) return Optional.of(LabourCapacity.SKILLED);
        if (t.startsWith("普通")) return Optional.of(LabourCapacity.ORDINARY);
        if (t.startsWith("弱") || t.contains("半劳动力")) return Optional.of(LabourCapacity.WEAK);
        if (t.startsWith("丧失")) return Optional.of(LabourCapacity.LOST);
        if (t.startsWith("无")) return Optional.of(LabourCapacity.NONE);
        return Optional.empty();
    }

    public static String labourWord(LabourCapacity l) {
        return switch (l) {
            case SKILLED -> "技能劳动力";
            case ORDINARY -> "普通劳动力";
            case WEAK -> "弱劳动力或半劳动力";
            case LOST -> "丧失劳动力";
            case NONE -> "无劳动力";
        };
    }

    /** 在校生状况 → schooling stage (学前教育, 小学…, 七年级…九年级, 高中/中职, 大专及以上, 非在校生); a blank cell is NONE. */
    public static Optional<SchoolingStage> schooling(@Nullable String text) {
        if (text == null || text.isBlank()) return Optional.of(SchoolingStage.NONE);
        String t = text.strip();
        if (t.startsWith("非在校") || t.equals("无") || t.equals("否")) return Optional.of(SchoolingStage.NONE);
        if (t.startsWith("学前") || t.contains("幼儿园")) return Optional.of(SchoolingStage.PRESCHOOL);
        if (t.startsWith("小学")) return Optional.of(SchoolingStage.PRIMARY);
        if (t.startsWith("七年级") || t.startsWith("八年级") || t.startsWith("九年级") || t.startsWith("初中")) {
            return Optional.of(SchoolingStage.JUNIOR);
        }
        if (t.startsWith("高中") || t.startsWith("普通高中")) return Optional.of(SchoolingStage.SENIOR);
        if (t.startsWith("中职") || t.startsWith("中专") || t.startsWith("技工")) return Optional.of(SchoolingStage.VOCATIONAL);
        if (t.startsWith("大专") || t.startsWith("高职") || t.startsWith("本科") || t.startsWith("研究生") || t.startsWith("大学")) {
            return Optional.of(SchoolingStage.HIGHER);
        }
        return Optional.empty();
    }

    public static String schoolingWord(SchoolingStage s) {
        return switch (s) {
            case NONE -> "非在校生";
            case PRESCHOOL -> "学前教育";
            case PRIMARY -> "小学";
            case JUNIOR -> "七年级";
            case SENIOR -> "高中/中职";
            case VOCATIONAL -> "中职";
            case HIGHER -> "大专及以上";
        };
    }

    /** 户类型 → formerly poor; blank empty. */
    public static Optional<Boolean> formerlyPoor(@Nullable String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String t = text.strip();
        if (t.startsWith("脱贫")) return Optional.of(true);
        if (t.equals("一般农户") || t.equals("普通农户") || t.equals("一般户") || t.equals("监测户") || t.startsWith("非")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    public static String householdTypeWord(boolean formerlyPoor) {
        return formerlyPoor ? "脱贫户" : "一般农户";
    }

    private static final Map<String, MonitoringCategory> CATEGORIES = Map.of(
            "脱贫不稳定户", MonitoringCategory.UNSTABLE_FORMERLY_POOR, "0", MonitoringCategory.UNSTABLE_FORMERLY_POOR,
            "边缘易致贫户", MonitoringCategory.MARGINAL_AT_RISK, "1", MonitoringCategory.MARGINAL_AT_RISK,
            "突发严重困难户", MonitoringCategory.SUDDEN_HARDSHIP, "2", MonitoringCategory.SUDDEN_HARDSHIP);

    /** 易返贫致贫户(监测对象)类型 → category (its name is casework's code list code); blank or another word empty. */
    public static Optional<MonitoringCategory> category(@Nullable String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        return Optional.ofNullable(CATEGORIES.get(text.strip()));
    }

    public static String categoryWord(MonitoringCategory c) {
        return switch (c) {
            case UNSTABLE_FORMERLY_POOR -> "脱贫不稳定户";
            case MARGINAL_AT_RISK -> "边缘易致贫户";
            case SUDDEN_HARDSHIP -> "突发严重困难户";
        };
    }

    private static final Map<RiskType, String> RISK_WORDS = Map.ofEntries(
            Map.entry(RiskType.ILLNESS, "因病"), Map.entry(RiskType.DISABILITY, "因残"), Map.entry(RiskType.SCHOOLING, "因学"),
            Map.entry(RiskType.NATURAL_DISASTER, "因自然灾害"), Map.entry(RiskType.ACCIDENT, "因意外事故"),
            Map.entry(RiskType.INDUSTRY_FAILURE, "因产业项目失败"), Map.entry(RiskType.UNSTABLE_EMPLOYMENT, "因务工就业不稳"),
            Map.entry(RiskType.LACK_OF_LABOUR, "缺劳动力"), Map.entry(RiskType.UNSAFE_HOUSING, "因安全住房"),
            Map.entry(RiskType.UNSAFE_WATER, "因安全饮水"), Map.entry(RiskType.OTHER, "其他"));

    private static final Map<String, RiskType> RISKS = new HashMap<>();

    static {
        RISK_WORDS.forEach((k, v) -> RISKS.put(v, k));
        RISKS.put("因灾", RiskType.NATURAL_DISASTER);
        RISKS.put("因意外", RiskType.ACCIDENT);
        RISKS.put("因产业失败", RiskType.INDUSTRY_FAILURE);
        RISKS.put("因务工不稳", RiskType.UNSTABLE_EMPLOYMENT);
        RISKS.put("因住房", RiskType.UNSAFE_HOUSING);
        RISKS.put("因饮水", RiskType.UNSAFE_WATER);
    }

    /** A risk type's policy.md §3 name → risk type; blank or another word empty. */
    public static Optional<RiskType> riskType(@Nullable String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        return Optional.ofNullable(RISKS.get(text.strip()));
    }

    public static String riskWord(RiskType r) {
        return RISK_WORDS.get(r);
    }
}
