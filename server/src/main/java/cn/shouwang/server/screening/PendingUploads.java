package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads waiting to replace a current file ({@code screening_upload.pending_until} set): shown to their uploader
 * with what they hold and what they would replace; confirmed (the upload becomes current, the old one is replaced
 * and kept, as an upload without a current file would have done at once), abandoned, or discarded when not
 * confirmed in time (row and file; a sweep every {@link #SWEEP_MINUTES} minutes and at start). Each step is audited.
 */
@Service
class PendingUploads {
    private static final Logger log = LoggerFactory.getLogger(PendingUploads.class);
    static final int SWEEP_MINUTES = 10;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditApi audit;
    private final ScreeningFiles files;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pending-uploads");
        t.setDaemon(true);
        return t;
    });

    PendingUploads(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditApi audit, ScreeningFiles files) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.files = files;
    }

    /** What an audit row says of an upload (no personal data: names, counts, checksum). */
    static String detail(long id, String kind, String period, String fileName, String sha256, long rows, long rejected) {
        return "upload:" + id + " " + kind + " " + period + " file:" + fileName + " sha256:" + sha256 + " rows:" + rows
                + " rejected:" + rejected;
    }

    record Current(long id, String fileName, long rows, long rejected, String uploadedBy, OffsetDateTime uploadedAt) {}

    record Pending(long id, String kind, String period, String countyCode, String fileName, long rows, long rejected,
                   List<UploadCheck.Reason> reasons, String uploadedBy, OffsetDateTime uploadedAt, OffsetDateTime until,
                   @Nullable Current current) {}

    private static final String PENDING = """
            select p.id, p.kind, p.period, p.county_code, p.file_name, p.row_count, p.rejected_rows, p.reject_reasons,
                   p.uploaded_by, p.uploaded_at, p.pending_until,
                   c.id, c.file_name, c.row_count, c.rejected_rows, c.uploaded_by, c.uploaded_at
            from screening_upload p
            left join screening_upload c on c.period = p.period and c.county_code = p.county_code and c.kind = p.kind
                 and c.is_current
            where p.pending_until > :now and p.uploaded_by = :u and p.county_code like :s""";

    private static Pending pending(java.sql.ResultSet rs) throws java.sql.SQLException {
        Long cid = (Long) rs.getObject(12);
        Current c = cid == null ? null : new Current(cid, rs.getString(13), rs.getLong(14), rs.getLong(15),
                rs.getString(16), rs.getObject(17, OffsetDateTime.class));
        return new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), UploadCheck.Checked.parse(rs.getString(8)), rs.getString(9),
                rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class), c);
    }

    /** The user's uploads waiting for confirmation within the scope, newest first. */
    List<Pending> of(String username, AreaScope scope) {
        return jdbc.sql(PENDING + " order by p.id desc limit 50")
                .param("now", Timestamp.from(clock.instant())).param("u", username).param("s", scope.likePattern())
                .query((rs, i) -> pending(rs)).list();
    }

    /** The current file changed after the user saw it: the confirmation must be made again, on what is current now. */
    static final class CurrentChangedException extends RuntimeException {
        CurrentChangedException() { super("the current file changed"); }
    }

    /**
     * Makes the user's pending upload current, replacing the current file if it is still {@code expectedCurrent}
     * (the one the user saw; null when there was none). Not the user's, outside the scope, or expired: 404.
     */
    Pending confirm(long id, String username, AreaScope scope, @Nullable Long expectedCurrent) {
        String[] replacedPath = {null};
        Pending confirmed = tx.execute(s -> {
            Pending p = jdbc.sql(PENDING + " and p.id = :id for update of p")
                    .param("now", Timestamp.from(clock.instant())).param("u", username).param("s", scope.likePattern())
                    .param("id", id).query((rs, i) -> pending(rs)).optional()
                    .orElseThrow(() -> new OutOfScopeException("pending upload " + id));
            Long current = jdbc.sql("select id from screening_upload where period = :p and county_code = :c and kind = :k "
                            + "and is_current for update")
                    .param("p", p.period()).param("c", p.countyCode()).param("k", p.kind()).query(Long.class).optional()
                    .orElse(null);
            if (!Objects.equals(current, expectedCurrent)) throw new CurrentChangedException();
            if (current != null) {
                replacedPath[0] = jdbc.sql("update screening_upload set is_current = false, replaced_by = :n where id = :id "
                                + "returning stored_path")
                        .param("n", id).param("id", current).query(String.class).single();
            }
            jdbc.sql("update screening_upload set is_current = true, pending_until = null where id = :id").param("id", id).update();
            audit.record(AuditAction.UPLOAD_REPLACE, null, null, p.countyCode(), List.of(),
                    detail(id, p.kind(), p.period(), p.fileName(), sha256(id), p.rows(), p.rejected())
                            + (current == null ? "" : " replaces:" + current));
            return p;
        });
        // after the commit: the replaced file stays sealed, or goes with uploads-at-rest=delete
        if (replacedPath[0] != null) files.superseded(Path.of(replacedPath[0]));
        return confirmed;
    }

    /** Abandons the user's pending upload: its row and its file are deleted. Not the user's or outside the scope: 404. */
    Pending discard(long id, String username, AreaScope scope) {
        Pending p = jdbc.sql(PENDING + " and p.id = :id")
                .param("now", Timestamp.from(clock.instant())).param("u", username).param("s", scope.likePattern())
                .param("id", id).query((rs, i) -> pending(rs)).optional()
                .orElseThrow(() -> new OutOfScopeException("pending upload " + id));
        delete(p.id(), AuditAction.UPLOAD_DISCARD, "abandoned by the uploader");
        return p;
    }

    /** Deletes every pending upload past its time (rows and files); returns how many. */
    int discardExpired() {
        List<Long> expired = jdbc.sql("select id from screening_upload where pending_until <= :now")
                .param("now", Timestamp.from(clock.instant())).query(Long.class).list();
        int n = 0;
        for (long id : expired) if (delete(id, AuditAction.UPLOAD_EXPIRED, "not confirmed in time")) n++;
        return n;
    }

    private String sha256(long id) {
        return jdbc.sql("select sha256 from screening_upload where id = :id").param("id", id).query(String.class).single();
    }

    /** Deletes a pending row (never a current or replaced one) and audits it, then deletes its file. */
    private boolean delete(long id, AuditAction action, String why) {
        String path = tx.execute(s -> {
            var row = jdbc.sql("delete from screening_upload where id = :id and pending_until is not null "
                            + "returning kind, period, county_code, file_name, sha256, row_count, rejected_rows, stored_path")
                    .param("id", id).query().listOfRows();
            if (row.isEmpty()) return null;
            var r = row.get(0);
            audit.record(action, null, null, (String) r.get("county_code"), List.of(),
                    detail(id, (String) r.get("kind"), (String) r.get("period"), (String) r.get("file_name"),
                            (String) r.get("sha256"), ((Number) r.get("row_count")).longValue(),
                            ((Number) r.get("rejected_rows")).longValue()) + " " + why);
            return (String) r.get("stored_path");
        });
        if (path == null) return false;
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            // the row is gone, so nothing refers to the file any more; say so for the operator
            log.warn("could not delete the file of discarded upload {}: {}", id, e.toString());
        }
        return true;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                discardExpired();
            } catch (RuntimeException e) {
                log.warn("sweeping expired pending uploads failed: {}", e.toString());
            }
        }, 0, SWEEP_MINUTES, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
