package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
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

/** 导出Excel: what the filters show, streamed (SXSSF keeps 200 rows in memory), phones masked. */
@Component
class HouseholdExport {
    private static final String[] COLUMNS = {"householdNo", "village", "villageGroup", "head", "size", "formerlyPoor",
            "exitYear", "phone"};
    private final Registry registry;
    private final MessageSource messages;

    HouseholdExport(Registry registry, MessageSource messages) {
        this.registry = registry;
        this.messages = messages;
    }

    void write(HouseholdFilter filter, AreaScope scope, OutputStream out) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            wb.setCompressTempFiles(true);
            Sheet sheet = wb.createSheet(messages.getMessage("registry.export.sheet", null, locale));
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.length; i++) {
                header.createCell(i).setCellValue(messages.getMessage("registry.col." + COLUMNS[i], null, locale));
            }
            String yes = messages.getMessage("registry.yes", null, locale);
            String no = messages.getMessage("registry.no", null, locale);
            int[] r = {1};
            registry.export(filter, scope, h -> {
                Row row = sheet.createRow(r[0]++);
                row.createCell(0).setCellValue(h.householdNo());
                row.createCell(1).setCellValue(h.villageName() == null ? h.villageCode() : h.villageName());
                row.createCell(2).setCellValue(h.villageGroup() == null ? "" : h.villageGroup());
                row.createCell(3).setCellValue(h.headName() == null ? "" : h.headName());
                row.createCell(4).setCellValue(h.size());
                row.createCell(5).setCellValue(h.formerlyPoor() ? yes : no);
                if (h.exitYear() != null) row.createCell(6).setCellValue(h.exitYear());
                row.createCell(7).setCellValue(h.phoneMasked());
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
