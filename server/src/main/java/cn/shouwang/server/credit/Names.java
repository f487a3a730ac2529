package cn.shouwang.server.credit;

import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
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
@Component("creditNames")
public class Names {
    private final AreaApi areas;
    private final MessageSource messages;

    Names(AreaApi areas, MessageSource messages) {
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

    /** Headers for an attachment with a Chinese file name. */
    public static XlsxWriter excel(HttpServletResponse response, String file, String sheet, List<String> titleLines,
                                   List<String> headers) {
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"));
        return new XlsxWriter(sheet, titleLines, headers);
    }

    public static void finish(XlsxWriter x, HttpServletResponse response) throws IOException {
        try (x) {
            x.writeTo(response.getOutputStream());
        }
    }
}
