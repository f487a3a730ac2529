package cn.shouwang.server.platform;

import java.util.List;

/**
 * One PostgreSQL schema per module, named like the module's package; each module's migrations live in
 * {@code db/migration/<module>/} and are run by a Flyway of their own into that schema, with the history table
 * {@code <module>.flyway_schema_history}, in this order (a module's migrations may reference the tables of the modules
 * before it, by foreign key only: {@code TableOwnershipTest}).
 *
 * <p>Every connection of the server (the application pool and {@link OwnerDatabase}) runs with {@link #SEARCH_PATH}, so
 * the code names tables without their schema; table names are unique across the modules.
 */
public final class ModuleSchemas {
    /** Dependency order: a module comes after every module whose tables it references. */
    public static final List<String> MODULES =
            List.of("area", "access", "audit", "household", "casework", "screening",
                    // field work on the village monitor's phone: visits, worklists, sweeps, grids (issue 13)
                    "fieldwork",
                    // the registers beside the core (issues 18 and 19), each its own module
                    "insurance", "socialassistance", "projects", "employment", "credit", "eldervisits", "moralbank",
                    "villagearchive",
                    // figures up the chain: dashboards, month-end snapshots, 调度表 and 台账 (issue 14)
                    "figures",
                    "platform");

    /** Every module's schema, then public (which now holds only the history of the single-schema releases). */
    public static final String SEARCH_PATH = String.join(", ", MODULES) + ", public";

    private ModuleSchemas() {
    }
}
