package cn.shouwang.server.screening;

import cn.shouwang.screening.run.RegistryRows;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry of one county handed to the engine in memory ({@link RegistryRows}): households, members and incomes
 * from the household module ({@link HouseholdApi#streamForScreening}, id numbers decrypted row by row), monitored
 * households from casework ({@link CaseworkApi#monitoredForScreening}). household_id = the database id, so a
 * warning finds its household without a lookup table. Nothing is written to disk.
 *
 * <p>The rows are read on a thread of their own, in a read-only transaction of its own (the cursors stream there),
 * and handed over in batches through a bounded queue: reading, decoding and decrypting overlap the engine's parsing
 * on the run's thread, and memory stays bounded. A failure on either side ends both.
 */
@Component
class RegistryRowsFromDatabase {
    private static final int BATCH = 4096;
    private static final int QUEUED_BATCHES = 16;

    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    RegistryRowsFromDatabase(HouseholdApi households, CaseworkApi casework, TransactionTemplate tx) {
        this.households = households;
        this.casework = casework;
        this.tx = tx;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A row as the engine takes it (values as text), made on the reading thread. */
    private sealed interface Row permits HouseholdRow, MemberRow, IncomeRow, MonitoredRow {}

    private record HouseholdRow(String id, String village, String head, String poor) implements Row {}

    private record MemberRow(String household, String idNumber, String relation, String labour, String status) implements Row {}

    private record IncomeRow(String household, String year, String wages, String business, String property,
                             String transfers, String costs, String outOfPocket) implements Row {}

    private record MonitoredRow(String household, String category, String risks, String month, String status) implements Row {}

    /** The end of the rows, or the reader's failure. */
    private record End(@org.jspecify.annotations.Nullable Throwable failure) {}

    /**
     * The county's rows for the engine; each household's village and number are put into {@code villages} (in id
     * order) on the way, for storing the warnings. Read on a thread of their own (see above); {@link RegistryRows#supply}
     * returns once every row was pushed.
     */
    RegistryRows rows(AreaScope county, RunResults.Places villages) {
        return sink -> {
            java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(QUEUED_BATCHES);
            Thread reader = new Thread(() -> read(county, villages, queue), "screening-registry");
            reader.setDaemon(true);
            reader.start();
            boolean ended = false;
            try {
                while (true) {
                    Object next = queue.take();
                    if (next instanceof End end) {
                        ended = true;
                        if (end.failure() instanceof RuntimeException e) throw e;
                        if (end.failure() instanceof Error e) throw e;
                        if (end.failure() != null) throw new IllegalStateException(end.failure());
                        return;
                    }
                    @SuppressWarnings("unchecked") java.util.List<Row> batch = (java.util.List<Row>) next;
                    for (Row r : batch) {
                        if (r instanceof MemberRow m) {
                            sink.member(m.household(), m.idNumber(), m.relation(), m.labour(), m.status());
                        } else if (r instanceof IncomeRow i) {
                            sink.income(i.household(), i.year(), i.wages(), i.business(), i.property(), i.transfers(),
                                    i.costs(), i.outOfPocket());
                        } else if (r instanceof HouseholdRow h) {
                            sink.household(h.id(), h.village(), h.head(), h.poor());
                        } else if (r instanceof MonitoredRow m) {
                            sink.monitored(m.household(), m.category(), m.risks(), m.month(), m.status());
                        }
                    }
                }
            } finally {
                if (!ended) {
                    // the engine failed or the run was stopped: the reader stops at its next row and rolls back
                    reader.interrupt();
                    queue.clear();
                }
            }
        };
    }

    /** The reading thread: every row of the county into the queue, in batches, then {@link End}. */
    private void read(AreaScope county, RunResults.Places villages, java.util.concurrent.BlockingQueue<Object> queue) {
        Throwable failure = null;
        try {
            java.util.List<Row>[] batch = new java.util.List[] {new java.util.ArrayList<Row>(BATCH)};
            java.util.function.Consumer<Row> put = r -> {
                batch[0].add(r);
                if (batch[0].size() == BATCH) {
                    offer(queue, batch[0]);
                    batch[0] = new java.util.ArrayList<>(BATCH);
                }
            };
            readOnly.executeWithoutResult(st -> {
                households.streamForScreening(county, new HouseholdApi.ScreeningRows() {
                    @Override public void household(long id, String householdNo, String villageCode, String head,
                                                    boolean formerlyPoor) {
                        villages.add(id, villageCode, householdNo);
                        put.accept(new HouseholdRow(Long.toString(id), villageCode, head == null ? "" : head,
                                formerlyPoor ? "Y" : "N"));
                    }

                    @Override public void member(long householdId, String idNumber, String relation, String labourCapacity,
                                                 String status) {
                        put.accept(new MemberRow(Long.toString(householdId), idNumber, relation, labourCapacity, status));
                    }

                    @Override public void income(long householdId, int year, BigDecimal wages, BigDecimal business,
                                                 BigDecimal property, BigDecimal transfers, BigDecimal productionCosts,
                                                 BigDecimal eligibleOutOfPocket) {
                        put.accept(new IncomeRow(Long.toString(householdId), Integer.toString(year), wages.toPlainString(),
                                business.toPlainString(), property.toPlainString(), transfers.toPlainString(),
                                productionCosts.toPlainString(), eligibleOutOfPocket.toPlainString()));
                    }
                });
                casework.monitoredForScreening(county, (householdId, category, riskTypes, identifiedMonth, stillMonitored) ->
                        put.accept(new MonitoredRow(Long.toString(householdId), category, String.join(";", riskTypes),
                                identifiedMonth, stillMonitored ? "MONITORED" : "ELIMINATED")));
            });
            if (!batch[0].isEmpty()) offer(queue, batch[0]);
        } catch (Throwable t) {
            failure = t;
        }
        if (Thread.currentThread().isInterrupted()) return; // the consumer has gone: nobody takes any more
        try {
            queue.put(new End(failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The consumer has gone: the reading stops. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("registry read stopped", null, false, false);
        }
    }

    private static void offer(java.util.concurrent.BlockingQueue<Object> queue, Object batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Rows of one read of {@code scope} (benchmark). */
    long count(AreaScope scope) {
        AtomicLong n = new AtomicLong();
        RegistryRows.Sink counting = new RegistryRows.Sink() {
            @Override public void household(String a, String b, String c, String d) { n.incrementAndGet(); }

            @Override public void member(String a, String b, String c, String d, String e) { n.incrementAndGet(); }

            @Override public void income(String a, String b, String c, String d, String e, String f, String g, String h) {
                n.incrementAndGet();
            }

            @Override public void monitored(String a, String b, String c, String d, String e) { n.incrementAndGet(); }
        };
        tx.executeWithoutResult(s -> {
            try {
                rows(scope, new RunResults.Places()).supply(counting);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return n.get();
    }
}
