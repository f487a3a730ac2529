package cn.shouwang.server.access;

/** What an account may do; its area decides where. */
public enum Role {
    ADMIN,            // 系统管理员
    CITY_ANALYST,     // 市级分析员
    COUNTY_ANALYST,   // 县级分析员
    TOWNSHIP_STAFF,   // 乡镇工作人员
    VILLAGE_MONITOR,  // 村防返贫监测员
    DATA_OFFICER;     // 行业部门数据员 (uploads only)

    public String authority() {
        return "ROLE_" + name();
    }

    /** Message key of the role's name on screens, e.g. {@code role.VILLAGE_MONITOR}. */
    public String messageKey() {
        return "role." + name();
    }
}
