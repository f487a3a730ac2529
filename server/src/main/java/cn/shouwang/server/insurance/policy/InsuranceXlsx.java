package cn.shouwang.server.insurance.policy;

import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** 导出Excel of the module's lists: title and filter lines, bold frozen header with an autofilter, a Chinese file name. */
public final class InsuranceXlsx {
    private InsuranceXlsx() {}

    public static void send(HttpServletResponse response, String fileName, String sheetName, List<String> titleLines,
                            List<String> headers, Consumer<Consumer<List<?>>> rows) throws IOException {
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        response.setHeader("Content-Disposition", "attachment; filename=\"insurance.xlsx\"; filename*=UTF-8''" + encoded);
        try (XlsxWriter x = XlsxWriter.titled(sheetName, titleLines, headers)) {
            rows.accept(x::row);
            x.writeTo(response.getOutputStream());
        }
    }
}
