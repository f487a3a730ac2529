package cn.shouwang.server.casework.figures;

import cn.shouwang.server.access.AreaScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside this package: casework's figures of today from the counts kept on write ({@code today}) and from
 * the dated records ({@code asOf}), as "area metric" → value without zeros, so a test can require them equal.
 */
public final class CaseworkFiguresPaths {
    private CaseworkFiguresPaths() {}

    public static Map<String, BigDecimal> kept(ApplicationContext ctx, AreaScope scope, int digits, LocalDate today) {
        Map<String, BigDecimal> out = new TreeMap<>();
        ctx.getBean(CaseworkFigures.class).today(scope, digits, today, (a, m, v) -> add(out, a, m, v));
        return out;
    }

    public static Map<String, BigDecimal> dated(ApplicationContext ctx, AreaScope scope, int digits, LocalDate day) {
        Map<String, BigDecimal> out = new TreeMap<>();
        ctx.getBean(CaseworkFigures.class).asOf(scope, digits, day, (a, m, v) -> add(out, a, m, v));
        return out;
    }

    private static void add(Map<String, BigDecimal> out, String area, String metric, BigDecimal v) {
        out.merge(area + " " + metric, v, BigDecimal::add);
        if (out.get(area + " " + metric).signum() == 0) out.remove(area + " " + metric);
        else out.put(area + " " + metric, out.get(area + " " + metric).stripTrailingZeros());
    }
}
