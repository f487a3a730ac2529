package cn.shouwang.core.casework;

/** The conditions of policy.md §7; each text says what fails. */
public enum EliminationCondition {
    MONITORED("该户不在监测中", "The household is not monitored"),
    MIN_MONTHS("纳入监测未满规定月数", "Not yet the minimum months since identification"),
    MEASURE_DELIVERED("没有已完成的帮扶措施", "No assistance measure has been delivered"),
    INCOME_LINE_SET("当年监测标准未设置,无法判断收入", "This year's income line is not set: income cannot be judged"),
    INCOME_ABOVE_LINE("人均纯收入未高于当年监测标准", "Per-capita net income is not above this year's line"),
    INCOME_STABLE("收入未稳定高于监测标准(近期收入核查不足或有低于标准)",
            "Income is not stably above the line (too few recent checks, or one below)"),
    RIGID_COSTS_RESOLVED("大额刚性支出问题未解决", "Large rigid costs are not resolved"),
    GUARANTEES_SECURE("“三保障”和饮水安全未全部保障", "Guarantees and drinking water are not all secure"),
    ABLE_TO_WORK("家庭无劳动能力成员,应纳入兜底保障,不标注风险消除",
            "Nobody in the household can work: it stays under the assistance floor");

    private final String zh;
    private final String en;

    EliminationCondition(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
}
