package cn.shouwang.server.access;

import cn.shouwang.core.casework.CaseRole;

/** What an account may do; its area decides where. */
public enum Role {
    ADMIN,            // 系统管理员
    CITY_ANALYST,     // 市级分析员
    COUNTY_ANALYST,   // 县级分析员
    TOWNSHIP_STAFF,   // 乡镇工作人员
    VILLAGE_MONITOR,  // 村防返贫监测员
    DATA_OFFICER,     // 行业部门数据员 (uploads only)
    GRID_WORKER;      // 网格员 / 十户长 (a village scope: reports through visits and leads, decides nothing)

    public String authority() {
        return "ROLE_" + name();
    }

    /** Message key of the role's name on screens, e.g. {@code role.VILLAGE_MONITOR}. */
    public String messageKey() {
        return "role." + name();
    }

    /**
     * The same role in the casework rules of the core (which cannot see the server): the one place the server
     * crosses from its account roles to the core's, pinned by {@code RoleTest}.
     */
    public CaseRole caseRole() {
        return switch (this) {
            case ADMIN -> CaseRole.ADMIN;
            case CITY_ANALYST -> CaseRole.CITY_ANALYST;
            case COUNTY_ANALYST -> CaseRole.COUNTY_ANALYST;
            case TOWNSHIP_STAFF -> CaseRole.TOWNSHIP_STAFF;
            case VILLAGE_MONITOR -> CaseRole.VILLAGE_MONITOR;
            case DATA_OFFICER -> CaseRole.DATA_OFFICER;
            case GRID_WORKER -> CaseRole.GRID_WORKER;
        };
    }
}
