package cn.shouwang.core.casework;

/** How a risk ended (policy.md §7): through assistance (帮扶消除) or naturally (自然消除). */
public enum EliminationMethod {
    ASSISTANCE("帮扶消除", "Through assistance"), NATURAL("自然消除", "Naturally");

    private final String zh;
    private final String en;

    EliminationMethod(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
}
