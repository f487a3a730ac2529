package cn.shouwang.core.casework;

/**
 * The roles casework knows; the names equal the server's account roles so the server maps them by name.
 * Who may do what is decided by {@link CaseAction#allows(CaseRole, CaseState)}.
 */
public enum CaseRole {
    ADMIN, CITY_ANALYST, COUNTY_ANALYST, TOWNSHIP_STAFF, VILLAGE_MONITOR, DATA_OFFICER,
    /** 网格员 / 十户长: reports (opens a lead), nothing else: no verification, review, plan or decision. */
    GRID_WORKER;

    /** Roles that may open a lead by hand (field or department screening). Self-reports need no role. */
    public boolean mayOpenLead() {
        return this == VILLAGE_MONITOR || this == TOWNSHIP_STAFF || this == COUNTY_ANALYST || this == GRID_WORKER;
    }

    /** The grid worker reports and does nothing else to a case (not even matching a self-report to a household). */
    public boolean onlyReports() {
        return this == GRID_WORKER;
    }

    /**
     * Roles that read casework in their area without taking part in it: the city analyst follows the counties'
     * progress, the administrator administers. They see leads, monitored households, plans and counts; no step.
     */
    public boolean readsOnly() {
        return this == CITY_ANALYST || this == ADMIN;
    }

    /** Roles that may keep a plan and its measures (the village proposes, township and county oversee). */
    public boolean mayKeepPlan() {
        return this == VILLAGE_MONITOR || this == TOWNSHIP_STAFF || this == COUNTY_ANALYST;
    }

    /**
     * Roles that may change a monitored household's category and risk types: the township and the county, who
     * review and confirm identification. The village monitor proposes changes through a new report or home check.
     */
    public boolean mayReclassify() {
        return this == TOWNSHIP_STAFF || this == COUNTY_ANALYST;
    }
}
