package cn.shouwang.spark;

import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.HeaderMap;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.feed.RowParser;
import cn.shouwang.screening.feed.RowRejected;
import cn.shouwang.screening.output.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads the records of one {@link Segment} with the engine's {@link CsvScanner} and turns each into a typed row
 * or a {@link Reject} with the engine's {@link RowParser}: the job has no CSV or field parsing of its own.
 */
final class SegmentReader {
    private SegmentReader() {
    }

    /**
     * The segment's rows and rejects, then a READ and an ACCEPTED tally. When the record after the segment does
     * not start exactly at the segment's end with line {@code seg.nextLine()} (a stray quote misled the split),
     * {@code misplaced} is told
     * the file's index: the job then reads that file again in one piece.
     */
    static List<Object> read(InputFile f, Segment seg, org.apache.hadoop.conf.Configuration conf, IntConsumer misplaced)
            throws IOException {
        Path path = new Path(f.uri());
        FileSystem fs = path.getFileSystem(conf);
        try (FSDataInputStream in = fs.open(path)) {
            in.seek(seg.start() == 0 ? f.bom() : seg.start());
            return read(f, seg, in, misplaced);
        }
    }

    /** {@code in} is positioned at the segment's start (after the byte-order mark for the first segment). */
    static List<Object> read(InputFile f, Segment seg, InputStream in, IntConsumer misplaced) throws IOException {
        long streamStart = seg.start() == 0 ? f.bom() : seg.start();
        List<Object> out = new ArrayList<>();
        FeedKind kind = f.kind();
        HeaderMap h = f.header();
        long read = 0, accepted = 0;
        boolean headerPending = seg.index() == 0;
        boolean reachedNext = false;
        CsvScanner s = new CsvScanner(in, Charset.forName(f.charset()), Math.toIntExact(seg.firstLine()));
        while (s.next()) {
            int line = s.line();
            if (!seg.last() && line >= seg.nextLine()) {
                reachedNext = true;
                // the next segment must start exactly here: same line number and same byte
                if (line != seg.nextLine() || streamStart + s.recordStart() != seg.end()) misplaced.accept(f.index());
                break;
            }
            if (s.isBlank()) continue;
            if (headerPending) { // the driver mapped the header already
                headerPending = false;
                continue;
            }
            read++;
            try {
                out.add(parse(kind, h, s, line));
                accepted++;
            } catch (RowRejected e) {
                out.add(new Reject(kind.fileName(), line, e.reason()));
            }
        }
        if (!seg.last() && !reachedNext) misplaced.accept(f.index());
        out.add(new Items.Tally(Items.Tally.What.READ, kind, read));
        out.add(new Items.Tally(Items.Tally.What.ACCEPTED, kind, accepted));
        return out;
    }

    static Object parse(FeedKind kind, HeaderMap h, RawRecord r, int line) throws RowRejected {
        return switch (kind) {
            case HOUSEHOLDS -> RowParser.household(h, r, line);
            case MEMBERS -> RowParser.member(h, r, line);
            case INCOMES -> RowParser.income(h, r, line);
            case MONITORED -> RowParser.monitored(h, r, line);
            default -> RowParser.department(h, r, line);
        };
    }
}
