package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.CsvRendering;
import cn.shouwang.screening.feed.XlsxRows;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.DataDirectory;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where and how the comparison keeps files under {@code shouwang.screening.dir} (docs/operations.md, "What is on
 * disk"); every directory is created 0700 and every file 0600:
 * <ul>
 * <li>{@code uploads/<county>/<period>/<uuid>-<kind>.csv.sealed} — a stored department file, sealed with the
 * personal-data key ({@link PersonalDataApi#sealing}): a CSV upload as received, an XLSX upload as its CSV rendering
 * ({@link CsvRendering}: the cells the engine compares), written sealed while the upload is checked. With
 * {@code shouwang.screening.uploads-at-rest=delete} it is deleted when a run has stored what it read from it, or when
 * a newer upload replaces it.</li>
 * <li>{@code uploads/<county>/<period>/incoming-<uuid>.<ext>} — an upload in clear while it is received and checked;
 * deleted as soon as it is checked (and sealed) or refused. At start, also a stored XLSX upload of an earlier release
 * while it is converted.</li>
 * </ul>
 * Runs read stored uploads as streams, decrypted as the engine reads them: nothing in clear is written for a run.
 * At start ({@link #atStart}) what a killed server left is deleted (with the run folders of earlier releases), stored
 * uploads still in clear (an earlier release) are sealed in place and sealed XLSX uploads of an earlier release
 * ({@code <uuid>-<kind>.xlsx.sealed}) are converted to their sealed CSV rendering.
 */
@Component
class ScreeningFiles {
    private static final Logger log = LoggerFactory.getLogger(ScreeningFiles.class);
    static final String SEALED = ".sealed";
    private static final String INCOMING = "incoming-";
    private static final String PART = ".part";

    /** {@code shouwang.screening.uploads-at-rest}: what becomes of a stored department file. */
    enum AtRest {
        /** kept, sealed: the record of what each run compared */
        SEALED,
        /** kept, sealed, only until a run has stored what it read from it (or a newer upload replaces it) */
        DELETE;

        static AtRest parse(String s) {
            return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
                case "", "sealed" -> SEALED;
                case "delete" -> DELETE;
                default -> throw new IllegalArgumentException("shouwang.screening.uploads-at-rest must be sealed or delete");
            };
        }
    }

    private final PersonalDataApi crypto;
    private final JdbcClient jdbc;
    private final DataDirectory data;
    private final Path dir;
    private final Path uploads;
    private final Path runs;
    private volatile AtRest atRest;

    ScreeningFiles(PersonalDataApi crypto, JdbcClient jdbc, DataDirectory data, @Value("${shouwang.screening.dir}") String dir,
                   @Value("${shouwang.screening.uploads-at-rest:sealed}") String atRest) {
        this.crypto = crypto;
        this.jdbc = jdbc;
        this.data = data;
        this.dir = Path.of(dir).toAbsolutePath().normalize();
        this.uploads = this.dir.resolve("uploads");
        this.runs = this.dir.resolve("runs");
        this.atRest = AtRest.parse(atRest);
    }

    AtRest atRest() {
        return atRest;
    }

    /** Tests switch the setting on the shared server. */
    void atRest(AtRest value) {
        this.atRest = value;
    }

    /** Whether this server owns the data directory (see {@link DataDirectory#owner()}): only then does it sweep. */
    boolean owner() {
        return data.owner();
    }

    // ---------------------------------------------------------------------------------------------- uploads

    /** Where an upload is received: a fresh name in its county's and period's folder (created 0700). */
    Path incoming(String countyCode, String period, String ext) throws IOException {
        Path folder = PrivateFiles.createDirectories(uploads.resolve(countyCode).resolve(period));
        return folder.resolve(INCOMING + UUID.randomUUID() + "." + ext);
    }

    /** Copies {@code in} into the new file {@code target}, 0600. */
    void receive(InputStream in, Path target) throws IOException {
        try (OutputStream out = PrivateFiles.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    /**
     * Seals the checked file {@code plain} into the upload's stored file and returns its path; {@code plain} is left
     * for the caller to delete. Written to a {@code .part} file first and renamed, so a stored file is always whole.
     */
    Path store(Path plain, String countyCode, String period, String kindFileName, String ext) throws IOException {
        try (Storing s = newStored(countyCode, period, kindFileName, ext)) {
            try (InputStream in = Files.newInputStream(plain)) {
                in.transferTo(s.out());
            }
            return s.commit();
        }
    }

    /**
     * A new stored file of an upload ({@code <uuid>-<kind>.<ext>.sealed}), written sealed through {@link Storing#out}
     * (whatever is written is encrypted before it reaches the disk).
     */
    Storing newStored(String countyCode, String period, String kindFileName, String ext) throws IOException {
        Path folder = PrivateFiles.createDirectories(uploads.resolve(countyCode).resolve(period));
        return new Storing(folder.resolve(UUID.randomUUID() + "-" + kindFileName + "." + ext + SEALED));
    }

    /**
     * A stored file being written: sealed as it is written into a {@code .part} file (0600), renamed into place by
     * {@link #commit}, so a stored file is always whole; closed without a commit, the part is deleted.
     */
    final class Storing implements java.io.Closeable {
        private final Path target;
        private final Path part;
        private final OutputStream out;
        private boolean committed;

        private Storing(Path target) throws IOException {
            this.target = target;
            this.part = target.resolveSibling(target.getFileName() + PART);
            OutputStream file = new BufferedOutputStream(PrivateFiles.newOutputStream(part), 1 << 16);
            try {
                this.out = crypto.sealing(file);
            } catch (IOException | RuntimeException e) {
                file.close();
                Files.deleteIfExists(part);
                throw e;
            }
        }

        /** The plain content goes here (not to be closed by the caller: {@link #commit} does). */
        OutputStream out() {
            return out;
        }

        /** Ends the sealed file and puts it in place; returns its path. */
        Path commit() throws IOException {
            out.close();
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
            return target;
        }

        @Override public void close() throws IOException {
            if (committed) return;
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                // the part is deleted anyway
            }
            Files.deleteIfExists(part);
        }
    }

    private void seal(Path plain, Path target) throws IOException {
        try (Storing s = new Storing(target)) {
            try (InputStream in = Files.newInputStream(plain)) {
                in.transferTo(s.out());
            }
            s.commit();
        }
    }

    /** The plain content of a stored upload, read as it is opened (a damaged file throws while being read). */
    InputStream open(Path stored) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(stored), 1 << 16);
        try {
            return crypto.opening(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The plain content of a stored upload for the engine, read as it is decrypted; a failure to open or read it (a
     * damaged file, another server's key) comes out as an IOException saying {@code failure}.
     */
    InputStream openChecked(Path stored, String failure) throws IOException {
        InputStream in;
        try {
            in = open(stored);
        } catch (IOException | RuntimeException e) {
            throw new IOException(failure, e);
        }
        return new java.io.FilterInputStream(in) {
            @Override public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | RuntimeException e) {
                    throw new IOException(failure, e);
                }
            }

            @Override public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    throw new IOException(failure, e);
                }
            }
        };
    }

    /** "csv" or "xlsx", from a stored file's name. */
    static String extension(Path stored) {
        String n = stored.getFileName().toString();
        if (n.endsWith(SEALED)) n = n.substring(0, n.length() - SEALED.length());
        return n.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? "xlsx" : "csv";
    }

    /** A stored file that no row refers to (its upload's transaction failed). */
    void discard(Path stored) {
        deleteQuietly(stored);
    }

    /** An upload a newer one replaced: kept sealed, or deleted with uploads-at-rest=delete (no run will read it). */
    void superseded(Path stored) {
        if (atRest == AtRest.DELETE) deleteQuietly(stored);
    }

    /** Uploads whose rows a finished run has read and stored: kept sealed, or deleted with uploads-at-rest=delete. */
    void compared(Collection<Path> stored) {
        if (atRest == AtRest.DELETE) stored.forEach(ScreeningFiles::deleteQuietly);
    }

    // ---------------------------------------------------------------------------------------------- runs

    /**
     * Deletes {@code runs/}, the working folders of earlier releases (the registry exported for a run, opened uploads,
     * output: plain id numbers); returns how many folders it held. Runs of this release make none.
     */
    int sweepRunFolders() {
        if (!Files.exists(runs, LinkOption.NOFOLLOW_LINKS)) return 0;
        int n = 0;
        if (Files.isDirectory(runs, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> list = Files.list(runs)) {
                n = (int) list.count();
            } catch (IOException e) {
                log.error("could not list {}: {}", runs, e.getClass().getSimpleName());
            }
        }
        deleteQuietly(runs);
        return n;
    }

    // ---------------------------------------------------------------------------------------------- start

    /** What the start found. */
    record StartUp(int runFolders, int incoming, int sealedInPlace, int plainDeleted, int deletedPerSetting, int modesFixed,
                   int xlsxConverted) {}

    /**
     * What a server does at start, before its port opens: gives the comparison's folder the server's modes, deletes
     * the run folders and incoming files a killed server left, seals in place the stored uploads an earlier release
     * kept in clear (the rows then name the sealed file), deletes any other file in clear under {@code uploads/}, and
     * with uploads-at-rest=delete deletes the stored uploads the setting no longer keeps (replaced, or read by a
     * finished run), and converts the sealed XLSX uploads an earlier release kept to their sealed CSV rendering
     * ({@link #convertXlsx}).
     */
    StartUp atStart() {
        try {
            PrivateFiles.createDirectories(dir);
            int modes = PrivateFiles.restrict(dir);
            int runFolders = sweepRunFolders();
            int[] counts = new int[5];
            if (Files.isDirectory(uploads)) sweepUploads(counts);
            StartUp s = new StartUp(runFolders, counts[0], counts[1], counts[2], counts[3], modes, counts[4]);
            if (runFolders + counts[0] + counts[1] + counts[2] + counts[3] + counts[4] + modes > 0) {
                log.warn("comparison files at start: deleted {} run folder(s) and {} incoming upload(s) left by a stopped "
                                + "server or an earlier release; sealed {} stored upload(s) kept in clear by an earlier release; "
                                + "converted {} sealed XLSX upload(s) to their sealed CSV rendering; deleted {} other "
                                + "file(s) in clear and {} upload(s) per uploads-at-rest={}; {} mode(s) made 0600/0700",
                        runFolders, counts[0], counts[1], counts[4], counts[2], counts[3],
                        atRest.name().toLowerCase(Locale.ROOT), modes);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** {@code current}: the current file, or one waiting for its uploader to confirm that it replaces it. */
    private record Stored(long id, boolean current, boolean compared) {}

    private void sweepUploads(int[] counts) throws IOException {
        java.util.Map<String, Stored> rows = new java.util.HashMap<>();
        jdbc.sql("""
                select u.id, u.stored_path, u.is_current or u.pending_until is not null,
                       exists (select 1 from screening_run_file f join screening_run r on r.id = f.run_id
                               where f.upload_id = u.id and r.status = :done) as compared
                from screening_upload u""")
                .param("done", RunStatus.DONE.name())
                .query(rs -> {
                    rows.put(Path.of(rs.getString(2)).toAbsolutePath().normalize().toString(), new Stored(rs.getLong(1), rs.getBoolean(3), rs.getBoolean(4)));
                });
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(uploads)) {
            all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)).forEach(files::add);
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (Files.isSymbolicLink(p) || name.startsWith(INCOMING) || name.endsWith(PART)) {
                Files.deleteIfExists(p);
                counts[0]++;
                continue;
            }
            Stored row = rows.get(p.toString());
            if (row != null && atRest == AtRest.DELETE && (!row.current() || row.compared())) {
                Files.deleteIfExists(p);
                counts[3]++;
                continue;
            }
            if (isSealed(p)) {
                if (row != null && isXlsx(p) && convertXlsx(row.id(), p)) counts[4]++;
                continue;
            }
            if (row == null) {
                Files.deleteIfExists(p); // in clear and nobody's: a leftover of a crash between seal and delete
                counts[2]++;
                continue;
            }
            // an earlier release's stored upload, in clear: seal it beside, point the row at it, delete the clear one
            Path target = p.resolveSibling(name + SEALED);
            seal(p, target);
            jdbc.sql("update screening_upload set stored_path = :t where id = :id")
                    .param("t", target.toString()).param("id", row.id()).update();
            Files.delete(p);
            counts[1]++;
        }
    }

    private static boolean isXlsx(Path stored) {
        return extension(stored).equals("xlsx");
    }

    /**
     * Converts a sealed XLSX upload of an earlier release ({@code <uuid>-<kind>.xlsx.sealed}) to its sealed CSV
     * rendering, as an upload is stored now: opened into an {@code incoming-*} file (0600, in the upload's 0700
     * folder; deleted here, or at the next start after a crash), rendered by {@link CsvRendering} within the XLSX
     * limits straight into the sealed {@code <uuid>-<kind>.csv.sealed}, the row repointed, the workbook deleted.
     * The row keeps the file name, SHA-256 and size of the file received. Returns false, leaving the upload as it
     * was, when the file does not open or read (a run then says so).
     */
    boolean convertXlsx(long uploadId, Path stored) {
        String name = stored.getFileName().toString();
        String base = name.substring(0, name.length() - (".xlsx" + SEALED).length());
        Path target = stored.resolveSibling(base + ".csv" + SEALED);
        Path plain = stored.resolveSibling(INCOMING + UUID.randomUUID() + ".xlsx");
        try {
            try (InputStream in = open(stored); OutputStream out = PrivateFiles.newOutputStream(plain)) {
                in.transferTo(out);
            }
            try (Storing s = new Storing(target)) {
                CsvRendering.render(plain, XlsxRows.Limits.DEFAULTS, s.out());
                s.commit();
            }
            jdbc.sql("update screening_upload set stored_path = :t where id = :id")
                    .param("t", target.toString()).param("id", uploadId).update();
            Files.delete(stored);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("could not convert the XLSX upload {} ({}) to its CSV rendering: {}", uploadId, name,
                    e.getClass().getSimpleName());
            return false;
        } finally {
            deleteQuietly(plain);
        }
    }

    private static boolean isSealed(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(8);
            return PersonalDataApi.isSealedFile(head, head.length);
        }
    }

    /** Deletes a file or tree, saying only which one could not be deleted (its content may hold id numbers). */
    static void deleteQuietly(Path p) {
        try {
            PrivateFiles.deleteTree(p);
        } catch (IOException e) {
            log.error("could not delete {}: {}", p, e.getClass().getSimpleName());
        }
    }
}
