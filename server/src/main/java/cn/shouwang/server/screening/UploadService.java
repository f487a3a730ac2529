package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedFiles;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.HeaderMap;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.rules.Period;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 数据上报: a department file is streamed to disk while its SHA-256 is computed, then checked with the engine's
 * own header definitions before anything is recorded. A refused file leaves no row and no file behind.
 */
@Service
class UploadService {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Path dir;

    UploadService(JdbcClient jdbc, TransactionTemplate tx, Clock clock, @Value("${shouwang.screening.dir}") String dir) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.dir = Path.of(dir).toAbsolutePath();
    }

    /** Why an upload was refused, in Chinese for the page (nothing was stored). */
    static final class UploadRefusedException extends RuntimeException {
        UploadRefusedException(String message) { super(message); }
    }

    record Accepted(long id, long rows, String sha256, long size) {}

    Accepted upload(FeedKind kind, String period, String countyCode, String fileName, InputStream in, String user) {
        if (kind == null || kind.isRegistry()) throw new UploadRefusedException("请选择部门数据类别");
        try {
            Period.parse(period);
        } catch (RuntimeException e) {
            throw new UploadRefusedException("比对期格式应为 YYYY-MM，例如 2024-06");
        }
        String name = fileName == null ? "" : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.endsWith(".csv") ? "csv" : lower.endsWith(".xlsx") ? "xlsx" : null;
        if (ext == null) throw new UploadRefusedException("只接受 CSV 或 XLSX（Excel 2007 及以上）文件：" + name);
        Path tmp = null;
        try {
            Path folder = dir.resolve("uploads").resolve(countyCode).resolve(period);
            Files.createDirectories(folder);
            tmp = folder.resolve("incoming-" + UUID.randomUUID() + "." + ext);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream din = new DigestInputStream(in, sha)) {
                Files.copy(din, tmp);
            }
            long size = Files.size(tmp);
            if (size == 0) throw new UploadRefusedException("文件是空的：" + name);
            if (ext.equals("xlsx") && !startsWithZip(tmp)) {
                throw new UploadRefusedException("不是有效的 Excel（XLSX）文件：" + name);
            }
            long rows = check(kind, tmp, name);
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = folder.resolve(UUID.randomUUID() + "-" + kind.fileName() + "." + ext);
            Path incoming = tmp;
            Long id = tx.execute(s -> {
                Long old = jdbc.sql("select id from screening_upload where period = :p and county_code = :c and kind = :k "
                                + "and is_current for update")
                        .param("p", period).param("c", countyCode).param("k", kind.name()).query(Long.class).optional()
                        .orElse(null);
                if (old != null) {
                    jdbc.sql("update screening_upload set is_current = false where id = :id").param("id", old).update();
                }
                long nid = jdbc.sql("""
                        insert into screening_upload (kind, period, county_code, file_name, stored_path, sha256, size_bytes,
                            row_count, uploaded_by, uploaded_at)
                        values (:k, :p, :c, :f, :sp, :h, :sz, :r, :u, :at) returning id""")
                        .param("k", kind.name()).param("p", period).param("c", countyCode).param("f", name)
                        .param("sp", target.toString()).param("h", hex).param("sz", size).param("r", rows)
                        .param("u", user).param("at", java.sql.Timestamp.from(clock.instant()))
                        .query(Long.class).single();
                if (old != null) {
                    jdbc.sql("update screening_upload set replaced_by = :n where id = :id").param("n", nid).param("id", old).update();
                }
                try {
                    // inside the transaction: if the move fails the row is rolled back
                    Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return nid;
            });
            tmp = null;
            return new Accepted(id, rows, hex, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover incoming-* file is harmless: it is never read
                }
            }
        }
    }

    private static boolean startsWithZip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        }
    }

    /** Header must be the kind's (English or Chinese aliases); counts the data rows. */
    private static long check(FeedKind kind, Path file, String name) {
        long[] rows = {0};
        boolean[] header = {false};
        try {
            FeedFiles.readAll(file, new FeedFiles.RecordHandler() {
                @Override public void header(List<String> cells, int line) {
                    header[0] = true;
                    HeaderMap.of(kind, cells);
                }

                @Override public void record(RawRecord r, int line) {
                    rows[0]++;
                }
            });
        } catch (FeedFiles.HandlerException e) {
            if (e.getCause() instanceof HeaderMap.MissingColumnsException m) {
                throw new UploadRefusedException("文件“" + name + "”不是" + KindNames.zh(kind) + "数据：第1行表头缺少列 "
                        + m.columns());
            }
            throw new UploadRefusedException("无法读取文件“" + name + "”：" + e.getMessage());
        } catch (HeaderMap.MissingColumnsException m) {
            throw new UploadRefusedException("文件“" + name + "”不是" + KindNames.zh(kind) + "数据：第1行表头缺少列 "
                    + m.columns());
        } catch (IOException | RuntimeException e) {
            throw new UploadRefusedException("无法读取文件“" + name + "”：不是可读的 CSV 或 Excel 电子表格");
        }
        if (!header[0]) throw new UploadRefusedException("文件是空的（没有表头）：" + name);
        if (rows[0] == 0) throw new UploadRefusedException("文件只有表头，没有数据行：" + name);
        return rows[0];
    }
}
