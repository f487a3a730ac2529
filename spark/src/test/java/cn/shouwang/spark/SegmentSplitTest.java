package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.screening.feed.FeedFiles;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.HeaderMap;
import cn.shouwang.screening.feed.PackedId;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.feed.RowRejected;
import cn.shouwang.screening.output.Reject;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV cut at every possible chunk size reads exactly as the engine reads it whole: quoted fields holding
 * line breaks, commas and doubled quotes, blank lines, CRLF, a last line without line break, a BOM, GB18030.
 * No Spark here: the planner and the reader alone.
 */
class SegmentSplitTest {
    @TempDir
    Path dir;

    static String id(int seq) {
        return PackedId.text(Long.parseLong("22030219800101" + (100 + seq)));
    }

    static String content() {
        return "id_number,diagnosed_on,disease\n"
                + id(1) + ",2024-06-01,\"恶性\n肿瘤\"\n"
                + id(2) + ",2024-06-02,\"a,b \"\"quoted\"\"\"\r\n"
                + "\n"
                + id(3) + ",2024-06-03,尿毒症\n"
                + "bad-id,2024-06-04,x\n"
                + id(4) + ",2024-06-05,\"line1\nline2\nline3\"\n"
                + id(5) + ",not a date,y\n"
                + id(6) + ",20240606,\"\"\n"
                + id(7) + ",2024/06/07,last without newline";
    }

    /** What the engine reads: every record with its line, parsed or rejected. */
    static List<String> whole(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        HeaderMap[] h = {null};
        FeedFiles.readAll(file, new FeedFiles.RecordHandler() {
            @Override public void header(List<String> cells, int line) {
                h[0] = HeaderMap.of(FeedKind.MAJOR_DIAGNOSES, cells);
            }

            @Override public void record(RawRecord r, int line) {
                try {
                    out.add(SegmentReader.parse(FeedKind.MAJOR_DIAGNOSES, h[0], r, line).toString());
                } catch (RowRejected e) {
                    out.add(new Reject("major_diagnoses", line, e.reason()).toString());
                }
            }
        });
        return out;
    }

    List<String> split(Path file, int bom, Charset cs, long chunk, List<Integer> misplaced) throws Exception {
        long len = Files.size(file);
        List<ChunkStats> stats = new ArrayList<>();
        for (long[] c : Segment.chunks(len, chunk)) {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(c[0]);
                stats.add(ChunkStats.scan(in, c[0], c[1]));
            }
        }
        HeaderMap header;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(bom);
            CsvScanner s = new CsvScanner(in, cs, 1);
            s.next();
            header = HeaderMap.of(FeedKind.MAJOR_DIAGNOSES, s.strings());
        }
        InputFile f = new InputFile(0, FeedKind.MAJOR_DIAGNOSES, file.toString(), len, bom, cs.name(), header);
        List<String> out = new ArrayList<>();
        for (Segment seg : Segment.plan(0, stats, len)) {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(seg.start() == 0 ? bom : seg.start());
                for (Object o : SegmentReader.read(f, seg, in, misplaced::add)) {
                    if (!(o instanceof Items.Tally)) out.add(o.toString());
                }
            }
        }
        return out;
    }

    void check(Path file, int bom, Charset cs) throws Exception {
        List<String> expected = whole(file);
        assertThat(expected).hasSize(8);
        long len = Files.size(file);
        for (long chunk = 1; chunk <= len + 1; chunk++) {
            List<Integer> misplaced = new ArrayList<>();
            assertThat(split(file, bom, cs, chunk, misplaced)).as("chunks of %d bytes", chunk).isEqualTo(expected);
            assertThat(misplaced).as("chunks of %d bytes", chunk).isEmpty();
        }
    }

    @Test
    void utf8WithQuotedLineBreaksReadsTheSameAtEverySplit() throws Exception {
        Path f = dir.resolve("major_diagnoses.csv");
        Files.writeString(f, content(), StandardCharsets.UTF_8);
        check(f, 0, StandardCharsets.UTF_8);
    }

    @Test
    void aSplitMisledByAStrayQuoteIsCaughtAndNeverReadWrong() throws Exception {
        // a quote inside an unquoted field is plain text to the reader but flips the planner's quote count
        Path f = dir.resolve("stray.csv");
        String content = "id_number,diagnosed_on,disease\n"
                + id(1) + ",2024-06-01,ab\"c\n"
                + id(2) + ",2024-06-02,\"x\ny\"\n"
                + id(3) + ",2024-06-03,z\n"
                + id(4) + ",2024-06-04,\"p\nq\"\n"
                + id(5) + ",2024-06-05,w\n";
        Files.writeString(f, content, StandardCharsets.UTF_8);
        List<String> expected = whole(f);
        int caught = 0;
        for (long chunk = 1; chunk <= Files.size(f) + 1; chunk++) {
            List<Integer> misplaced = new ArrayList<>();
            List<String> got = split(f, 0, StandardCharsets.UTF_8, chunk, misplaced);
            if (misplaced.isEmpty()) assertThat(got).as("chunks of %d bytes", chunk).isEqualTo(expected);
            else caught++;
        }
        assertThat(caught).as("splits that the check refused").isPositive();
    }

    @Test
    void bomAndGb18030ReadTheSameAtEverySplit() throws Exception {
        Path f = dir.resolve("bom.csv");
        byte[] body = content().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        check(f, 3, StandardCharsets.UTF_8);

        Path g = dir.resolve("gb.csv");
        Files.write(g, content().getBytes(CsvScanner.GB18030));
        byte[] all = Files.readAllBytes(g);
        assertThat(CsvScanner.detect(all, 0, all.length, true)).isEqualTo(CsvScanner.GB18030);
        check(g, 0, CsvScanner.GB18030);
    }
}
