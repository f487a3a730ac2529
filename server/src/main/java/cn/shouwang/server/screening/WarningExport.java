package cn.shouwang.server.screening;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** 导出Excel of the warnings the filters show, streamed, id numbers masked. */
@Component
class WarningExport {
    private static final String[] COLUMNS = {"period", "householdNo", "village", "idNumber", "rule", "riskType", "source",
            "line", "detail", "seen"};
    private final ScreeningStore store;
    private final MessageSource messages;

    WarningExport(ScreeningStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    void write(ScreeningStore.WarningFilter f, OutputStream out) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            wb.setCompressTempFiles(true);
            Sheet sheet = wb.createSheet(messages.getMessage("screening.warnings.title", null, locale));
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.length; i++) {
                header.createCell(i).setCellValue(messages.getMessage("screening.col." + COLUMNS[i], null, locale));
            }
            int[] r = {1};
            store.eachWarning(f, w -> {
                Row row = sheet.createRow(r[0]++);
                row.createCell(0).setCellValue(w.period());
                row.createCell(1).setCellValue(w.householdNo());
                row.createCell(2).setCellValue(w.villageCode());
                row.createCell(3).setCellValue(w.maskedIdNumber());
                row.createCell(4).setCellValue(messages.getMessage("screening.rule." + w.rule(), null, w.rule(), locale));
                row.createCell(5).setCellValue(w.riskType() == null ? "" : w.riskType());
                row.createCell(6).setCellValue(w.source());
                if (w.line() != null) row.createCell(7).setCellValue(w.line());
                row.createCell(8).setCellValue(w.detail());
                row.createCell(9).setCellValue(w.seenCount());
            });
            try {
                wb.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            wb.dispose();
        }
    }
}
