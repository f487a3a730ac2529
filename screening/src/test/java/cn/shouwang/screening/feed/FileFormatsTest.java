package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

/** CSV in UTF-8, UTF-8 with BOM and GB18030, RFC 4180 quoting, and XLSX with real dates and numbers. */
class FileFormatsTest {
    @TempDir Path dir;

    record Read(List<String> header, List<String> lines) {}

    static Read read(Path f) throws Exception {
        List<String> header = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        FeedFiles.readAll(f, new FeedFiles.RecordHandler() {
            @Override public void header(List<String> cells, int line) { header.addAll(cells); }
            @Override public void record(RawRecord r, int line) {
                StringBuilder sb = new StringBuilder().append(line).append(':');
                for (int i = 0; i < r.size(); i++) sb.append(i == 0 ? "" : "|").append(r.field(i));
                lines.add(sb.toString());
            }
        });
        return new Read(header, lines);
    }

    @Test void gb18030WithChineseHeaderIsDetected() throws Exception {
        Path f = dir.resolve("major_diagnoses.csv");
        Files.write(f, "身份证号,确诊日期,疾病\n220322200706212534,2024/06/30,尿毒症\n".getBytes(CsvScanner.GB18030));
        try (CsvScanner s = new CsvScanner(f)) {
            assertThat(s.charset()).isEqualTo(CsvScanner.GB18030);
        }
        Read r = read(f);
        assertThat(r.header()).containsExactly("身份证号", "确诊日期", "疾病");
        assertThat(r.lines()).containsExactly("2:220322200706212534|2024/06/30|尿毒症");
    }

    @Test void utf8WithAndWithoutBom() throws Exception {
        Path bom = dir.resolve("a.csv");
        byte[] body = "证件号码,appraised_on,grade\n220322198811186649,2022-09-21,B\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = Files.newOutputStream(bom)) {
            o.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            o.write(body);
        }
        assertThat(read(bom).header()).containsExactly("证件号码", "appraised_on", "grade");
        Path plain = dir.resolve("b.csv");
        Files.write(plain, body);
        try (CsvScanner s = new CsvScanner(plain)) {
            assertThat(s.charset()).isEqualTo(StandardCharsets.UTF_8);
        }
        assertThat(read(plain).header().get(0)).isEqualTo("证件号码");
    }

    @Test void quotedFieldsWithCommasQuotesAndLineBreaksCrlfAndBlankLines() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "enterprise,id_number,month,due,paid\r\n"
                + "\"合作社,第一\",220322196506309738,2024-06,\"1,011\",1011\r\n"
                + "\r\n"
                + "\"say \"\"hi\"\"\nnext\",220322196506309738,2024-06,10,5\r\n"
                + "last,220322196506309738,2024-06,10,5", StandardCharsets.UTF_8);
        Read r = read(f);
        assertThat(r.lines()).containsExactly(
                "2:合作社,第一|220322196506309738|2024-06|1,011|1011",
                "4:say \"hi\"\nnext|220322196506309738|2024-06|10|5",
                "5:last|220322196506309738|2024-06|10|5");
        // the quoted amount "1,011" is not a plain decimal: rejected, not misread
        HeaderMap m = HeaderMap.of(FeedKind.ENTERPRISE_PAYMENTS, r.header());
        assertThat(Values.amount("1,011")).isEqualTo(-1);
        assertThat(m.indexOf(Column.DUE)).isEqualTo(3);
    }

    @Test void recordsLongerThanTheBufferAndManyRows() throws Exception {
        Path f = dir.resolve("big.csv");
        StringBuilder sb = new StringBuilder("id_number,year,note\n");
        String longNote = "长".repeat(400_000);
        sb.append("220322196506309738,2024,\"").append(longNote).append("\"\n");
        for (int i = 0; i < 50_000; i++) sb.append("220322196506309738,2024,n").append(i).append('\n');
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        Read r = read(f);
        assertThat(r.lines()).hasSize(50_001);
        assertThat(r.lines().get(0)).endsWith(longNote);
        assertThat(r.lines().get(50_000)).isEqualTo("50002:220322196506309738|2024|n49999");
    }

    @Test void xlsxWithRealExcelDatesAndNumbers() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream o = Files.newOutputStream(f)) {
            Sheet s = wb.createSheet("医保");
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            Row h = s.createRow(0);
            String[] header = {"身份证号", "结算日期", "总费用", "医保支付", "自付金额"};
            for (int i = 0; i < header.length; i++) h.createCell(i).setCellValue(header[i]);
            Row r = s.createRow(1);
            r.createCell(0).setCellValue("22032219490411729x");
            r.createCell(1).setCellValue(LocalDate.of(2024, 6, 30));
            r.getCell(1).setCellStyle(dateStyle);
            r.createCell(2).setCellValue(9929.1);
            r.createCell(3).setCellValue(6121.16);
            r.createCell(4).setCellValue(3807.94);
            Row r2 = s.createRow(3); // a gap: row 3 is empty, this is row 4
            r2.createCell(0).setCellValue("220322194901154212");
            r2.createCell(1).setCellValue("20240601");
            r2.createCell(2).setCellValue(100);
            r2.createCell(3).setCellValue(0);
            r2.createCell(4).setCellValue(-5);
            wb.write(o);
        }
        Read read = read(f);
        assertThat(read.lines()).containsExactly("2:22032219490411729x|2024-06-30|9929.1|6121.16|3807.94",
                "4:220322194901154212|20240601|100|0|-5");
        HeaderMap m = HeaderMap.of(FeedKind.MEDICAL_CLAIMS, read.header());
        List<Object> parsed = new ArrayList<>();
        FeedFiles.readAll(f, new FeedFiles.RecordHandler() {
            @Override public void header(List<String> cells, int line) { }
            @Override public void record(RawRecord r, int line) {
                try {
                    parsed.add(RowParser.department(m, r, line));
                } catch (RowRejected e) {
                    parsed.add(line + ":" + e.reason());
                }
            }
        });
        assertThat(parsed.get(0)).isEqualTo(new FeedRow(FeedKind.MEDICAL_CLAIMS, 2, 22032219490411729L,
                (int) LocalDate.of(2024, 6, 30).toEpochDay(), 380794, 992910, null));
        assertThat(parsed.get(1)).isEqualTo("4:out_of_pocket amount");
    }
}
