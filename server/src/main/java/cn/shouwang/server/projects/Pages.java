package cn.shouwang.server.projects;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * What the module's pages share: messages, area names, the area choices of a form, form errors from refusals, and the
 * 导出Excel response (a Chinese file name like 梨树县_衔接资金项目_2026-12-07.xlsx).
 */
@Component("projectsPages")
public class Pages {
    private final ExcelExports exports;
    private final MessageSource messages;
    private final AreaApi areas;
    private final Clock clock;

    Pages(MessageSource messages, AreaApi areas, Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.messages = messages;
        this.areas = areas;
        this.clock = clock;
    }

    public String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    public String shortName(String code) {
        return areas.find(code).map(AreaInfo::shortName).orElse(code);
    }

    /** Short names of these codes (one look-up each, remembered for the page). */
    public Map<String, String> shortNames(Collection<String> codes) {
        Map<String, String> out = new HashMap<>();
        codes.forEach(c -> out.computeIfAbsent(c, this::shortName));
        return out;
    }

    /** An area a form offers: its code and its name, indented by level below the top. */
    public record Choice(String code, String label) {}

    /** The area in view and two levels below it (a county: its townships and villages), in order. */
    public List<Choice> areaChoices() {
        AreaScope view = CurrentUsers.viewScope();
        List<Choice> out = new ArrayList<>();
        areas.find(view.areaCode()).ifPresent(a -> out.add(new Choice(a.code(), a.name())));
        for (AreaInfo c : areas.children(view.areaCode())) {
            out.add(new Choice(c.code(), "\u3000" + c.name()));
            for (AreaInfo g : areas.children(c.code())) out.add(new Choice(g.code(), "\u3000\u3000" + g.name()));
        }
        return out;
    }

    /** Puts a refusal on the form: beside its field, or above the form. */
    public void reject(BindingResult br, Refused e) {
        if (e.field() != null) br.rejectValue(e.field(), e.key(), e.args(), e.key());
        else br.reject(e.key(), e.args(), e.key());
    }

    /**
     * Writes the workbook of a list (platform.ExcelExports): the file 区域_标题_日期.xlsx, the title and the filter
     * conditions ({label, value} in words; a null value is left out) above the header.
     */
    public void xlsx(HttpServletResponse response, String areaCode, String titleKey, List<Object[]> conditions,
                     List<String> headers, Consumer<Consumer<List<?>>> rows) throws IOException {
        ExcelExports.Heading h = exports.heading(areas.pathName(areaCode), msg(titleKey), today());
        for (Object[] c : conditions) h = h.with((String) c[0], c[1]);
        exports.send(response, h, headers, rows);
    }

    /** A filter condition for {@link #xlsx}: its label's key and its value in words (全部 when null). */
    public Object[] condition(String labelKey, @Nullable String value) {
        return new Object[] {msg(labelKey), value == null ? exports.any() : value};
    }

    public static @Nullable Integer intOrNull(@Nullable String s) {
        if (s == null || !s.matches("\\d{4}")) return null;
        return Integer.valueOf(s);
    }
}
