package cn.shouwang.server.figures.report;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.platform.XlsxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The 调度表 as a workbook ({@code 梨树县_调度表_2026-11.xlsx}): the export convention (title, the basis and the
 * issuing unit as conditions, the day made), one row per child area, the totals. Used by the download and timed by
 * {@code bench-figures}.
 */
@Component
public class ReviewWorkbook {
    private final Review review;
    private final MessageSource messages;
    private final ExcelExports exports;
    private final AreaApi areas;

    ReviewWorkbook(Review review, MessageSource messages, ExcelExports exports, AreaApi areas) {
        this.review = review;
        this.messages = messages;
        this.exports = exports;
        this.areas = areas;
    }

    /** The table of the area and month (null: live). */
    public Review.Table table(AreaScope scope, @Nullable YearMonth month, Locale locale) {
        return review.table(scope, month, locale, k -> messages.getMessage(k, null, k, locale));
    }

    /** What the file is called and says above its header. */
    public ExcelExports.Heading heading(AreaScope scope, Review.Table t, Locale l) {
        YearMonth shown = t.month() != null ? t.month() : YearMonth.from(t.asOf());
        return exports.heading(areas.pathName(scope.areaCode()), msg(l, "figures.review.file"), shown, l)
                .with(msg(l, "figures.review.basis"), t.month() == null
                        ? msg(l, "figures.review.asOfLive", t.asOf().toString())
                        : msg(l, "figures.review.asOfSnapshot", t.asOf().toString()))
                .with(msg(l, "figures.review.unit"), t.areaName());
    }

    /** Writes the workbook of {@code t} under {@code h} to {@code out}. */
    public void write(Review.Table t, ExcelExports.Heading h, Locale l, OutputStream out) throws IOException {
        List<String> headers = new ArrayList<>();
        headers.add(msg(l, "figures.col.area"));
        t.columns().forEach(c -> headers.add(c.header()));
        try (XlsxWriter x = XlsxWriter.titled(h.what(), exports.lines(h, l), headers, false)) {
            for (Review.Row r : t.rows()) x.row(cells(r));
            x.row(cells(t.total()));
            x.writeTo(out);
        }
    }

    private static List<Object> cells(Review.Row r) {
        List<Object> cells = new ArrayList<>();
        cells.add(r.name());
        cells.addAll(r.values());
        return cells;
    }

    private String msg(Locale l, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, key, l);
    }
}
