package cn.shouwang.server.insurance.policy;

/** Who a policy covers (the county chooses); the name is {@code insurance.coverage.<name>}. */
public enum Coverage {
    /** 脱贫户 only. */
    FORMERLY_POOR,
    /** 脱贫户 and monitored households (监测对象). */
    MONITORED,
    /** every rural household of the area. */
    ALL_RURAL;

    public String messageKey() {
        return "insurance.coverage." + name();
    }
}
