package cn.shouwang.server.platform;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk loads through PostgreSQL COPY (text format), inside the caller's Spring transaction. Rows are buffered
 * and sent in 1 MiB chunks, so memory stays flat however many rows come.
 */
public final class PgCopy implements AutoCloseable {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(1 << 20);
    private final StringBuilder row = new StringBuilder(256);
    private boolean rowStarted;
    private long rows;

    private PgCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** {@code copy table (cols) from stdin}; the connection is the transaction's own. */
    public static PgCopy open(DataSource ds, String table, String columns) {
        Connection c = DataSourceUtils.getConnection(ds);
        try {
            PGConnection pg = c.unwrap(PGConnection.class);
            return new PgCopy(pg.getCopyAPI().copyIn("copy " + table + " (" + columns + ") from stdin"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start COPY into " + table, e);
        }
    }

    /**
     * Rows in COPY's text format to any {@link CopyIn}: a fuzz test reads what a parser would load without a
     * database (RegistryImportFuzzTest).
     */
    public static PgCopy to(CopyIn copy) {
        return new PgCopy(copy);
    }

    public PgCopy add(Object value) {
        if (rowStarted) row.append('\t');
        rowStarted = true;
        if (value == null) {
            row.append("\\N");
        } else if (value instanceof byte[] bytes) {
            row.append("\\\\x");
            for (byte b : bytes) row.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        } else if (value instanceof String[] arr) {
            row.append('{');
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) row.append(',');
                row.append('"');
                escape(arr[i].replace("\\", "\\\\").replace("\"", "\\\""));
                row.append('"');
            }
            row.append('}');
        } else {
            escape(value.toString());
        }
        return this;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                case '\\' -> row.append("\\\\");
                default -> row.append(ch);
            }
        }
    }

    public void endRow() {
        buf.append(row).append('\n');
        row.setLength(0);
        rowStarted = false;
        rows++;
        if (buf.length() > (1 << 20)) flush();
    }

    private void flush() {
        byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(b, 0, b.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed", e);
        }
        buf.setLength(0);
    }

    public long rows() {
        return rows;
    }

    /** Sends the rest and ends the COPY. */
    @Override
    public void close() {
        flush();
        try {
            copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed", e);
        }
    }
}
