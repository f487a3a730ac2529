package cn.shouwang.core.casework;

/** The three ways a risk is found (policy.md §4): 农户自主申报 / 基层干部排查 / 部门筛查预警. */
public enum LeadChannel {
    SELF_REPORT("农户自主申报", "Self-report"),
    FIELD_SCREENING("基层干部排查", "Field screening"),
    DEPARTMENT_SCREENING("部门筛查预警", "Department screening");

    private final String zh;
    private final String en;

    LeadChannel(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
}
