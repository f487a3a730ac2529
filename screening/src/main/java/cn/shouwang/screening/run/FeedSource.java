package cn.shouwang.screening.run;

import cn.shouwang.screening.feed.FeedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One department file for a run: its name (as reported in the summary and the run record), a size hint for
 * presizing, and how to read it record by record. A file on disk ({@link #of(Path)}, CSV or XLSX), or the bytes of
 * a CSV file opened when the engine reads it ({@link #csv}: a sealed upload decrypted on the fly, never copied).
 */
public interface FeedSource {

    /** The file's name, e.g. {@code medical_claims.csv}. */
    String name();

    /** Bytes, or -1 when unknown. */
    long sizeHint();

    /** The file itself, when it is one (rows are then estimated from its first lines). */
    default Path path() { return null; }

    /** Reads every record (header first), as {@link FeedFiles#readAll(Path, FeedFiles.RecordHandler)}. */
    void read(FeedFiles.RecordHandler h) throws IOException;

    /** Opens a stream; called once per read. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    static FeedSource of(Path file) {
        return new FeedSource() {
            @Override public String name() { return file.getFileName().toString(); }

            @Override public long sizeHint() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override public Path path() { return file; }

            @Override public void read(FeedFiles.RecordHandler h) throws IOException { FeedFiles.readAll(file, h); }
        };
    }

    /**
     * A CSV file whose bytes {@code opener} gives when the engine reads it. XLSX needs random access to its ZIP
     * directory, so it comes as a file ({@link #of(Path)}).
     */
    static FeedSource csv(String name, long sizeHint, Opener opener) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new IllegalArgumentException("an .xlsx workbook is read from a file: " + name);
        }
        return new FeedSource() {
            @Override public String name() { return name; }

            @Override public long sizeHint() { return sizeHint; }

            @Override public void read(FeedFiles.RecordHandler h) throws IOException { FeedFiles.readCsv(opener.open(), h); }
        };
    }
}
