package cn.shouwang.screening.feed;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands the rows a reader produces to another {@link SheetRows} on a thread of its own, in order, so that reading
 * the file (XML or CSV scanning) and what is done with each row (checking, sealing, COPY) use two cores instead of
 * one. Rows travel in batches through a short bounded queue: memory stays a few thousand rows whatever the file.
 *
 * <p>Use: {@code try (PipelinedRows p = new PipelinedRows(target)) { Sheets.read(file, name, p); p.finish(); }}.
 * {@link #finish} waits for the last row to be handled and throws what the target threw; a failure of the target
 * also stops the reader at its next row. {@link #close} without {@code finish} (the reader failed) stops the
 * worker and discards the rest. The target must not depend on the reader's thread (thread-bound transactions: the
 * rows are handled on the worker, which may use a connection its creator opened, while the creator only reads).
 */
public final class PipelinedRows implements SheetRows, AutoCloseable {
    private static final int BATCH = 1_000;
    private static final Object[] END = new Object[0];
    private static final Object[] ABORT = new Object[0];

    private final SheetRows target;
    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(8);
    private final Thread worker;
    private volatile Throwable failure;
    private Object[] batch = new Object[BATCH];
    private int size;
    private boolean finished;

    private record Row(String sheet, int line, List<SheetCell> cells) {}

    private record Sheet(String name) {}

    public PipelinedRows(SheetRows target) {
        this.target = target;
        this.worker = new Thread(this::work, "sheet-rows-" + Thread.currentThread().getName());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void work() {
        try {
            while (true) {
                Object[] b = queue.take();
                if (b == END || b == ABORT) return;
                for (Object o : b) {
                    if (o == null) break;
                    if (o instanceof Row r) target.row(r.sheet(), r.line(), r.cells());
                    else target.sheet(((Sheet) o).name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            queue.clear(); // the reader may be waiting for room
        }
    }

    /** Every sheet is handed on (the target cannot skip one from here: it sees it later). */
    @Override
    public boolean sheet(String name) {
        add(new Sheet(name));
        return true;
    }

    @Override
    public void row(String sheet, int line, List<SheetCell> cells) {
        add(new Row(sheet, line, cells));
    }

    private void add(Object o) {
        rethrowIfFailed();
        batch[size++] = o;
        if (size == BATCH) send();
    }

    private void send() {
        Object[] b = batch;
        batch = new Object[BATCH];
        size = 0;
        put(b);
    }

    private void put(Object[] b) {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                rethrowIfFailed();
                if (!worker.isAlive()) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    private void rethrowIfFailed() {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    /** Waits until every row has been handled; throws what the target threw. */
    public void finish() {
        if (size > 0) send();
        put(END);
        join();
        finished = true;
        rethrowIfFailed();
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    /** After a failure of the reader: the worker stops after its current batch. */
    @Override
    public void close() {
        if (finished) return;
        queue.clear();
        put(ABORT);
        join();
    }
}
