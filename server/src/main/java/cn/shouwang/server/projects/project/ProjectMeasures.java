package cn.shouwang.server.projects.project;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.casework.MeasureBackingApi;
import cn.shouwang.server.projects.ProjectsAccess;
import cn.shouwang.server.projects.Refused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A linked household's plan measure that the project backs (产业帮扶 or 就业帮扶 of its plan): kept on the link, chosen
 * from {@link CaseworkApi#measuresOf} and checked to be the household's and of one of those groups; answered to
 * casework as {@link MeasureBackingApi}, so the monitored household's page shows the project under the measure.
 */
@Service("projectMeasures")
public class ProjectMeasures implements MeasureBackingApi {
    /** The measure groups a linkage-fund project can back. */
    public static final Set<String> GROUPS = Set.of("INDUSTRY", "EMPLOYMENT");

    private final JdbcClient jdbc;
    private final CaseworkApi casework;
    private final Projects projects;
    private final AuditApi audit;

    ProjectMeasures(JdbcClient jdbc, CaseworkApi casework, Projects projects, AuditApi audit) {
        this.jdbc = jdbc;
        this.casework = casework;
        this.projects = projects;
        this.audit = audit;
    }

    /** The household's measures a project may back, within the reader's area. */
    public List<CaseworkApi.MeasureRef> eligible(long householdId, CurrentUser by) {
        return casework.measuresOf(householdId, by.scope()).stream().filter(m -> GROUPS.contains(m.group())).toList();
    }

    public @Nullable Long measureOf(long projectId, long householdId) {
        return jdbc.sql("select measure_id from project_household where project_id = :p and household_id = :h")
                .param("p", projectId).param("h", householdId).query(Long.class).optional().orElse(null);
    }

    /** Sets (or clears, with null) the measure the link backs. */
    @Transactional
    public void choose(long projectId, long householdId, @Nullable Long measureId, CurrentUser by) {
        ProjectsAccess.requireWrite(by);
        Projects.Row p = projects.require(projectId, by.scope());
        if (measureId != null && eligible(householdId, by).stream().noneMatch(m -> m.id() == measureId)) {
            throw new Refused("measureId", "projects.measure.notEligible");
        }
        int n = jdbc.sql("update project_household set measure_id = :m where project_id = :p and household_id = :h")
                .param("m", measureId).param("p", projectId).param("h", householdId).update();
        if (n == 0) throw new OutOfScopeException("link " + projectId + "/" + householdId);
        audit.record(AuditAction.PROJECT_HOUSEHOLD_LINK, householdId, null, p.areaCode(), List.of(
                new AuditApi.Change("measure", null, measureId == null ? null : String.valueOf(measureId))),
                "project-" + projectId);
    }

    @Override
    public Map<Long, List<Backing>> backings(long householdId) {
        Map<Long, List<Backing>> out = new HashMap<>();
        jdbc.sql("""
                select ph.measure_id, p.id, p.name from project_household ph join project p on p.id = ph.project_id
                 where ph.household_id = :h and ph.measure_id is not null order by p.year desc, p.id""")
                .param("h", householdId)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).list()
                .forEach(r -> out.computeIfAbsent((Long) r[0], k -> new ArrayList<>())
                        .add(new Backing("nav.projects", (String) r[2], "/projects/" + r[1])));
        return out;
    }
}
