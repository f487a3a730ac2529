package cn.shouwang.screening.feed;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds a kind's file in a directory and reads it record by record, CSV or workbook alike. */
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
     * Reads every record. A workbook (.xlsx or .xls, told by its first bytes as {@link Sheets} does) is read within
     * {@code limits} (an {@link XlsxLimitException} when it goes past one), its first sheet only, each record with
     * the cells it stored as numbers ({@link RawRecord#number}); a handler's own exception comes out as a
     * {@link HandlerException} for CSV and workbooks alike.
     */
    public static void readAll(Path file, XlsxRows.Limits limits, RecordHandler h) throws IOException {
        if (Sheets.format(file) == Sheets.Format.CSV && !isXlsx(file)) {
            readCsv(new CsvScanner(file), h);
            return;
        }
        boolean[] first = {true};
        boolean[] seenHeader = {false};
        try {
            Sheets.read(file, file.getFileName().toString(), limits, new SheetRows() {
                @Override public boolean sheet(String name) {
                    boolean read = first[0];
                    first[0] = false;
                    return read;
                }

                @Override public void row(String sheet, int line, List<SheetCell> cells) {
                    try {
                        if (!seenHeader[0]) {
                            seenHeader[0] = true;
                            List<String> header = new java.util.ArrayList<>(cells.size());
                            for (SheetCell c : cells) header.add(c.text());
                            h.header(header, line);
                        } else {
                            h.record(RawRecord.ofCells(cells), line);
                        }
                    } catch (Exception e) {
                        throw new Carrier(e);
                    }
                }
            });
        } catch (Carrier c) {
            if (c.getCause() instanceof IOException io) throw io;
            throw new HandlerException((Exception) c.getCause());
        }
    }

    /** A handler's exception through {@link SheetRows}, whose rows may throw only unchecked ones. */
    private static final class Carrier extends RuntimeException {
        Carrier(Exception cause) { super(cause); }
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

}
