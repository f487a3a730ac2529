package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinedRowsTest {

    @Test
    void everyRowAndSheetArrivesInOrderOnAnotherThread() {
        List<String> seen = new ArrayList<>();
        Thread[] on = {null};
        SheetRows target = new SheetRows() {
            @Override
            public boolean sheet(String name) {
                seen.add("sheet " + name);
                return true;
            }

            @Override
            public void row(String sheet, int line, List<SheetCell> cells) {
                on[0] = Thread.currentThread();
                seen.add(sheet + ":" + line + ":" + cells.get(0).text());
            }
        };
        List<String> expected = new ArrayList<>();
        try (PipelinedRows p = new PipelinedRows(target)) {
            for (String sheet : List.of("一", "二")) {
                p.sheet(sheet);
                expected.add("sheet " + sheet);
                for (int line = 1; line <= 12_345; line++) {
                    p.row(sheet, line, List.of(new SheetCell("v" + line, false)));
                    expected.add(sheet + ":" + line + ":v" + line);
                }
            }
            p.finish();
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(on[0]).isNotSameAs(Thread.currentThread());
    }

    @Test
    void whatTheTargetThrowsStopsTheReaderAndComesOut() {
        SheetRows target = (sheet, line, cells) -> {
            if (line == 2_500) throw new IllegalArgumentException("row 2500 is bad");
        };
        int[] offered = {0};
        assertThatThrownBy(() -> {
            try (PipelinedRows p = new PipelinedRows(target)) {
                for (int line = 1; line <= 1_000_000; line++) {
                    p.row("s", line, List.of());
                    offered[0] = line;
                }
                p.finish();
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("row 2500 is bad");
        // the reader stopped soon after: a few batches, not the whole file
        assertThat(offered[0]).isLessThan(100_000);
    }

    @Test
    void aReaderThatFailsLeavesNoWorkerBehind() throws Exception {
        List<Integer> handled = new ArrayList<>();
        PipelinedRows p = new PipelinedRows((sheet, line, cells) -> handled.add(line));
        for (int line = 1; line <= 10; line++) p.row("s", line, List.of());
        p.close(); // the reader failed: no finish
        int after = handled.size();
        Thread.sleep(50);
        assertThat(handled).hasSize(after);
        assertThat(after).isLessThanOrEqualTo(10);
    }
}
