package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.CsvRendering;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.Sheets;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.RefusedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 数据上报: a department file is streamed to disk while its SHA-256 is computed, then checked with the engine's
 * own header definitions and row parser ({@link UploadCheck}) before anything is recorded. A refused file leaves no
 * row and no file behind. When the period, county and kind have no current file the upload becomes current; when
 * they have one, the upload waits ({@code pending_until}) until its uploader confirms that it replaces the current
 * one or abandons it ({@link PendingUploads}). An accepted file, current or pending, is stored sealed
 * ({@link ScreeningFiles}): a CSV as received, a workbook (.xlsx or .xls, told by content) as its CSV rendering ({@link CsvRendering}, the cells the
 * engine compares), written sealed row by row while the workbook is checked, so that runs read every upload as a
 * stream and never need a workbook in clear on disk. The row keeps the received file's name, SHA-256 and size. The
 * copy in clear it was checked from is deleted either way.
 */
@Service
class UploadService {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ScreeningFiles files;
    private final UploadCheck checker;
    private final AuditApi audit;
    private final Duration confirmWithin;

    UploadService(JdbcClient jdbc, TransactionTemplate tx, Clock clock, ScreeningFiles files,
                  UploadCheck checker, AuditApi audit,
                  @Value("${shouwang.screening.confirm-within:PT24H}") Duration confirmWithin) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.files = files;
        this.checker = checker;
        this.audit = audit;
        this.confirmWithin = confirmWithin;
    }

    /**
     * Why an upload was refused (nothing was stored): a message code of the bundles and its arguments, resolved in
     * the reader's language by the page ({@link UploadCheck#message}). An argument may itself be a
     * {@link org.springframework.context.MessageSourceResolvable} (a kind's name) or a list of
     * {@link UploadCheck.Reason}s (rendered as the reasons in words).
     */
    static final class UploadRefusedException extends RefusedInputException {
        UploadRefusedException(String code, Object... args) { super(null, code, args); }

        String code() { return problems().get(0).code(); }

        Object[] args() { return problems().get(0).args(); }
    }

    /** A stored upload: current at once, or {@code pending} (waiting to replace the current file). */
    record Accepted(long id, long rows, long rejected, List<UploadCheck.Reason> reasons, String sha256, long size,
                    boolean pending, long digitsLost) implements java.io.Serializable {} // a flash attribute: the session is stored serialized

    /**
     * {@link #upload(FeedKind, String, String, String, InputStream, String)} for a signed-in user, who may upload
     * only the kinds of their department when they are a department data officer ({@link KindNames#uploadable}):
     * another department's kind is refused before anything is read or stored.
     */
    Accepted upload(FeedKind kind, String period, String countyCode, String fileName, InputStream in,
                    cn.shouwang.server.access.CurrentUser user) {
        if (kind != null && !kind.isRegistry() && !KindNames.uploadable(user).contains(kind)) {
            var dept = KindNames.department(kind);
            throw user.department() == null
                    ? new UploadRefusedException("screening.upload.noDepartment")
                    : new UploadRefusedException("screening.upload.otherDepartment",
                            new org.springframework.context.support.DefaultMessageSourceResolvable(user.department().messageKey()),
                            new org.springframework.context.support.DefaultMessageSourceResolvable(KindNames.key(kind)),
                            new org.springframework.context.support.DefaultMessageSourceResolvable(dept.messageKey()));
        }
        return upload(kind, period, countyCode, fileName, in, user.username());
    }

    Accepted upload(FeedKind kind, String period, String countyCode, String fileName, InputStream in, String user) {
        if (kind == null || kind.isRegistry()) throw new UploadRefusedException("screening.upload.chooseKind");
        try {
            Period.parse(period);
        } catch (RuntimeException e) {
            throw new UploadRefusedException("screening.run.badPeriod");
        }
        String name = fileName == null ? "" : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.endsWith(".csv") || lower.endsWith(".txt") ? "csv"
                : lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".xls") ? "xls" : null;
        if (ext == null) throw new UploadRefusedException("screening.upload.wrongType", name);
        Path tmp = null;
        Path stored = null;
        try {
            tmp = files.incoming(countyCode, period, ext);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream din = new DigestInputStream(in, sha)) {
                files.receive(din, tmp);
            }
            long size = Files.size(tmp);
            if (size == 0) throw new UploadRefusedException("screening.upload.empty", name);
            UploadCheck.Checked checked;
            // sealed before the transaction: the crypto of a large file does not hold the row lock
            // a workbook is told by its content, as the reader tells it (an .xls renamed .xlsx is still a workbook)
            if (Sheets.format(tmp) != Sheets.Format.CSV) {
                // the rows read while checking are written as the engine's CSV straight into the sealed stored file
                try (ScreeningFiles.Storing csv = files.newStored(countyCode, period, kind.fileName(), "csv")) {
                    CsvRendering rendering = new CsvRendering(csv.out());
                    checked = checker.check(kind, tmp, name, rendering);
                    rendering.finish();
                    stored = csv.commit();
                }
            } else {
                checked = checker.check(kind, tmp, name);
                stored = files.store(tmp, countyCode, period, kind.fileName(), "csv");
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = stored;
            boolean[] pending = {false};
            Long id = tx.execute(s -> {
                // two uploads of one file at the same moment: the second waits for the first and becomes its
                // replacement to confirm (FOR UPDATE below locks nothing while no file is current yet)
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended('screening.upload ' || :p || ' ' || :c || ' ' || :k, 0))")
                        .param("p", period).param("c", countyCode).param("k", kind.name()).query((rs, i) -> 1).list();
                Long current = jdbc.sql("select id from screening_upload where period = :p and county_code = :c and kind = :k "
                                + "and is_current for update")
                        .param("p", period).param("c", countyCode).param("k", kind.name()).query(Long.class).optional()
                        .orElse(null);
                // a current file is replaced only when the uploader confirms, having seen what the new one holds
                pending[0] = current != null;
                java.time.Instant now = clock.instant();
                long nid = jdbc.sql("""
                        insert into screening_upload (kind, period, county_code, file_name, stored_path, sha256, size_bytes,
                            row_count, rejected_rows, reject_reasons, uploaded_by, uploaded_at, is_current, pending_until)
                        values (:k, :p, :c, :f, :sp, :h, :sz, :r, :rj, :rr, :u, :at, :cur, :until) returning id""")
                        .param("k", kind.name()).param("p", period).param("c", countyCode).param("f", name)
                        .param("sp", target.toString()).param("h", hex).param("sz", size).param("r", checked.rows())
                        .param("rj", checked.rejected()).param("rr", checked.stored())
                        .param("u", user).param("at", java.sql.Timestamp.from(now)).param("cur", !pending[0])
                        .param("until", pending[0] ? java.sql.Timestamp.from(now.plus(confirmWithin)) : null,
                                java.sql.Types.TIMESTAMP)
                        .query(Long.class).single();
                audit.record(pending[0] ? AuditAction.UPLOAD_PENDING : AuditAction.UPLOAD, null, null, countyCode, List.of(),
                        PendingUploads.detail(nid, kind.name(), period, name, hex, checked.rows(), checked.rejected())
                                + (pending[0] ? " replaces:" + current : ""));
                return nid;
            });
            stored = null; // recorded
            return new Accepted(id, checked.rows(), checked.rejected(), checked.reasons(), hex, size, pending[0],
                    checked.digitsLost());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            // the copy in clear goes, accepted or refused (one a killed server left is deleted at the next start)
            if (tmp != null) ScreeningFiles.deleteQuietly(tmp);
            if (stored != null) files.discard(stored); // its row was not written
        }
    }
}
