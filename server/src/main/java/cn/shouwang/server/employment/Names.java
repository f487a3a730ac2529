package cn.shouwang.server.employment;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** What the module's pages share: area names, messages in the reader's language, the Excel response. */
@Component("employmentNames")
public class Names {
    private final ExcelExports exports;
    private final AreaApi areas;
    private final MessageSource messages;

    Names(AreaApi areas, MessageSource messages, ExcelExports exports) {
        this.exports = exports;
        this.areas = areas;
        this.messages = messages;
    }

    public String area(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    /** Village names (short) of a page's rows, one look-up per village. */
    public Map<String, String> villages(java.util.Collection<String> codes) {
        Map<String, String> out = new HashMap<>();
        for (String c : codes) out.computeIfAbsent(c, k -> areas.find(k).map(AreaInfo::shortName).orElse(k));
        return out;
    }

    public List<AreaInfo> children(String code) {
        return areas.children(code);
    }

    public List<AreaInfo> villagesIn(String prefix) {
        return areas.villages(prefix, 500);
    }

    public String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /** A person as a list shows them: name and household number. */
    public static String person(HouseholdApi.MemberRef m) {
        return m == null ? "" : m.name();
    }

    /** A list's heading (platform.ExcelExports): the area in words, what it lists, the period its file is named by. */
    public ExcelExports.Heading heading(String areaCode, String what, Object period) {
        return exports.heading(areas.pathName(areaCode), what, period);
    }

    public String any() {
        return exports.any();
    }

    /** Sets the download's headers (a Chinese file name) and opens its writer, the heading above the header row. */
    public XlsxWriter excel(HttpServletResponse response, ExcelExports.Heading h, List<String> headers) {
        return exports.open(response, h, headers);
    }

    public static void finish(XlsxWriter x, HttpServletResponse response) throws IOException {
        try (x) {
            x.writeTo(response.getOutputStream());
        }
    }
}
