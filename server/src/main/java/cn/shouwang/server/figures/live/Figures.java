package cn.shouwang.server.figures.live;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.figures.FigureSourceApi;
import cn.shouwang.server.figures.FigureTable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Today's figures (live): every module's {@link FigureSourceApi} asked for the area, grouped one level down. Nothing
 * is cached here: each source recomputes from its tables (indexed code ranges) or from counts it keeps on write.
 */
@Component
public class Figures {
    private final List<FigureSourceApi> sources;

    public Figures(List<FigureSourceApi> sources) {
        this.sources = sources;
    }

    /** The figures of {@code scope} by area of {@code digits} digits, as of the end of {@code asOf}. */
    public FigureTable live(AreaScope scope, int digits, LocalDate asOf) {
        FigureTable t = new FigureTable();
        for (FigureSourceApi s : sources) s.figures(scope, digits, asOf, t::add);
        return t;
    }

    /**
     * The same as {@link #live}, each source in a thread of its own (a month-end snapshot: casework's queries, the
     * data-quality rules and the others overlap instead of waiting for each other; a page stays on one connection).
     */
    public FigureTable liveConcurrently(AreaScope scope, int digits, LocalDate asOf) {
        List<java.util.concurrent.Future<FigureTable>> parts = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sources.size(), r -> {
            Thread t = new Thread(r, "figures-source");
            t.setDaemon(true);
            return t;
        });
        try {
            for (FigureSourceApi s : sources) {
                parts.add(pool.submit(() -> {
                    FigureTable t = new FigureTable();
                    s.figures(scope, digits, asOf, t::add);
                    return t;
                }));
            }
            FigureTable all = new FigureTable();
            for (java.util.concurrent.Future<FigureTable> p : parts) all.addAll(p.get());
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gathering the figures", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Milliseconds each source takes for the figures of {@code scope} by area of {@code digits} digits (bench). */
    public Map<String, Long> timeSources(AreaScope scope, int digits, LocalDate asOf) {
        Map<String, Long> ms = new java.util.LinkedHashMap<>();
        for (FigureSourceApi s : sources) {
            FigureTable t = new FigureTable();
            long t0 = System.nanoTime();
            s.figures(scope, digits, asOf, t::add);
            ms.put(s.getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
        }
        return ms;
    }

    /** Every source's code names (categories, risk types, measure groups and states) in the locale. */
    public Map<String, String> codeNames(Locale locale) {
        Map<String, String> names = new HashMap<>();
        for (FigureSourceApi s : sources) names.putAll(s.codeNames(locale));
        return names;
    }
}
