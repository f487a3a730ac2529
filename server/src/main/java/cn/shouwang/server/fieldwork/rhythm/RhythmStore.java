package cn.shouwang.server.fieldwork.rhythm;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The one row of field_rhythm: read by every worklist, changed by the administrator (audited, versioned). */
@Component
public class RhythmStore {
    /** A change of the rhythm by another administrator since the form was opened. */
    public static class Conflict extends RuntimeException {
        Conflict() {
            super("rhythm changed meanwhile");
        }
    }

    private final JdbcClient jdbc;
    private final AuditApi audit;

    RhythmStore(JdbcClient jdbc, AuditApi audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Rhythm current() {
        return jdbc.sql("select monitored_months, formerly_poor_months, other_months, version from field_rhythm where id = 1")
                .query((rs, i) -> new Rhythm(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .optional().orElse(new Rhythm(1, 3, 12, 0));
    }

    @Transactional
    public void update(RhythmCmd cmd, CurrentUser by) {
        Rhythm before = current();
        int n = jdbc.sql("""
                update field_rhythm set monitored_months = :m, formerly_poor_months = :f, other_months = :o,
                       version = version + 1, updated_at = :at, updated_by_name = :by
                 where id = 1 and version = :v""")
                .param("m", cmd.monitoredMonths()).param("f", cmd.formerlyPoorMonths()).param("o", cmd.otherMonths())
                .param("at", OffsetDateTime.now()).param("by", by.displayName()).param("v", cmd.version()).update();
        if (n == 0) throw new Conflict();
        audit.record(AuditAction.FIELD_RHYTHM_UPDATE, null, null, by.scope().areaCode(), List.of(),
                before.monitoredMonths() + "/" + before.formerlyPoorMonths() + "/" + before.otherMonths() + " -> "
                        + cmd.monitoredMonths() + "/" + cmd.formerlyPoorMonths() + "/" + cmd.otherMonths());
    }
}
