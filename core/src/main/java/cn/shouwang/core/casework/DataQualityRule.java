package cn.shouwang.core.casework;

/** The data-quality checks of policy.md §6 (after the national system's checks). */
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
    UNSAFE_WATER_WITHOUT_RISK("饮水不安全,但风险类型无因安全饮水", "Drinking water unsafe but UNSAFE_WATER not among the risks");

    private final String zh;
    private final String en;

    DataQualityRule(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
}
