package cn.shouwang.core.casework;

/** Sub-type of risk NATURAL_DISASTER (policy.md §3). */
public enum DisasterSubtype {
    FLOOD("洪涝"), DROUGHT("干旱"), HAIL("冰雹"), STORM("风灾"), FREEZE("冻灾"), EARTHQUAKE("地震"), OTHER("其他");

    private final String zh;

    DisasterSubtype(String zh) {
        this.zh = zh;
    }

    public String chinese() { return zh; }
}
