package cn.shouwang.core.casework;

/**
 * The groups of assistance measures (policy.md §6). {@link #incomeGenerating()} marks the groups that raise the
 * household's own income; {@link #assistanceFloor()} the social-assistance floor (低保/特困).
 */
public enum MeasureGroup {
    INDUSTRY("产业帮扶", "Industry", true),
    EMPLOYMENT("就业帮扶", "Employment", true),
    FINANCE("金融帮扶(小额信贷)", "Finance (micro-credit)", true),
    PUBLIC_WELFARE_JOB("公益岗位", "Public-welfare job", true),
    HOUSING_SAFETY("住房安全保障", "Housing safety", false),
    DRINKING_WATER("饮水安全保障", "Drinking water", false),
    HEALTH("健康帮扶", "Health", false),
    COMPULSORY_EDUCATION("义务教育保障", "Compulsory education", false),
    OTHER_EDUCATION("其他教育帮扶", "Other education", false),
    SOCIAL_ASSISTANCE_FLOOR("综合保障(低保/特困)", "Social-assistance floor", false),
    SOCIAL_HELP("社会帮扶", "Social help", false),
    RELOCATION("易地搬迁", "Relocation", false),
    LIVING_CONDITIONS("生活条件改善", "Living conditions", false),
    INFRASTRUCTURE("基础设施", "Infrastructure", false),
    OTHER("其他", "Other", false);

    private final String zh;
    private final String en;
    private final boolean incomeGenerating;

    MeasureGroup(String zh, String en, boolean incomeGenerating) {
        this.zh = zh;
        this.en = en;
        this.incomeGenerating = incomeGenerating;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
    public boolean incomeGenerating() { return incomeGenerating; }
    public boolean assistanceFloor() { return this == SOCIAL_ASSISTANCE_FLOOR; }
}
