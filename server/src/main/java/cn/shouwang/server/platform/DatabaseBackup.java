package cn.shouwang.server.platform;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Backup and restore of the whole database and the data directory's files without pg_dump (the embedded binaries
 * carry none): every table of the module schemas (Flyway's histories included) written with {@code COPY … TO STDOUT}
 * inside one REPEATABLE READ, READ ONLY transaction (a consistent snapshot: a server on the same external database may
 * keep running; the embedded one is locked by its server, so the command runs with that server stopped), the
 * sequences read after the tables (so never behind a row), and the files under the data directory (not {@code pg/},
 * {@code keys/}, {@code tmp/}; sealed files stay sealed). The tables and columns come from the catalogue, never a
 * hand list, so a module's new table is in the next backup by itself.
 *
 * <p>The backup is one zip stream, handed to the caller's {@code seal} (the personal-data key's sealed-file format:
 * names and addresses are in clear in the rows): {@code manifest.properties} (format, PostgreSQL version, each
 * schema's applied migrations, the tables and their columns), {@code db/<schema>/<table>.copy} (COPY text format,
 * which does not depend on the PostgreSQL major version: the same backup restores into 14 or 17),
 * {@code files/<path>}, and {@code end.properties} (each table's rows, the sequences).
 *
 * <p>Restore goes into a database migrated to exactly the backup's migrations (else one line: the backup is newer or
 * older than this release), in one transaction: every module table emptied, the rows copied in with triggers and
 * foreign keys off ({@code session_replication_role = replica}: the copied rows are already consistent, and the
 * triggers that keep counts would count them twice), the row counts checked, the sequences set.
 */
@Component
public class DatabaseBackup {
    private static final Logger log = LoggerFactory.getLogger(DatabaseBackup.class);
    static final String FORMAT = "shouwang-backup-1";
    static final String MANIFEST = "manifest.properties";
    static final String END = "end.properties";
    private static final Set<String> NOT_FILES = Set.of("pg", "keys", "tmp", ".lock");

    /** Wraps a stream (sealing or opening with the personal-data key). */
    @FunctionalInterface
    public interface StreamWrapper<T> {
        T wrap(T stream) throws IOException;
    }

    /** What a backup or restore did. */
    public record Outcome(int tables, long rows, int files, int sequences) {}

    /** A restore refused before anything was changed: the one line for the administrator. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final OwnerDatabase owner;
    private final ObjectProvider<EmbeddedDatabase> embedded;
    /** A restore went in during this start: the database is no longer the new one it was. */
    private volatile boolean restored;

    DatabaseBackup(OwnerDatabase owner, ObjectProvider<EmbeddedDatabase> embedded) {
        this.owner = owner;
        this.embedded = embedded;
    }

    /** For restore: the embedded database's superuser (triggers off needs it), else the configured owner. */
    private DataSource restoreSource() {
        EmbeddedDatabase pg = embedded.getIfAvailable();
        return pg != null ? pg.superuser() : owner.dataSource();
    }

    record Table(String schema, String name, List<String> columns) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }

        String columnList() {
            return String.join(", ", columns.stream().map(DatabaseBackup::quote).toList());
        }

        String entry() {
            return "db/" + schema + "/" + name + ".copy";
        }
    }

    /** Every ordinary table of the module schemas (partitions included, partitioned parents not), by name. */
    static List<Table> tables(Connection c) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        String sql = """
                select n.nspname, c.relname, a.attname from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace
                  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                 where c.relkind = 'r' and n.nspname = any (?)
                 order by n.nspname, c.relname, a.attnum""";
        try (var ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", ModuleSchemas.MODULES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "." + rs.getString(2);
                    tables.computeIfAbsent(key, k -> {
                        try {
                            return new Table(rs.getString(1), rs.getString(2), new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).columns().add(rs.getString(3));
                }
            }
        }
        return new ArrayList<>(tables.values());
    }

    /** Each module schema's applied migrations ("1,2,3" by installed rank; only successful ones), by schema. */
    static Map<String, String> migrations(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        List<String> schemas = new ArrayList<>();
        try (var ps = c.prepareStatement("""
                select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where c.relname = 'flyway_schema_history' and c.relkind in ('r', 'p') and n.nspname = any (?)""")) {
            ps.setArray(1, c.createArrayOf("text", ModuleSchemas.MODULES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) schemas.add(rs.getString(1));
            }
        }
        for (String s : schemas) {
            List<String> versions = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select version from " + quote(s)
                    + ".flyway_schema_history where success and version is not null order by installed_rank")) {
                while (rs.next()) versions.add(rs.getString(1));
            }
            out.put(s, String.join(",", versions));
        }
        return out;
    }

    /** Every sequence of the module schemas with its state, read with the caller's connection. */
    static Map<String, String> sequences(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (var ps = c.prepareStatement("""
                select quote_ident(n.nspname) || '.' || quote_ident(c.relname) from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and n.nspname = any (?)""")) {
            ps.setArray(1, c.createArrayOf("text", ModuleSchemas.MODULES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1));
            }
        }
        for (String s : names) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select last_value, is_called from " + s)) {
                rs.next();
                out.put(s, rs.getLong(1) + "," + rs.getBoolean(2));
            }
        }
        return out;
    }

    /**
     * Writes the backup of the database and of {@code dataDir}'s files to {@code sink} (closed at the end), through
     * {@code seal}. The database is read in one consistent snapshot; the server may keep running.
     */
    public Outcome backup(OutputStream sink, Path dataDir, StreamWrapper<OutputStream> seal) throws IOException {
        return backup(sink, dataDir, seal, true);
    }

    /** @param withFiles false: the database only (upgrade-db, whose files stay where they are) */
    public Outcome backup(OutputStream sink, Path dataDir, StreamWrapper<OutputStream> seal, boolean withFiles)
            throws IOException {
        try (Connection c = owner.dataSource().getConnection();
             ZipOutputStream zip = new ZipOutputStream(seal.wrap(sink), StandardCharsets.UTF_8)) {
            zip.setLevel(1); // COPY text compresses well even at the fastest level; the backup is I/O- and cipher-bound
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (Statement st = c.createStatement()) {
                st.execute("select 1"); // takes the snapshot now: every table below is read as of this moment
            }
            List<Table> tables = tables(c);
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("created", Instant.now().toString());
            manifest.setProperty("postgres", serverVersion(c));
            migrations(c).forEach((s, v) -> manifest.setProperty("migrations." + s, v));
            for (int i = 0; i < tables.size(); i++) {
                Table t = tables.get(i);
                manifest.setProperty("table." + i, t.schema() + "." + t.name());
                manifest.setProperty("columns." + t.schema() + "." + t.name(), String.join(",", t.columns()));
            }
            putProperties(zip, MANIFEST, manifest);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Properties end = new Properties();
            long rows = 0;
            for (Table t : tables) {
                zip.putNextEntry(new ZipEntry(t.entry()));
                long n = copy.copyOut("copy " + t.qualified() + " (" + t.columnList() + ") to stdout", unclosable(zip));
                zip.closeEntry();
                end.setProperty("rows." + t.schema() + "." + t.name(), Long.toString(n));
                rows += n;
            }
            // after the tables and outside the snapshot (sequences are not transactional): never behind a copied row
            Map<String, String> seqs = sequences(c);
            seqs.forEach((s, v) -> end.setProperty("sequence." + s, v));
            c.commit();
            int files = 0;
            for (Path f : withFiles ? dataFiles(dataDir) : List.<Path>of()) {
                String rel = dataDir.relativize(f).toString().replace('\\', '/');
                zip.putNextEntry(new ZipEntry("files/" + rel));
                Files.copy(f, zip);
                zip.closeEntry();
                files++;
            }
            end.setProperty("files", Integer.toString(files));
            putProperties(zip, END, end);
            log.info("backup: {} tables, {} rows, {} files, {} sequences", tables.size(), rows, files, seqs.size());
            return new Outcome(tables.size(), rows, files, seqs.size());
        } catch (SQLException e) {
            throw new IllegalStateException("backup failed: " + e.getMessage(), e);
        }
    }

    /** The files a backup carries: everything under the data directory but the database, the keys, temporary files. */
    static List<Path> dataFiles(Path dataDir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) return out;
        try (Stream<Path> top = Files.list(dataDir)) {
            for (Path d : top.filter(p -> !NOT_FILES.contains(p.getFileName().toString())).sorted().toList()) {
                try (Stream<Path> walk = Files.walk(d)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    /**
     * Restores a backup (opened through {@code open}) into this server's database, which must be migrated to exactly
     * the backup's migrations, and its files into {@code dataDir}. All or nothing for the database: one transaction.
     *
     * @param replace also into a database that was not created by this start (the administrator confirmed it)
     * @throws Refused when the backup is not one, or was made by another release (nothing changed)
     */
    public Outcome restore(InputStream source, Path dataDir, StreamWrapper<InputStream> open, boolean replace)
            throws IOException {
        EmbeddedDatabase pg = embedded.getIfAvailable();
        if (!replace && (pg == null || !pg.fresh() || restored)) {
            throw new Refused(pg == null
                    ? "restore replaces every table of the configured database: give --replace to confirm, or use "
                            + "pg_restore (恢复将覆盖所配置数据库的全部数据：确认请加 --replace)"
                    : "restore goes into a new embedded database: move " + pg.settings().dataDir() + " away first, or "
                            + "give --replace to overwrite it (恢复只写入新的内嵌数据库：请先移走现有数据目录，或加 --replace 覆盖)");
        }
        try (Connection c = restoreSource().getConnection();
             ZipInputStream zip = new ZipInputStream(open.wrap(source), StandardCharsets.UTF_8)) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !MANIFEST.equals(first.getName())) throw new Refused(notABackup());
            Properties manifest = readProperties(zip);
            if (!FORMAT.equals(manifest.getProperty("format"))) throw new Refused(notABackup());
            c.setAutoCommit(false);
            refuseOtherRelease(manifest, migrations(c));
            List<Table> tables = tables(c);
            Map<String, Table> byName = new LinkedHashMap<>();
            for (Table t : tables) byName.put(t.schema() + "." + t.name(), t);
            try (Statement st = c.createStatement()) {
                // the copied rows are consistent already; the counting triggers would count them a second time
                st.execute("set local session_replication_role = replica");
                if (!tables.isEmpty()) {
                    st.execute("truncate " + String.join(", ", tables.stream().map(Table::qualified).toList()));
                }
            } catch (SQLException e) {
                throw new Refused("restore needs a superuser connection to turn triggers off (" + e.getMessage()
                        + "); with an external PostgreSQL use pg_dump/pg_restore (docs/operations.md) "
                        + "(恢复需要超级用户连接；外部数据库请使用 pg_dump/pg_restore)");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> copied = new TreeMap<>();
            Properties end = null;
            int files = 0;
            Path root = dataDir.toAbsolutePath().normalize();
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (name.startsWith("db/") && name.endsWith(".copy")) {
                    String key = name.substring(3, name.length() - 5).replace('/', '.');
                    Table t = byName.get(key);
                    String cols = manifest.getProperty("columns." + key);
                    if (t == null || cols == null || !cols.equals(String.join(",", t.columns()))) {
                        throw new Refused("the backup's table " + key + " does not match this database's: "
                                + "restore it with the release that made it (备份中的表 " + key + " 与本数据库不符)");
                    }
                    copied.put(key, copy.copyIn("copy " + t.qualified() + " (" + t.columnList() + ") from stdin",
                            unclosable(zip)));
                } else if (name.startsWith("files/") && !e.isDirectory()) {
                    Path target = root.resolve(name.substring("files/".length())).normalize();
                    // a path that leaves the data directory, or reaches into the database or keys, is not ours
                    if (!target.startsWith(root) || NOT_FILES.contains(root.relativize(target).getName(0).toString())) {
                        throw new Refused("the backup holds a file outside the data directory: " + name);
                    }
                    try {
                        PrivateFiles.createDirectories(target.getParent());
                        Path part = target.resolveSibling(target.getFileName() + ".restoring");
                        Files.deleteIfExists(part);
                        try (OutputStream out = PrivateFiles.newOutputStream(part)) {
                            zip.transferTo(out);
                        }
                        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException io) {
                        // not the backup's fault: said apart from a backup that does not open
                        throw new UncheckedIOException("cannot write " + target, io);
                    }
                    files++;
                } else if (END.equals(name)) {
                    end = readProperties(zip);
                }
            }
            if (end == null) throw new Refused("the backup is cut off (no end record): it was not written to the end "
                    + "(备份文件不完整)");
            for (String k : end.stringPropertyNames()) {
                if (k.startsWith("rows.") && !copied.containsKey(k.substring(5))) {
                    throw new Refused("table " + k.substring(5) + " is missing from the backup (备份不完整)");
                }
            }
            long rows = 0;
            for (Map.Entry<String, Long> e : copied.entrySet()) {
                String expected = end.getProperty("rows." + e.getKey());
                if (expected == null || Long.parseLong(expected) != e.getValue()) {
                    throw new Refused("table " + e.getKey() + ": " + e.getValue() + " rows restored, the backup says "
                            + expected + " (备份不完整)");
                }
                rows += e.getValue();
            }
            int sequences = 0;
            try (Statement st = c.createStatement()) {
                for (String k : end.stringPropertyNames()) {
                    if (!k.startsWith("sequence.")) continue;
                    String[] v = end.getProperty(k).split(",");
                    // the name was quote_ident'ed by the backup; setval takes it as text
                    try (var ps = c.prepareStatement("select setval(cast(? as regclass), ?, ?)")) {
                        ps.setString(1, k.substring("sequence.".length()));
                        ps.setLong(2, Long.parseLong(v[0]));
                        ps.setBoolean(3, Boolean.parseBoolean(v[1]));
                        ps.execute();
                    }
                    sequences++;
                }
                st.execute("set local session_replication_role = origin");
            }
            c.commit();
            restored = true;
            log.info("restore: {} tables, {} rows, {} files, {} sequences", copied.size(), rows, files, sequences);
            return new Outcome(copied.size(), rows, files, sequences);
        } catch (SQLException e) {
            throw new IllegalStateException("restore failed, nothing restored: " + e.getMessage(), e);
        }
    }

    private static String notABackup() {
        return "not a Shouwang backup (不是守望的备份文件)";
    }

    /** One line when the backup's migrations differ from this database's: which module, newer or older. */
    public static void refuseOtherRelease(Properties manifest, Map<String, String> here) {
        for (String s : ModuleSchemas.MODULES) {
            String theirs = manifest.getProperty("migrations." + s, "");
            String ours = here.getOrDefault(s, "");
            if (theirs.equals(ours)) continue;
            List<String> t = theirs.isEmpty() ? List.of() : List.of(theirs.split(","));
            List<String> o = ours.isEmpty() ? List.of() : List.of(ours.split(","));
            boolean newer = o.stream().allMatch(t::contains);
            throw new Refused(newer
                    ? "the backup was made by a newer release (module " + s + " has migrations this release does not "
                            + "know): restore it with that release or a later one (备份来自更新的版本，请用该版本或更新版本恢复)"
                    : "the backup was made by an older release (module " + s + " lacks migrations of this one): restore "
                            + "it with the release that made it, then start this release to upgrade (备份来自较旧的版本，"
                            + "请先用生成它的版本恢复，再启动本版本升级)");
        }
    }

    static String serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void putProperties(ZipOutputStream zip, String name, Properties p) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        StringWriter w = new StringWriter();
        p.store(w, null);
        zip.write(w.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static Properties readProperties(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        return p;
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }

    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
