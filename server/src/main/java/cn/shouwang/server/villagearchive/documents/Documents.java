package cn.shouwang.server.villagearchive.documents;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.PrivateFiles;
import cn.shouwang.server.platform.RefusedInputException;
import cn.shouwang.server.villagearchive.ArchiveCodes;
import cn.shouwang.server.villagearchive.ArchiveScopes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The village's documents (档案资料): a row per document and its file, sealed with the personal-data key (a notice
 * or a photo may show people) under {@code <data-dir>/villagearchive/<village>/<uuid>.sealed}, 0600 in 0700
 * folders. An upload is atomic: the file is written (as {@code .part}, then moved) inside the transaction that
 * inserts the row, and deleted again when that transaction does not commit, so there is a row with its file or
 * neither. The type is read from the content ({@link ContentSniffer}) and must be the one the name claims.
 */
@Component
public class Documents {
    private static final Logger log = LoggerFactory.getLogger(Documents.class);
    private static final String SEALED = ".sealed";
    private static final String PART = ".part";

    /** A document as the pages show it. */
    public record Doc(long id, String villageCode, String docType, String title, LocalDate docDate, String fileName,
                      ContentKind kind, long sizeBytes, String uploadedByName, OffsetDateTime uploadedAt,
                      String storedName) {}

    /** What an upload says about the file; the file itself comes as a stream. */
    public record NewDocument(String docType, String title, LocalDate docDate, String fileName, long sizeBytes) {}

    /** Opens the uploaded content (again): read once to tell its type, once to store it. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final PersonalDataApi crypto;
    private final ArchiveCodes codes;
    private final Path root;
    private final long maxBytes;

    Documents(JdbcClient jdbc, AuditApi audit, PersonalDataApi crypto, ArchiveCodes codes,
              @Value("${shouwang.data-dir}") String dataDir,
              @Value("${shouwang.villagearchive.max-document-mb:10}") long maxMegabytes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.crypto = crypto;
        this.codes = codes;
        this.root = Path.of(dataDir).toAbsolutePath().resolve("villagearchive");
        this.maxBytes = maxMegabytes * 1024 * 1024;
    }

    /** The largest document accepted, in bytes (setting {@code shouwang.villagearchive.max-document-mb}, 10 by default). */
    public long maxBytes() {
        return maxBytes;
    }

    /** Where the village's files are (for tests and operations). */
    public Path directory(String villageCode) {
        return root.resolve(villageCode);
    }

    private static Doc row(ResultSet rs, int i) throws SQLException {
        return new Doc(rs.getLong("id"), rs.getString("village_code"), rs.getString("doc_type"), rs.getString("title"),
                rs.getObject("doc_date", LocalDate.class), rs.getString("file_name"),
                ContentKind.valueOf(rs.getString("content_kind")), rs.getLong("size_bytes"),
                rs.getString("uploaded_by_name"), rs.getObject("uploaded_at", OffsetDateTime.class),
                rs.getString("stored_name"));
    }

    /** The village's documents, newest date first (the village inside the scope, else none). */
    public List<Doc> ofVillage(String villageCode, AreaScope scope) {
        ArchiveScopes s = ArchiveScopes.of(scope);
        return jdbc.sql("""
                select * from village_document where village_code = :v and village_code between :lo and :hi
                 order by doc_date desc, id desc""")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi()).query(Documents::row).list();
    }

    /** The document, if it is the village's and inside the scope. */
    public Optional<Doc> find(long id, String villageCode, AreaScope scope) {
        ArchiveScopes s = ArchiveScopes.of(scope);
        return jdbc.sql("""
                select * from village_document where id = :id and village_code = :v and village_code between :lo and :hi""")
                .param("id", id).param("v", villageCode).param("lo", s.lo()).param("hi", s.hi())
                .query(Documents::row).optional();
    }

    /** Documents per village of these villages inside the scope (one query; villages without any are absent). */
    public Map<String, Long> countsByVillage(Collection<String> villageCodes, AreaScope scope) {
        Map<String, Long> out = new HashMap<>();
        if (villageCodes.isEmpty()) return out;
        ArchiveScopes s = ArchiveScopes.of(scope);
        jdbc.sql("""
                select village_code, count(*) from village_document
                 where village_code between :lo and :hi and village_code in (:codes) group by village_code""")
                .param("lo", s.lo()).param("hi", s.hi()).param("codes", villageCodes)
                .query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    /** Refuses what the archive does not keep, naming the file: empty, too large, unknown, or not what it claims. */
    ContentKind check(NewDocument d, Content content) throws IOException {
        if (d.sizeBytes() <= 0) throw new RefusedInputException("file", "villagearchive.doc.error.empty", d.fileName());
        if (d.sizeBytes() > maxBytes) {
            throw new RefusedInputException("file", "villagearchive.doc.error.tooLarge", d.fileName(),
                    String.format("%.1f", d.sizeBytes() / 1048576.0), maxBytes / 1048576);
        }
        ContentKind actual;
        try (InputStream in = content.open()) {
            actual = ContentSniffer.sniff(in);
        }
        ContentKind claimed = ContentKind.claimedBy(d.fileName());
        if (actual == null) throw new RefusedInputException("file", "villagearchive.doc.error.unknown", d.fileName());
        if (claimed == null) {
            throw new RefusedInputException("file", "villagearchive.doc.error.noExtension", d.fileName(),
                    "villagearchive.doc.kind." + actual.name());
        }
        if (claimed != actual) {
            throw new RefusedInputException("file", "villagearchive.doc.error.mismatch", d.fileName(),
                    new org.springframework.context.support.DefaultMessageSourceResolvable(
                            "villagearchive.doc.kind." + actual.name()),
                    new org.springframework.context.support.DefaultMessageSourceResolvable(
                            "villagearchive.doc.kind." + claimed.name()));
        }
        return actual;
    }

    /**
     * Stores a document of a village the caller has checked is in {@code me}'s scope: the row and the sealed file in one
     * transaction, audited. Refused (nothing written) for an unknown type, a file empty, too large or not what its name says.
     */
    @Transactional
    public long upload(String villageCode, NewDocument d, Content content, CurrentUser me) throws IOException {
        me.requireInScope(villageCode);
        if (d.title() == null || d.title().isBlank()) {
            throw new RefusedInputException("title", "villagearchive.doc.error.title");
        }
        if (d.docDate() == null) throw new RefusedInputException("docDate", "villagearchive.doc.error.date");
        if (codes.find(ArchiveCodes.DOC_TYPE, d.docType()).filter(ArchiveCodes.Code::active).isEmpty()) {
            throw new RefusedInputException("docType", "villagearchive.doc.error.type");
        }
        ContentKind kind = check(d, content);
        String stored = UUID.randomUUID() + SEALED;
        Path dir = directory(villageCode);
        Path part = dir.resolve(stored + PART);
        Path file = dir.resolve(stored);
        // registered before anything is on disk: whatever makes the transaction fail leaves no file behind
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    deleteQuietly(part);
                    deleteQuietly(file);
                }
            }
        });
        String sha;
        long written;
        PrivateFiles.createDirectories(dir);
        try (InputStream raw = content.open(); DigestInputStream in = new DigestInputStream(raw, sha256());
             OutputStream out = crypto.sealing(PrivateFiles.newOutputStream(part))) {
            written = in.transferTo(out);
            sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
        if (written != d.sizeBytes()) throw new IOException("upload changed while stored");
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        long id = jdbc.sql("""
                insert into village_document (village_code, doc_type, title, doc_date, file_name, content_kind, size_bytes,
                       sha256, stored_name, uploaded_by, uploaded_by_name)
                values (:v, :t, :title, :date, :name, :kind, :size, :sha, :stored, :by, :byName) returning id""")
                .param("v", villageCode).param("t", d.docType()).param("title", d.title().strip())
                .param("date", d.docDate()).param("name", d.fileName()).param("kind", kind.name())
                .param("size", written).param("sha", sha).param("stored", stored).param("by", me.accountId())
                .param("byName", me.displayName()).query(Long.class).single();
        audit.record(AuditAction.VILLAGE_DOCUMENT_UPLOAD, null, null, villageCode, List.of(),
                "document " + id + " " + d.docType() + " " + kind + " " + written + " bytes");
        return id;
    }

    /** Writes the document's content (opened from its sealed file) to {@code out}, audited as a download. */
    public void download(Doc d, OutputStream out) throws IOException {
        audit.record(AuditAction.VILLAGE_DOCUMENT_DOWNLOAD, null, null, d.villageCode(), List.of(),
                "document " + d.id());
        try (InputStream in = crypto.opening(Files.newInputStream(directory(d.villageCode()).resolve(d.storedName())))) {
            in.transferTo(out);
        }
    }

    /** Deletes the document (the caller checked the role and scope); the file goes once the deletion is committed. */
    @Transactional
    public void delete(Doc d) {
        jdbc.sql("delete from village_document where id = :id").param("id", d.id()).update();
        audit.record(AuditAction.VILLAGE_DOCUMENT_DELETE, null, null, d.villageCode(), List.of(),
                "document " + d.id() + " " + d.docType() + " " + d.title());
        Path file = directory(d.villageCode()).resolve(d.storedName());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override public void afterCommit() {
                deleteQuietly(file);
            }
        });
    }

    /** At start: what a killed server left half written. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void sweepParts() {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> s = Files.walk(root, 2)) {
            s.filter(p -> p.getFileName().toString().endsWith(PART)).forEach(Documents::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(@Nullable Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", p.getFileName(), e.toString());
        }
    }
}
