package cn.shouwang.core.casework;

/** A monitored household's standing: 监测中 / 风险已消除. The record stays after elimination. */
public enum MonitoringStatus {
    MONITORED("监测中", "Monitored"), RISK_ELIMINATED("风险已消除", "Risk eliminated");

    private final String zh;
    private final String en;

    MonitoringStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }
}
