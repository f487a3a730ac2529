package cn.shouwang.server.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one way a list becomes a download (the convention of the platform README, "Excel exports"): the file named
 * {@code <area>_<what>_<period>.xlsx} (RFC 5987 with an ASCII fallback), the title line ({@code <area> <what>}), the
 * filter conditions in words (区域：梨树县 孤家子镇；状态：待核实), the day it was made, then the header and the rows
 * through {@link XlsxWriter}.
 *
 * <pre>{@code
 * Heading h = exports.heading(areas.pathName(scope.areaCode()), msg("…title"), today)
 *         .with(msg("…state"), state == null ? exports.any() : msg("…state." + state));
 * try (XlsxWriter x = exports.open(response, h, headers)) {
 *     … x.row(…) …
 *     x.writeTo(response.getOutputStream());
 * }
 * }</pre>
 */
@Component
public class ExcelExports {
    private final MessageSource messages;
    private final Clock clock;

    ExcelExports(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * What a file is about: the area in words, what it lists, the period it is named by (a month, a year or a day),
     * and the filter conditions it was made with, each a label and a value in words.
     */
    public record Heading(String area, String what, Object period, List<String[]> conditions) {
        public Heading {
            conditions = List.copyOf(conditions);
        }

        /** One more condition (its label and its value in words); a blank value is not shown. */
        public Heading with(String label, @Nullable Object value) {
            if (value == null || value.toString().isBlank()) return this;
            List<String[]> more = new ArrayList<>(conditions);
            more.add(new String[] {label, value.toString()});
            return new Heading(area, what, period, more);
        }

        public String fileName() {
            return XlsxWriter.fileName(area.contains(" ") ? area.substring(area.lastIndexOf(' ') + 1) : area, what, period);
        }
    }

    /** A heading whose first condition is the area ({@code 区域：…}). */
    public Heading heading(String area, String what, Object period) {
        return heading(area, what, period, LocaleContextHolder.getLocale());
    }

    /** As {@link #heading(String, String, Object)}, in a given language (a file whose layout is Chinese by law). */
    public Heading heading(String area, String what, Object period, Locale locale) {
        return new Heading(area, what, period, List.<String[]>of()).with(msg(locale, "xlsx.area"), area);
    }

    /** The word for a filter left open (全部). */
    public String any() {
        return msg("xlsx.any");
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The lines above the header: the title, the conditions, the day the file was made. */
    public List<String> lines(Heading h) {
        return lines(h, LocaleContextHolder.getLocale());
    }

    public List<String> lines(Heading h, Locale l) {
        List<String> pairs = h.conditions().stream().map(c -> msg(l, "xlsx.condition", c[0], c[1])).toList();
        return List.of(msg(l, "xlsx.title", h.area(), h.what()),
                String.join(msg(l, "xlsx.conditions.separator"), pairs), msg(l, "xlsx.madeOn", today().toString()));
    }

    /** Sets the download's headers and opens its writer (the caller writes rows, then {@code writeTo}, then closes). */
    public XlsxWriter open(HttpServletResponse response, Heading h, List<String> headers) {
        return open(response, h, headers, false);
    }

    /** As {@link #open(HttpServletResponse, Heading, List)}; {@code sealed} for full personal data. */
    public XlsxWriter open(HttpServletResponse response, Heading h, List<String> headers, boolean sealed) {
        XlsxWriter.attachment(response, h.fileName());
        return XlsxWriter.titled(h.what(), lines(h), headers, sealed);
    }

    /** The whole download: {@code rows} is called with a sink taking one row's cells at a time. */
    public void send(HttpServletResponse response, Heading h, List<String> headers, Consumer<Consumer<List<?>>> rows)
            throws IOException {
        try (XlsxWriter x = open(response, h, headers)) {
            rows.accept(x::row);
            x.writeTo(response.getOutputStream());
        }
    }

    private String msg(String key, Object... args) {
        return msg(LocaleContextHolder.getLocale(), key, args);
    }

    private String msg(Locale l, String key, Object... args) {
        return messages.getMessage(key, args, key, l);
    }
}
