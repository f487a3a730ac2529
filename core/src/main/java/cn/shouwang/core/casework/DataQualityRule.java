package cn.shouwang.core.casework;

/**
 * The data-quality checks of policy.md §6 (after the national system's checks) and the national checks counties are
 * scored on (docs/casework.md, *Data-quality checks*: their numbers where known). The first eight look at monitored
 * households; the elimination checks at households whose risk was eliminated (see {@link DataQuality}).
 */
public enum DataQualityRule {
    NO_MEASURE_AFTER_ONE_MONTH("纳入监测满一个月仍无帮扶措施", "No measure one month after identification"),
    ONLY_FLOOR_MEASURES("有劳动能力的家庭只有兜底保障措施", "A household that can work has only assistance-floor measures"),
    ILLNESS_WITHOUT_OUT_OF_POCKET("风险类型为因病,但合规自付支出为0", "Risk ILLNESS with zero eligible out-of-pocket spending"),
    DISABILITY_WITHOUT_CERTIFICATE("风险类型为因残,但无成员持有残疾证", "Risk DISABILITY but no member holds a disability certificate"),
    UNSTABLE_EMPLOYMENT_WITHOUT_WORKER("风险类型为因务工就业不稳,但无有劳动能力成员",
            "Risk UNSTABLE_EMPLOYMENT but no member can work"),
    DISASTER_WITHOUT_SUBTYPE("风险类型为因自然灾害,但未填写灾害类型", "Risk NATURAL_DISASTER without its sub-type"),
    UNINSURED_WITHOUT_ILLNESS_RISK("有成员未参加基本医疗保险,但风险类型无因病",
            "A member has no medical insurance but ILLNESS is not among the risks"),
    UNSAFE_WATER_WITHOUT_RISK("饮水不安全,但风险类型无因安全饮水", "Drinking water unsafe but UNSAFE_WATER not among the risks"),
    LACK_OF_LABOUR_WITH_WORKERS("风险类型为因缺劳动力,但有成员有劳动能力", "Risk LACK_OF_LABOUR but a member can work"),
    UNSAFE_WATER_WITHOUT_WATER_MEASURE("风险类型为因安全饮水,但无饮水安全保障措施",
            "Risk UNSAFE_WATER without a drinking-water measure"),
    UNSAFE_HOUSING_WITHOUT_HOUSING_MEASURE("风险类型为因住房安全,但无住房安全保障或易地搬迁措施",
            "Risk UNSAFE_HOUSING without a housing-safety or relocation measure"),
    WAGES_BELOW_100("工资性收入大于0元但不足100元", "Wage income above 0 but below 100 yuan"),
    ELIMINATED_BELOW_LINE("帮扶消除风险,但人均纯收入低于监测标准", "Eliminated through assistance with per-capita income below the line"),
    ELIMINATED_WITHOUT_DEVELOPMENT("帮扶消除风险,但无已完成的开发式帮扶措施",
            "Eliminated through assistance without a delivered development measure"),
    ILLNESS_ELIMINATED_WITHOUT_HEALTH_MEASURE("因病风险已消除,但无健康帮扶、社会帮扶或综合保障措施",
            "Illness risk eliminated without a health, social-help or assistance-floor measure"),
    SCHOOLING_ELIMINATED_WITHOUT_EDUCATION_MEASURE("因学风险已消除,但无教育帮扶措施",
            "Schooling risk eliminated without an education measure"),
    ELIMINATED_TOO_SOON("识别纳入当月或次月即消除风险", "Risk eliminated in the month of identification or the next");

    private final String zh;
    private final String en;

    DataQualityRule(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
}
