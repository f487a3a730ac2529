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
