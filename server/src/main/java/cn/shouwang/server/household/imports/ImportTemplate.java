package cn.shouwang.server.household.imports;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.SchoolingStage;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.household.PersonListColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The import template (.xlsx): the national person list's headers in its order, 证件号码 and the phone columns
 * formatted as text ("@", so Excel keeps all 18 digits), one example row with a synthetic valid id number in the
 * first village of the user's area (so the template imports as it is).
 */
@Component
class ImportTemplate {
    private final AreaApi areas;

    ImportTemplate(AreaApi areas) {
        this.areas = areas;
    }

    /** The columns of the template: the person list without the monitoring-only ones. */
    static List<PersonListColumn> columns() {
        return PersonListColumn.layout().stream()
                .filter(c -> c.level() != PersonListColumn.Level.MONITORING || c == PersonListColumn.MONITORING_CATEGORY)
                .toList();
    }

    /** A synthetic id number with a valid check character: the county's code, 1980-01-01, sequence 001. */
    static String exampleIdNumber(String county6) {
        String first17 = county6 + "19800101001";
        return first17 + IdNumber.checkCharacter(first17);
    }

    void write(AreaScope scope, String sheetName, String exampleName, OutputStream out) throws IOException {
        List<AreaInfo> villages = areas.villages(scope.prefix(), 1);
        Map<PersonListColumn, String> example = new HashMap<>();
        if (!villages.isEmpty()) {
            AreaInfo v = villages.get(0);
            int ed = v.editionId();
            String county = v.code().substring(0, 6) + "000000";
            Map<String, String> names = areas.names(ed, v.parentCode() == null ? List.of(county) : List.of(county, v.parentCode()));
            example.put(PersonListColumn.COUNTY, names.getOrDefault(county, ""));
            example.put(PersonListColumn.TOWNSHIP, v.parentCode() == null ? "" : names.getOrDefault(v.parentCode(), ""));
            example.put(PersonListColumn.VILLAGE, v.name());
            example.put(PersonListColumn.ID_NUMBER, exampleIdNumber(v.code().substring(0, 6)));
            example.put(PersonListColumn.HOUSEHOLD_NO, v.code() + "99001");
        }
        example.put(PersonListColumn.ROW_NO, "1");
        example.put(PersonListColumn.VILLAGE_GROUP, "1");
        example.put(PersonListColumn.PERSON_NO, "1");
        example.put(PersonListColumn.NAME, exampleName);
        example.put(PersonListColumn.HOUSEHOLD_SIZE, "1");
        example.put(PersonListColumn.RELATION, PersonListColumn.relationWord(Relation.HEAD));
        example.put(PersonListColumn.HEALTH, PersonListColumn.healthWord(HealthStatus.HEALTHY));
        example.put(PersonListColumn.LABOUR, PersonListColumn.labourWord(LabourCapacity.ORDINARY));
        example.put(PersonListColumn.SCHOOLING, PersonListColumn.schoolingWord(SchoolingStage.NONE));
        example.put(PersonListColumn.SERIOUS_ILLNESS_INSURANCE, PersonListColumn.yesNoWord(true));
        example.put(PersonListColumn.UNSAFE_HOUSE, PersonListColumn.yesNoWord(false));
        example.put(PersonListColumn.SAFE_WATER, PersonListColumn.yesNoWord(true));
        example.put(PersonListColumn.HOUSEHOLD_TYPE, PersonListColumn.householdTypeWord(false));
        example.put(PersonListColumn.MONTHS_IN_WORK, "6");
        example.put(PersonListColumn.INCOME_PER_CAPITA, "12000");
        example.put(PersonListColumn.HOUSEHOLD_REGISTERED, "2022-10-28");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet(sheetName);
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            bold.setDataFormat(text.getDataFormat());
            Row header = sheet.createRow(0);
            Row row = sheet.createRow(1);
            List<PersonListColumn> cols = columns();
            for (int i = 0; i < cols.size(); i++) {
                PersonListColumn c = cols.get(i);
                var h = header.createCell(i);
                h.setCellValue(c.header());
                h.setCellStyle(bold);
                sheet.setColumnWidth(i, c == PersonListColumn.ID_NUMBER ? 22 * 256 : 14 * 256);
                // every cell of the id-number and phone columns is text, so Excel keeps what is typed as typed
                if (c.vocabulary() == PersonListColumn.Vocabulary.ID_NUMBER || c.vocabulary() == PersonListColumn.Vocabulary.PHONE
                        || c == PersonListColumn.HOUSEHOLD_NO || c == PersonListColumn.PERSON_NO) {
                    sheet.setDefaultColumnStyle(i, text);
                }
                String v = example.get(c);
                if (v != null) {
                    var cell = row.createCell(i);
                    cell.setCellValue(v);
                    cell.setCellStyle(text);
                }
            }
            sheet.createFreezePane(0, 1);
            wb.write(out);
        }
    }

    /**
     * The income file's template (收入导入): 户编号 (text, so that Excel keeps its 17 digits), 年度 and the six items,
     * with one example row (a household number of the first village of the user's area that no household has: it
     * shows the layout and is refused as an unknown household until replaced by a real one).
     */
    void writeIncomes(AreaScope scope, String sheetName, OutputStream out) throws IOException {
        List<AreaInfo> villages = areas.villages(scope.prefix(), 1);
        String no = villages.isEmpty() ? "" : villages.get(0).code() + "99001";
        List<IncomeListParser.Column> cols = List.of(IncomeListParser.Column.values());
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet(sheetName);
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            Row header = sheet.createRow(0);
            Row row = sheet.createRow(1);
            int lastYear = java.time.Year.now().getValue() - 1;
            double[] example = {12000, 3000, 0, 2400, 1000, 800};
            for (int i = 0; i < cols.size(); i++) {
                var h = header.createCell(i);
                h.setCellValue(cols.get(i).header());
                h.setCellStyle(bold);
                sheet.setColumnWidth(i, (i == 0 ? 22 : 14) * 256);
                var cell = row.createCell(i);
                if (i == 0) {
                    sheet.setDefaultColumnStyle(0, text);
                    cell.setCellValue(no);
                    cell.setCellStyle(text);
                } else if (i == 1) {
                    cell.setCellValue(lastYear);
                } else {
                    cell.setCellValue(example[i - 2]);
                }
            }
            sheet.createFreezePane(0, 1);
            wb.write(out);
        }
    }
}
