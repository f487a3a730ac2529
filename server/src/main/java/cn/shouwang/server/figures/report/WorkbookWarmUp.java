package cn.shouwang.server.figures.report;

import cn.shouwang.server.platform.XlsxWriter;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first workbook of a process loads some 1,650 classes of POI and XMLBeans (measured with JFR: 11 s for the first
 * 调度表 of a city on the loaded 2-core machine, 0.8 s for the next ones). Once the server is ready, a throw-away
 * workbook of one row (a text, a count, an amount, a date: each cell type) is written to nowhere in a background thread
 * of low priority, so that the first user who exports (the 调度表, a ledger, any list) does not wait for it.
 */
@Component
class WorkbookWarmUp {
    private static final Logger log = LoggerFactory.getLogger(WorkbookWarmUp.class);

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread t = new Thread(WorkbookWarmUp::write, "workbook-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static void write() {
        long t0 = System.nanoTime();
        try (XlsxWriter x = XlsxWriter.titled("warm-up", List.of("warm-up"), List.of("a", "b", "c", "d"), false)) {
            x.row("a", 1L, new BigDecimal("1.00"), LocalDate.of(2026, 1, 1));
            x.writeTo(OutputStream.nullOutputStream());
            log.debug("workbook classes loaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception | LinkageError e) {
            log.warn("the workbook warm-up failed (the first export will load the classes)", e);
        }
    }
}
