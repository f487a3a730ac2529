package cn.shouwang.server.household.imports;

import cn.shouwang.screening.feed.SheetCell;
import cn.shouwang.screening.feed.SheetRows;
import cn.shouwang.server.household.PersonListColumn;
import cn.shouwang.server.platform.PgCopy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads an income file (收入导入: 户编号, 年度 and the six items of policy.md §2, one row per household and year) row
 * by row into the staging table import_income by COPY, each row's own problems with it (moved to import_problem
 * after the COPY, as for person lists). Per sheet, the header is the first line naming 户编号 and 年度 (title lines
 * above it are skipped). A blank amount is 0 (national files leave items a household has not blank); a column the
 * header lacks is refused for the whole file, so that a file never zeroes an item it does not carry.
 */
final class IncomeListParser implements SheetRows {
    static final String COLUMNS = "import_id, seq, sheet, line, household_no, year, wages, business, property, transfers, "
            + "production_costs, out_of_pocket, row_problems, ok";
    static final String MOVE_PROBLEMS = """
            insert into import_problem (import_id, sheet, line, column_name, code, args, error)
            select s.import_id, s.sheet, s.line, nullif(a[2], ''), a[3], coalesce(a[4:], '{}'), a[1] = '1'
              from import_income s, unnest(s.row_problems) as r(x), string_to_array(r.x, chr(31)) as a
             where s.import_id = ? and s.row_problems is not null""";

    /** The columns of an income file: 户编号 and the items as the person list names them, and 年度. */
    enum Column {
        HOUSEHOLD_NO(PersonListColumn.HOUSEHOLD_NO),
        YEAR(null),
        WAGES(PersonListColumn.WAGES),
        BUSINESS(PersonListColumn.BUSINESS),
        PROPERTY(PersonListColumn.PROPERTY),
        TRANSFERS(PersonListColumn.TRANSFERS),
        PRODUCTION_COSTS(PersonListColumn.PRODUCTION_COSTS),
        OUT_OF_POCKET(PersonListColumn.OUT_OF_POCKET);

        final @Nullable PersonListColumn column;

        Column(@Nullable PersonListColumn column) {
            this.column = column;
        }

        String header() {
            return column == null ? PersonListColumn.INCOME_YEAR_HEADERS.get(0) : column.header();
        }

        static @Nullable Column of(String text) {
            String t = PersonListColumn.normalize(text.strip());
            if (t.isEmpty()) return null;
            for (String y : PersonListColumn.INCOME_YEAR_HEADERS) if (PersonListColumn.normalize(y).equals(t)) return YEAR;
            PersonListColumn c = PersonListColumn.byHeader(text.strip()).orElse(null);
            for (Column k : values()) if (k.column != null && k.column == c) return k;
            return null;
        }

        static List<Column> amounts() {
            return List.of(WAGES, BUSINESS, PROPERTY, TRANSFERS, PRODUCTION_COSTS, OUT_OF_POCKET);
        }
    }

    private final long importId;
    private final PgCopy rows;
    private final int firstYear;
    private final int lastYear;
    private final java.util.function.LongConsumer progress;

    private final Map<Column, Integer> index = new EnumMap<>(Column.class);
    private @Nullable List<String> header;
    private boolean inSheet;
    private boolean sawHeader;
    private List<String> firstHeader = List.of();
    private int firstHeaderLine;
    private final List<Column> missing = new ArrayList<>();
    private long seq;
    private long count;
    private final List<String[]> problems = new ArrayList<>();

    IncomeListParser(long importId, PgCopy rows, int firstYear, int lastYear, java.util.function.LongConsumer progress) {
        this.importId = importId;
        this.rows = rows;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.progress = progress;
    }

    boolean sawHeader() { return sawHeader; }
    List<String> header() { return firstHeader; }
    int headerLine() { return firstHeaderLine; }
    long rows() { return count; }
    /** The amount columns the first header lacks (the file is refused when any does). */
    List<String> missingColumns() { return missing.stream().map(Column::header).toList(); }

    @Override
    public boolean sheet(String name) {
        inSheet = false;
        index.clear();
        header = null;
        return true;
    }

    @Override
    public void row(String sheet, int line, List<SheetCell> cells) {
        if (!inSheet) {
            tryHeader(line, cells);
            return;
        }
        if (isBlank(cells)) return;
        Integer noAt = index.get(Column.HOUSEHOLD_NO);
        if (noAt < cells.size() && Column.of(cells.get(noAt).text()) == Column.HOUSEHOLD_NO) return; // the header again
        count++;
        if (count % 5000 == 0) progress.accept(count);
        income(sheet, line, cells);
    }

    private static boolean isBlank(List<SheetCell> cells) {
        for (SheetCell c : cells) if (!c.isBlank()) return false;
        return true;
    }

    private void tryHeader(int line, List<SheetCell> cells) {
        Map<Column, Integer> found = new EnumMap<>(Column.class);
        for (int i = 0; i < cells.size(); i++) {
            Column c = Column.of(cells.get(i).text());
            if (c != null && !found.containsKey(c)) found.put(c, i);
        }
        if (!found.containsKey(Column.HOUSEHOLD_NO) || !found.containsKey(Column.YEAR)) return;
        index.putAll(found);
        List<String> h = new ArrayList<>();
        for (SheetCell c : cells) h.add(c.text().strip());
        header = h;
        inSheet = true;
        if (!sawHeader) {
            firstHeader = h;
            firstHeaderLine = line;
            for (Column c : Column.amounts()) if (!found.containsKey(c)) missing.add(c);
        }
        sawHeader = true;
    }

    private String columnName(Column c) {
        Integer i = index.get(c);
        String h = header != null && i != null && i < header.size() ? header.get(i) : c.header();
        return (i == null ? "" : Cells.letter(i) + " ") + h;
    }

    private @Nullable SheetCell cell(List<SheetCell> cells, Column c) {
        Integer i = index.get(c);
        return i == null || i >= cells.size() ? null : cells.get(i);
    }

    private String text(List<SheetCell> cells, Column c) {
        Integer i = index.get(c);
        return i == null || i >= cells.size() ? "" : cells.get(i).text().strip();
    }

    private void problem(Column c, String code, String... args) {
        String[] p = new String[3 + args.length];
        p[0] = "1";
        p[1] = columnName(c);
        p[2] = code;
        System.arraycopy(args, 0, p, 3, args.length);
        problems.add(p);
    }

    private void income(String sheet, int line, List<SheetCell> cells) {
        problems.clear();
        String no = Cells.text(text(cells, Column.HOUSEHOLD_NO));
        if (no != null && no.endsWith(".0")) no = no.substring(0, no.length() - 2); // a number cell of a numeric 户编号
        if (no == null) {
            problem(Column.HOUSEHOLD_NO, "registry.import.problem.householdNo.missing");
        } else if (PersonListParser.digitsLost(cell(cells, Column.HOUSEHOLD_NO))) {
            // a 17-digit 户编号 Excel or LibreOffice kept as a number has lost its last digits: matched as it reads, it
            // would be "unknown" at best and another household of the village at worst, so it is not matched at all
            problem(Column.HOUSEHOLD_NO, "registry.import.problem.householdNo.digitsLost");
            no = null;
        }
        String yearText = text(cells, Column.YEAR).replace("\u5e74", "").strip();
        Integer year = null;
        if (yearText.isEmpty()) {
            problem(Column.YEAR, "registry.import.problem.missing");
        } else {
            year = Cells.integer(yearText).orElse(null);
            if (year == null) {
                problem(Column.YEAR, "registry.import.problem.number", yearText);
            } else if (year < firstYear || year > lastYear) {
                problem(Column.YEAR, "registry.import.income.problem.year", String.valueOf(year), String.valueOf(firstYear),
                        String.valueOf(lastYear));
                year = null;
            }
        }
        BigDecimal[] amounts = new BigDecimal[6];
        List<Column> items = Column.amounts();
        for (int k = 0; k < items.size(); k++) {
            Column c = items.get(k);
            String t = text(cells, c);
            if (t.isEmpty()) {
                amounts[k] = index.containsKey(c) ? BigDecimal.ZERO.setScale(2) : null;
                continue;
            }
            BigDecimal v = Cells.amount(t).orElse(null);
            if (v == null) problem(c, "registry.import.income.problem.notNumber", t);
            else if (v.signum() < 0) problem(c, "registry.import.income.problem.negative", t);
            else if (v.compareTo(new BigDecimal("9999999999.99")) > 0) problem(c, "registry.import.income.problem.tooLarge", t);
            else amounts[k] = v;
        }
        rows.add(importId).add(++seq).add(sheet).add(line).add(no).add(year);
        for (BigDecimal a : amounts) rows.add(a);
        rows.add(encoded()).add(problems.isEmpty());
        rows.endRow();
    }

    private String @Nullable [] encoded() {
        if (problems.isEmpty()) return null;
        String[] out = new String[problems.size()];
        for (int k = 0; k < out.length; k++) out[k] = String.join("\u001f", problems.get(k));
        return out;
    }
}
