package cn.shouwang.screening.feed;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds a kind's file in a directory and reads it record by record, CSV or XLSX alike. */
public final class FeedFiles {
    private FeedFiles() {}

    public interface RecordHandler {
        /** The header row (line 1 for CSV; the first non-blank row for XLSX). */
        void header(List<String> cells, int line) throws Exception;

        /** A data record; blank records are not passed. The record is valid only during the call. */
        void record(RawRecord r, int line) throws Exception;
    }

    /** Thrown when the handler fails: carries its exception. */
    public static final class HandlerException extends IOException {
        HandlerException(Exception cause) { super(cause.getMessage(), cause); }
    }

    /** {@code <kind>.csv} or {@code <kind>.xlsx} in {@code dir} (names compared without case; CSV preferred). */
    public static Optional<Path> find(Path dir, FeedKind kind) throws IOException {
        Path csv = null, xlsx = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(p)) continue;
                if (n.equals(kind.fileName() + ".csv")) csv = p;
                else if (n.equals(kind.fileName() + ".xlsx")) xlsx = p;
            }
        }
        return Optional.ofNullable(csv != null ? csv : xlsx);
    }

    public static boolean isXlsx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    public static void readAll(Path file, RecordHandler h) throws IOException {
        readAll(file, XlsxRows.Limits.DEFAULTS, h);
    }

    /**
     * Reads every record. An .xlsx file is read within {@code limits} (an {@link XlsxLimitException} when it goes
     * past one); a handler's own exception comes out as a {@link HandlerException} for CSV and XLSX alike.
     */
    public static void readAll(Path file, XlsxRows.Limits limits, RecordHandler h) throws IOException {
        if (isXlsx(file)) {
            boolean[] seenHeader = {false};
            XlsxRows.read(file, limits, (row, cells) -> {
                if (blank(cells)) return;
                try {
                    if (!seenHeader[0]) {
                        seenHeader[0] = true;
                        h.header(cells, row);
                    } else {
                        h.record(RawRecord.of(cells), row);
                    }
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new HandlerException(e);
                }
            });
            return;
        }
        readCsv(new CsvScanner(file), h);
    }

    /** Reads every record of a CSV file's bytes from {@code in} (closed at the end), as {@link #readAll(Path, RecordHandler)}. */
    public static void readCsv(java.io.InputStream in, RecordHandler h) throws IOException {
        CsvScanner s;
        try {
            s = new CsvScanner(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        readCsv(s, h);
    }

    private static void readCsv(CsvScanner scanner, RecordHandler h) throws IOException {
        try (CsvScanner s = scanner) {
            boolean seenHeader = false;
            while (s.next()) {
                if (s.isBlank()) continue;
                try {
                    if (!seenHeader) {
                        seenHeader = true;
                        h.header(s.strings(), s.line());
                    } else {
                        h.record(s, s.line());
                    }
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new HandlerException(e);
                }
            }
        }
    }

    private static boolean blank(List<String> cells) {
        for (String c : cells) if (c != null && !c.isBlank()) return false;
        return true;
    }
}
