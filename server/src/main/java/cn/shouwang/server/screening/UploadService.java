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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 数据上报: a department file is streamed to disk while its SHA-256 is computed, then checked with the engine's
 * own header definitions before anything is recorded. A refused file leaves no row and no file behind. An accepted
 * one is stored sealed ({@link ScreeningFiles}); the copy in clear it was checked from is deleted either way.
 */
@Service
class UploadService {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ScreeningFiles files;

    UploadService(JdbcClient jdbc, TransactionTemplate tx, Clock clock, ScreeningFiles files) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.files = files;
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
        Path stored = null;
        try {
            tmp = files.incoming(countyCode, period, ext);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream din = new DigestInputStream(in, sha)) {
                files.receive(din, tmp);
            }
            long size = Files.size(tmp);
            if (size == 0) throw new UploadRefusedException("文件是空的：" + name);
            if (ext.equals("xlsx") && !startsWithZip(tmp)) {
                throw new UploadRefusedException("不是有效的 Excel（XLSX）文件：" + name);
            }
            long rows = check(kind, tmp, name);
            String hex = HexFormat.of().formatHex(sha.digest());
            // sealed before the transaction: the crypto of a large file does not hold the row lock
            stored = files.store(tmp, countyCode, period, kind.fileName(), ext);
            Path target = stored;
            String[] replaced = {null};
            Long id = tx.execute(s -> {
                var previous = jdbc.sql("select id, stored_path from screening_upload where period = :p and county_code = :c "
                                + "and kind = :k and is_current for update")
                        .param("p", period).param("c", countyCode).param("k", kind.name())
                        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional().orElse(null);
                Long old = previous == null ? null : (Long) previous[0];
                if (previous != null) replaced[0] = (String) previous[1];
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
                return nid;
            });
            stored = null; // recorded
            if (replaced[0] != null) files.superseded(Path.of(replaced[0]));
            return new Accepted(id, rows, hex, size);
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
