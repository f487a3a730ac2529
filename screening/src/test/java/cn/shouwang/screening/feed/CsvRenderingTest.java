package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An XLSX sheet rendered as CSV ({@link CsvRendering}) reads back through {@link CsvScanner} to exactly the cells
 * and line numbers {@link XlsxRows} produced: commas, quotes, line breaks and carriage returns in cells, Chinese
 * text, dates, numbers, empty cells (leading, inner, trailing), blank rows between and before the data.
 */
class CsvRenderingTest {
    @TempDir Path dir;

    record Line(int line, List<String> cells) {}

    static List<Line> read(Path xlsx) throws Exception {
        List<Line> out = new ArrayList<>();
        FeedFiles.readAll(xlsx, XlsxRows.Limits.DEFAULTS, handler(out));
        return out;
    }

    static List<Line> read(byte[] csv) throws Exception {
        List<Line> out = new ArrayList<>();
        FeedFiles.readCsv(new ByteArrayInputStream(csv), handler(out));
        return out;
    }

    static FeedFiles.RecordHandler handler(List<Line> out) {
        return new FeedFiles.RecordHandler() {
            @Override public void header(List<String> cells, int line) {
                out.add(new Line(line, List.copyOf(cells)));
            }

            @Override public void record(RawRecord r, int line) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) cells.add(r.field(i).toString());
                out.add(new Line(line, cells));
            }
        };
    }

    @Test
    void aWorkbookRenderedAsCsvReadsBackToTheSameCellsAndLines() throws Exception {
        Path xlsx = dir.resolve("medical_claims.xlsx");
        String[] header = {"身份证号", "claim_date", "out_of_pocket", "total_cost", "note"};
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream o = Files.newOutputStream(xlsx)) {
            Sheet s = wb.createSheet("理赔");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            CellStyle amount = wb.createCellStyle();
            amount.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
            Row h = s.createRow(2); // two blank rows before the header
            for (int c = 0; c < header.length; c++) h.createCell(c).setCellValue(header[c]);
            Object[][] rows = {
                    {"220322195601010012", LocalDate.of(2024, 6, 3), 1234.5, 5000, "普通, 门诊"},
                    {"22032219560101001X", LocalDate.of(2024, 5, 31), 0.1, 12, "他说\"住院\"了"},
                    {"", LocalDate.of(2024, 6, 1), -3, 1e7, "第一行\n第二行\r\n第三行"},
                    {"220322195601010012", null, null, 7, null},
                    {null, null, null, null, "only a note,"},
                    {"\"quoted\"", "2024/6/5", "12.50", " padded ", "\r"},
                    {"a\rb", "", "", "", ""},
            };
            int r = 3;
            for (Object[] values : rows) {
                Row row = s.createRow(r++);
                if (r == 6) r++; // a blank row between data rows
                for (int c = 0; c < values.length; c++) {
                    Object v = values[c];
                    if (v == null) continue;
                    var cell = row.createCell(c);
                    if (v instanceof String t) cell.setCellValue(t);
                    else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue(((Number) v).doubleValue());
                        if (c == 2) cell.setCellStyle(amount);
                    }
                }
            }
            s.createRow(r + 3).createCell(4).setCellValue("  "); // blank: whitespace only
            s.createRow(r + 5).createCell(1).setCellValue("最后一行");
            wb.write(o);
        }
        List<Line> fromXlsx = read(xlsx);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        CsvRendering.render(xlsx, XlsxRows.Limits.DEFAULTS, csv);
        List<Line> fromCsv = read(csv.toByteArray());

        assertThat(fromCsv).isEqualTo(fromXlsx);
        // the workbook was read as written (so the comparison above is not of two empty lists)
        assertThat(fromXlsx).hasSize(9);
        assertThat(fromXlsx.get(0)).isEqualTo(new Line(3, List.of(header)));
        assertThat(fromXlsx.get(1).cells()).containsExactly("220322195601010012", "2024-06-03", "1234.5", "5000", "普通, 门诊");
        assertThat(fromXlsx.get(2).cells()).containsExactly("22032219560101001X", "2024-05-31", "0.1", "12", "他说\"住院\"了");
        assertThat(fromXlsx.get(3).line()).isEqualTo(6);
        assertThat(fromXlsx.get(4).line()).as("after a blank row").isEqualTo(8);
        assertThat(fromXlsx.get(3).cells()).containsExactly("", "2024-06-01", "-3", "10000000", "第一行\n第二行\r\n第三行");
        assertThat(fromXlsx.get(4).cells()).containsExactly("220322195601010012", "", "", "7");
        assertThat(fromXlsx.get(5).cells()).containsExactly("", "", "", "", "only a note,");
        assertThat(fromXlsx.get(8)).isEqualTo(new Line(17, List.of("", "最后一行")));
        // UTF-8 with a byte-order mark, whatever the content
        byte[] b = csv.toByteArray();
        assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    }

    @Test
    void everyKindOfCellTextSurvivesTheRoundTrip() throws Exception {
        String[] texts = {",", "\"", "\"\"", "a\"", "\"a", "\n", "\r", "\r\n", "x\r", " ", "\t", "中文，逗号", "😀", "a,b\"c\nd",
                "=1+1", "  lead", "trail  ", "'0012", "NULL"};
        Path xlsx = dir.resolve("texts.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream o = Files.newOutputStream(xlsx)) {
            Sheet s = wb.createSheet();
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("id_number");
            h.createCell(1).setCellValue("text");
            for (int i = 0; i < texts.length; i++) {
                Row r = s.createRow(i + 1);
                r.createCell(0).setCellValue("k" + i);
                r.createCell(1).setCellValue(texts[i]);
            }
            wb.write(o);
        }
        List<Line> fromXlsx = read(xlsx);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        CsvRendering.render(xlsx, XlsxRows.Limits.DEFAULTS, csv);
        assertThat(read(csv.toByteArray())).isEqualTo(fromXlsx);
        assertThat(fromXlsx).hasSize(texts.length + 1);
        for (int i = 0; i < texts.length; i++) assertThat(fromXlsx.get(i + 1).cells().get(1)).isEqualTo(texts[i]);
    }

    @Test
    void aNumberWhoseDigitsExcelLostIsRenderedInScientificNotationAndStaysRefused() throws Exception {
        Path xlsx = dir.resolve("insurance_enrollment.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream o = Files.newOutputStream(xlsx)) {
            Sheet s = wb.createSheet();
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("id_number");
            h.createCell(1).setCellValue("year");
            Row r = s.createRow(1);
            r.createCell(0).setCellValue(220322195601010012d);
            r.createCell(1).setCellValue(2024);
            Row p = s.createRow(2);
            p.createCell(0).setCellValue(13812345678d);
            p.createCell(1).setCellValue(2024);
            wb.write(o);
        }
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        CsvRendering.render(xlsx, XlsxRows.Limits.DEFAULTS, csv);
        List<Line> lines = read(csv.toByteArray());
        assertThat(lines.get(1).cells()).containsExactly("2.2032219560101E+17", "2024");
        assertThat(lines.get(2).cells()).containsExactly("1.3812345678E+10", "2024");
        HeaderMap m = HeaderMap.of(FeedKind.INSURANCE_ENROLLMENT, List.of("id_number", "year"));
        try {
            RowParser.department(m, RawRecord.of(lines.get(1).cells()), 2);
            throw new AssertionError("accepted");
        } catch (RowRejected e) {
            assertThat(e.reason()).isEqualTo("id_number digits lost");
        }
    }
}
