package cn.shouwang.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of whole records of one file: bytes {@code [start, end)}, whose first record has line number
 * {@code firstLine} (header = 1); the next segment's first record is {@code nextLine}, or the file ends
 * ({@code nextLine == -1}). Line numbers are the engine's: records counted from the header, blank lines
 * included (see engine-api.md), so a record whose quoted field holds a line break counts once.
 */
public record Segment(int file, int index, long start, long end, long firstLine, long nextLine)
        implements Serializable {

    public boolean last() { return nextLine < 0; }

    /**
     * Places the boundaries: after the first newline of each chunk at which the quotes seen since the start of
     * the file are balanced. A chunk with no such newline joins the segment before it. For files that follow
     * RFC 4180 the boundaries are exactly record starts; a stray quote can mislead the count, which is why
     * every segment's reader checks that the next record really starts at {@code nextLine} (see
     * {@link SegmentReader}).
     */
    public static List<Segment> plan(int file, List<ChunkStats> chunks, long fileLength) {
        List<long[]> bounds = new ArrayList<>(); // {offset, line}
        bounds.add(new long[] {0, 1});
        long recordsBefore = 0; // records ended before the chunk: line numbers count records (header = 1)
        int parityBefore = 0;
        for (int c = 0; c < chunks.size(); c++) {
            ChunkStats s = chunks.get(c);
            long after = s.afterNewline()[parityBefore];
            if (c > 0 && after >= 0 && after < fileLength) {
                // the boundary newline is the chunk's first record end: the record after it is number +2
                bounds.add(new long[] {after, recordsBefore + 2});
            }
            recordsBefore += s.recordEnds()[parityBefore];
            parityBefore ^= s.quoteParity();
        }
        List<Segment> out = new ArrayList<>(bounds.size());
        for (int i = 0; i < bounds.size(); i++) {
            long[] b = bounds.get(i);
            boolean last = i == bounds.size() - 1;
            out.add(new Segment(file, i, b[0], last ? fileLength : bounds.get(i + 1)[0], b[1],
                    last ? -1 : bounds.get(i + 1)[1]));
        }
        return out;
    }

    /** Cuts {@code [0, length)} into chunks of about {@code chunkSize} bytes. */
    public static List<long[]> chunks(long length, long chunkSize) {
        List<long[]> out = new ArrayList<>();
        for (long s = 0; s < length; s += chunkSize) out.add(new long[] {s, Math.min(length, s + chunkSize)});
        if (out.isEmpty()) out.add(new long[] {0, 0});
        return out;
    }
}
