package cn.shouwang.server.casework.shared;

import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * 导出Excel of a casework list, written by the product's one writer ({@link XlsxWriter}: streamed, header row, text,
 * number and date cells). Callers pass values already masked.
 */
public final class Xlsx {
    private Xlsx() {}

    /** Writes the workbook to the response; {@code rows} is called with a sink taking one row's cells at a time. */
    public static void send(HttpServletResponse response, String fileName, String sheetName, List<String> headers,
                     Consumer<Consumer<List<?>>> rows) throws IOException {
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try (XlsxWriter x = new XlsxWriter(sheetName, headers)) {
            rows.accept(x::row);
            x.writeTo(response.getOutputStream());
        }
    }
}
