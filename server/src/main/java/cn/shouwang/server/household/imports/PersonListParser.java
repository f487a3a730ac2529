package cn.shouwang.server.household.imports;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MonitoringCategory;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.core.household.SchoolingStage;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.SheetCell;
import cn.shouwang.screening.feed.SheetRows;
import cn.shouwang.server.household.NameGrams;
import cn.shouwang.server.household.PersonListColumn;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.PgCopy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Reads a person list row by row ({@link SheetRows}) and writes each row to the staging table import_person and its
 * problems to import_problem, both by COPY: nothing of the file is held in memory but the current row. Per sheet,
 * the header is the first line holding at least three known column names, one of them 姓名 or 证件号码 (title lines
 * above it are skipped); columns are found by name (PersonListColumn, its aliases, and what the user mapped for this
 * layout), so extra, missing and reordered columns do no harm. Personal values are sealed or hashed here, before
 * they reach the database.
 */
final class PersonListParser implements SheetRows {
    static final String PERSON_COLUMNS = "import_id, seq, sheet, line, hh_key, household_no, village_code, village_group, "
            + "hh_size, formerly_poor, unsafe_house, safe_water, hh_phone_enc, hh_registered, per_capita, wages, business, "
            + "property, transfers, production_costs, out_of_pocket, claims, hh_sig, category, risks, disaster_subtype, "
            + "eliminated, identified_month, eliminated_month, officer, officer_unit, officer_phone_enc, measures, person_no, "
            + "name, name_grams, id_number_hash, id_number_enc, sex, birth_date, relation, ethnic_group, education, "
            + "schooling_stage, health_enc, labour_capacity, months_in_work, serious_illness_insurance, main_cause, "
            + "phone_enc, registered_on, row_problems, ok";
    static final String PROBLEM_COLUMNS = "import_id, sheet, line, column_name, code, args, error";
    private static final int PERSON_COLUMN_COUNT = PERSON_COLUMNS.split(",").length;

    /** Household columns whose values every row of a household must repeat alike. */
    private static final List<PersonListColumn> HOUSEHOLD_FIELDS = java.util.Arrays.stream(PersonListColumn.values())
            .filter(c -> c.level() == PersonListColumn.Level.HOUSEHOLD || c.level() == PersonListColumn.Level.MONITORING)
            .filter(c -> c != PersonListColumn.COUNTY && c != PersonListColumn.TOWNSHIP && c != PersonListColumn.VILLAGE
                    && c != PersonListColumn.HOUSEHOLD_NO)
            .toList();

    private final long importId;
    private final PersonalDataApi pd;
    private final AreaResolver areas;
    private final java.util.function.Function<String, Map<String, PersonListColumn>> mappingFor;
    private Map<String, PersonListColumn> mapped = Map.of();
    private final PgCopy persons;
    private final Mac sig;
    private final java.util.function.LongConsumer progress;

    // the layout of the current sheet
    private @Nullable Map<Integer, PersonListColumn> columns;
    private final Map<PersonListColumn, Integer> index = new EnumMap<>(PersonListColumn.class);
    private @Nullable List<String> header;
    private int headerLine;
    private final List<String> unknown = new ArrayList<>();
    // carried from row to row: merged cells leave the household's cells blank below its first row
    private final Map<PersonListColumn, String> carried = new EnumMap<>(PersonListColumn.class);
    private @Nullable String currentKey;
    private long seq;
    private long rows;
    private @Nullable LocalDate exportDate;
    private boolean sawHeader;
    private List<String> firstHeader = List.of();
    private int firstHeaderLine;
    // per row
    private final List<Object[]> rowProblems = new ArrayList<>();

    PersonListParser(long importId, PersonalDataApi pd, AreaResolver areas,
                     java.util.function.Function<String, Map<String, PersonListColumn>> mappingFor,
                     PgCopy persons, java.util.function.LongConsumer progress) {
        this.importId = importId;
        this.pd = pd;
        this.areas = areas;
        this.mappingFor = mappingFor;
        this.persons = persons;
        this.progress = progress;
        try {
            // a key of this import only: the digests say whether two rows agree, and nothing else to anyone
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            sig = Mac.getInstance("HmacSHA256");
            sig.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean sheet(String name) {
        columns = null;
        header = null;
        carried.clear();
        currentKey = null;
        return true;
    }

    boolean sawHeader() { return sawHeader; }
    List<String> header() { return firstHeader; }
    int headerLine() { return firstHeaderLine; }
    List<String> unknownHeaders() { return unknown; }
    long rows() { return rows; }
    @Nullable LocalDate exportDate() { return exportDate; }

    @Override
    public void row(String sheet, int line, List<SheetCell> cells) {
        if (columns == null) {
            tryHeader(line, cells);
            return;
        }
        if (isHeaderAgain(cells)) return;
        rows++;
        if (rows % 5000 == 0) progress.accept(rows);
        person(sheet, line, cells);
    }

    private @Nullable PersonListColumn columnOf(String text) {
        Optional<PersonListColumn> known = PersonListColumn.byHeader(text);
        if (known.isPresent()) return known.get();
        return mapped.get(PersonListColumn.normalize(text));
    }

    private void tryHeader(int line, List<SheetCell> cells) {
        if (!headerFound(line, cells, Map.of())) return;
        // a layout seen before: what the user mapped for its unknown columns
        List<String> h = new ArrayList<>();
        for (SheetCell c : cells) h.add(c.text().strip());
        Map<String, PersonListColumn> m = mappingFor.apply(ImportStore.headerKey(h));
        if (!m.isEmpty()) headerFound(line, cells, m);
        if (!sawHeader) {
            // the import's layout is its first sheet's: its header and the columns nothing knows
            firstHeader = h;
            firstHeaderLine = line;
            for (int i = 0; i < h.size(); i++) {
                if (!h.get(i).isBlank() && !columns.containsKey(i)) unknown.add(h.get(i));
            }
        }
        sawHeader = true;
    }

    private boolean headerFound(int line, List<SheetCell> cells, Map<String, PersonListColumn> mapping) {
        mapped = mapping;
        Map<Integer, PersonListColumn> found = new LinkedHashMap<>();
        int known = 0;
        boolean key = false;
        for (int i = 0; i < cells.size(); i++) {
            String t = cells.get(i).text();
            if (t.isBlank()) continue;
            PersonListColumn c = columnOf(t);
            if (c == null || found.containsValue(c)) continue;
            found.put(i, c);
            known++;
            key |= c == PersonListColumn.NAME || c == PersonListColumn.ID_NUMBER;
        }
        if (known < 3 || !key) return false;
        columns = found;
        index.clear();
        found.forEach((i, c) -> index.put(c, i));
        headerLine = line;
        List<String> h = new ArrayList<>();
        for (SheetCell c : cells) h.add(c.text().strip());
        header = h;
        return true;
    }

    private boolean isHeaderAgain(List<SheetCell> cells) {
        Integer i = index.get(PersonListColumn.ID_NUMBER);
        if (i == null) i = index.get(PersonListColumn.NAME);
        return i != null && i < cells.size() && columnOf(cells.get(i).text()) != null;
    }

    private @Nullable SheetCell cell(List<SheetCell> cells, PersonListColumn c) {
        Integer i = index.get(c);
        return i == null || i >= cells.size() ? null : cells.get(i);
    }

    private @Nullable String text(List<SheetCell> cells, PersonListColumn c) {
        SheetCell cell = cell(cells, c);
        return cell == null ? null : Cells.text(cell.text());
    }

    private String columnName(PersonListColumn c) {
        Integer i = index.get(c);
        String h = header != null && i != null && i < header.size() ? header.get(i) : c.header();
        return (i == null ? "" : Cells.letter(i) + " ") + h;
    }

    private void problem(PersonListColumn c, String code, String... args) {
        rowProblems.add(new Object[] {c == null ? null : columnName(c), code, args, true});
    }

    private void warning(PersonListColumn c, String code, String... args) {
        rowProblems.add(new Object[] {c == null ? null : columnName(c), code, args, false});
    }

    private void person(String sheet, int line, List<SheetCell> cells) {
        rowProblems.clear();
        String name = text(cells, PersonListColumn.NAME);
        SheetCell idCell = cell(cells, PersonListColumn.ID_NUMBER);
        String idText = idCell == null ? null : Cells.text(idCell.text());
        if (name == null && idText == null) {
            // a footer (合计, 填表人) or a line of notes: not a person; reported when it looks like data
            long filled = cells.stream().filter(c -> !c.isBlank()).count();
            if (filled >= 3) {
                problem(PersonListColumn.NAME, "registry.import.problem.notPerson");
                seq++;
                persons.add(importId).add(seq).add(sheet).add(line);
                for (int k = 4; k < PERSON_COLUMN_COUNT - 2; k++) persons.add(null);
                persons.add(encodedProblems()).add("f").endRow();
                rowProblems.clear();
            }
            return;
        }
        if (exportDate == null) {
            String d = text(cells, PersonListColumn.EXPORT_DATE);
            if (d != null) exportDate = Cells.date(d).orElse(null);
        }
        if (name == null) problem(PersonListColumn.NAME, "registry.import.problem.name.missing");

        // the person's id number: never checked when Excel has already cut it
        IdNumber id = null;
        if (idCell == null || idText == null) {
            problem(PersonListColumn.ID_NUMBER, "registry.idNumber.EMPTY");
        } else if (idCell.digitsLost()) {
            problem(PersonListColumn.ID_NUMBER, "registry.import.problem.idNumber.digitsLost");
        } else {
            IdNumber.Problem p = IdNumber.problem(idText);
            if (p == null) id = IdNumber.of(idText);
            else problem(PersonListColumn.ID_NUMBER, "registry.idNumber." + p.name());
        }
        Relation relation = PersonListColumn.relation(text(cells, PersonListColumn.RELATION)).orElse(null);
        if (relation == null && index.containsKey(PersonListColumn.RELATION)) {
            problem(PersonListColumn.RELATION, "registry.import.problem.missing");
        }

        // the household: its number, or (without one) the head's id number; merged cells leave them blank below
        boolean head = relation == Relation.HEAD;
        String householdNo = text(cells, PersonListColumn.HOUSEHOLD_NO);
        if (householdNo == null && !head && index.containsKey(PersonListColumn.HOUSEHOLD_NO)) {
            householdNo = carried.get(PersonListColumn.HOUSEHOLD_NO);   // a merged cell
        }
        String key;
        if (index.containsKey(PersonListColumn.HOUSEHOLD_NO)) {
            key = householdNo;
            if (key == null) problem(PersonListColumn.HOUSEHOLD_NO, "registry.import.problem.householdNo.missing");
            else if (digitsLost(cell(cells, PersonListColumn.HOUSEHOLD_NO))) {
                // a 17-digit number kept by Excel as a number: every household of the file would share one number,
                // so the row is its own household here and says only what happened to its number
                problem(PersonListColumn.HOUSEHOLD_NO, "registry.import.problem.householdNo.digitsLost");
                key = "L:" + sheet + ":" + line;
            }
        } else if (head) {
            key = id != null ? "H:" + HexFormat.of().formatHex(pd.idNumberHash(id)) : "L:" + sheet + ":" + line;
            currentKey = key;
        } else {
            key = currentKey;
            if (key == null) problem(PersonListColumn.RELATION, "registry.import.problem.noHead");
        }
        String county = areaText(cells, PersonListColumn.COUNTY, householdNo);
        String township = areaText(cells, PersonListColumn.TOWNSHIP, householdNo);
        String villageName = areaText(cells, PersonListColumn.VILLAGE, householdNo);
        String village = null;
        if (villageName == null) {
            problem(PersonListColumn.VILLAGE, "registry.import.problem.area.missing");
        } else {
            AreaResolver.Found f = areas.find(county, township, villageName);
            village = f.villageCode();
            if (village == null) {
                String where = String.join("", county == null ? "" : county, township == null ? "" : township, villageName);
                if (f.candidates().isEmpty()) problem(PersonListColumn.VILLAGE, f.problem(), where);
                else problem(PersonListColumn.VILLAGE, f.problem(), where, String.join("、", f.candidates()));
            }
        }
        String group = areaText(cells, PersonListColumn.VILLAGE_GROUP, householdNo);
        carry(PersonListColumn.COUNTY, county);
        carry(PersonListColumn.TOWNSHIP, township);
        carry(PersonListColumn.VILLAGE, villageName);
        carry(PersonListColumn.VILLAGE_GROUP, group);
        carry(PersonListColumn.HOUSEHOLD_NO, householdNo);

        // household fields
        Integer size = integer(cells, PersonListColumn.HOUSEHOLD_SIZE);
        Boolean poor = vocab(cells, PersonListColumn.HOUSEHOLD_TYPE, PersonListColumn::formerlyPoor);
        Boolean unsafeHouse = yesNo(cells, PersonListColumn.UNSAFE_HOUSE);
        Boolean safeWater = yesNo(cells, PersonListColumn.SAFE_WATER);
        String hhPhone = text(cells, PersonListColumn.HOUSEHOLD_PHONE);
        if (hhPhone != null && cell(cells, PersonListColumn.HOUSEHOLD_PHONE).digitsLost()) {
            problem(PersonListColumn.HOUSEHOLD_PHONE, "registry.import.problem.phone.digitsLost");
        }
        LocalDate hhRegistered = date(cells, PersonListColumn.HOUSEHOLD_REGISTERED);
        BigDecimal perCapita = amount(cells, PersonListColumn.INCOME_PER_CAPITA);
        BigDecimal[] items = new BigDecimal[7];
        List<PersonListColumn> itemCols = List.of(PersonListColumn.WAGES, PersonListColumn.BUSINESS, PersonListColumn.PROPERTY,
                PersonListColumn.TRANSFERS, PersonListColumn.PRODUCTION_COSTS, PersonListColumn.OUT_OF_POCKET, PersonListColumn.CLAIMS);
        for (int i = 0; i < items.length; i++) items[i] = amount(cells, itemCols.get(i));

        // monitoring
        MonitoringCategory category = vocab(cells, PersonListColumn.MONITORING_CATEGORY, PersonListColumn::category);
        List<String> risks = new ArrayList<>();
        for (PersonListColumn rc : PersonListColumn.riskColumns()) {
            RiskType r = vocab(cells, rc, PersonListColumn::riskType);
            if (r != null && !risks.contains(r.name())) risks.add(r.name());
        }
        Boolean eliminated = yesNo(cells, PersonListColumn.RISK_ELIMINATED);
        LocalDate identified = date(cells, PersonListColumn.RISK_IDENTIFIED);
        LocalDate eliminatedMonth = date(cells, PersonListColumn.RISK_ELIMINATED_MONTH);
        String officerPhone = text(cells, PersonListColumn.OFFICER_PHONE);
        List<String> measures = new ArrayList<>();
        for (PersonListColumn mc : PersonListColumn.measureColumns()) {
            String m = text(cells, mc);
            MeasureGroup g = mc.measureGroup();
            if (m != null && g != null && !m.equals("\u65e0") && !m.equals("/")) measures.add(g.name() + ":" + m);
        }

        // the person's other fields
        HealthStatus health = vocab(cells, PersonListColumn.HEALTH, PersonListColumn::health);
        LabourCapacity labour = vocab(cells, PersonListColumn.LABOUR, PersonListColumn::labour);
        SchoolingStage schooling = vocab(cells, PersonListColumn.SCHOOLING, PersonListColumn::schooling);
        Integer months = integer(cells, PersonListColumn.MONTHS_IN_WORK);
        if (months != null && (months < 0 || months > 12)) {
            problem(PersonListColumn.MONTHS_IN_WORK, "registry.import.problem.months", String.valueOf(months));
            months = null;
        }
        Boolean insurance = yesNo(cells, PersonListColumn.SERIOUS_ILLNESS_INSURANCE);
        String phone = text(cells, PersonListColumn.MEMBER_PHONE);
        if (phone != null && cell(cells, PersonListColumn.MEMBER_PHONE).digitsLost()) {
            problem(PersonListColumn.MEMBER_PHONE, "registry.import.problem.phone.digitsLost");
        }
        LocalDate registered = date(cells, PersonListColumn.PERSON_REGISTERED);

        boolean ok = rowProblems.stream().noneMatch(p -> (Boolean) p[3]);
        String[] hhSig = householdSignature(cells, village);
        seq++;
        String county6 = village == null ? "000000" : village.substring(0, 6);
        persons.add(importId).add(seq).add(sheet).add(line).add(key).add(index.containsKey(PersonListColumn.HOUSEHOLD_NO) ? key : null)
                .add(village).add(group).add(size).add(bool(poor)).add(bool(unsafeHouse)).add(bool(safeWater))
                .add(hhPhone == null ? null : pd.seal(hhPhone)).add(hhRegistered).add(plain(perCapita));
        for (BigDecimal b : items) persons.add(plain(b));
        persons.add(hhSig).add(category == null ? null : category.name()).add(risks.toArray(String[]::new))
                .add(text(cells, PersonListColumn.DISASTER_SUBTYPE)).add(bool(eliminated)).add(identified).add(eliminatedMonth)
                .add(text(cells, PersonListColumn.OFFICER)).add(text(cells, PersonListColumn.OFFICER_UNIT))
                .add(officerPhone == null ? null : pd.seal(officerPhone)).add(measures.toArray(String[]::new))
                .add(text(cells, PersonListColumn.PERSON_NO)).add(name)
                .add(name == null ? null : NameGrams.of(county6, name))
                .add(id == null ? null : pd.idNumberHash(id)).add(id == null ? null : pd.seal(id.value()))
                .add(id == null ? null : id.sex() == cn.shouwang.core.person.Sex.MALE ? "M" : "F")
                .add(id == null ? null : id.birthDate()).add(relation == null ? null : relation.name())
                .add(text(cells, PersonListColumn.ETHNIC_GROUP)).add(text(cells, PersonListColumn.EDUCATION))
                .add(schooling == null ? null : schooling.name())
                .add(health == null ? null : pd.sealHealth(new HealthDetails(health, null)))
                .add(labour == null ? null : labour.name()).add(months).add(bool(insurance))
                .add(text(cells, PersonListColumn.MAIN_CAUSE)).add(phone == null ? null : pd.seal(phone)).add(registered)
                .add(encodedProblems()).add(ok ? "t" : "f").endRow();
        rowProblems.clear();
    }

    private @Nullable String areaText(List<SheetCell> cells, PersonListColumn c, @Nullable String householdNo) {
        String v = text(cells, c);
        if (v != null || !index.containsKey(c)) return v;
        // a merged area cell: the value above, when this row is of the same household as the rows above
        String no = carried.get(PersonListColumn.HOUSEHOLD_NO);
        if (!index.containsKey(PersonListColumn.HOUSEHOLD_NO) ? !head(cells) : householdNo != null && householdNo.equals(no)) {
            return carried.get(c);
        }
        return null;
    }

    private boolean head(List<SheetCell> cells) {
        return PersonListColumn.relation(text(cells, PersonListColumn.RELATION)).orElse(null) == Relation.HEAD;
    }

    private void carry(PersonListColumn c, @Nullable String v) {
        if (v != null) carried.put(c, v);
    }

    /** The row's problems for the row_problems column: error flag, column, code, arguments, joined by chr(31). */
    private String @Nullable [] encodedProblems() {
        if (rowProblems.isEmpty()) return null;
        String[] out = new String[rowProblems.size()];
        for (int k = 0; k < out.length; k++) {
            Object[] p = rowProblems.get(k);
            StringBuilder b = new StringBuilder();
            b.append((Boolean) p[3] ? '1' : '0').append('\u001f').append(p[0] == null ? "" : (String) p[0]).append('\u001f').append((String) p[1]);
            for (String arg : (String[]) p[2]) b.append('\u001f').append(arg);
            out[k] = b.toString();
        }
        return out;
    }

    /** Moves the rows' own problems into import_problem (after the COPY). */
    static String MOVE_PROBLEMS = """
            insert into import_problem (import_id, sheet, line, column_name, code, args, error)
            select s.import_id, s.sheet, s.line, nullif(a[2], ''), a[3], coalesce(a[4:], '{}'), a[1] = '1'
              from import_person s, unnest(s.row_problems) as r(x), string_to_array(r.x, chr(31)) as a
             where s.import_id = ? and s.row_problems is not null""";

    private String[] householdSignature(List<SheetCell> cells, @Nullable String village) {
        List<String> out = new ArrayList<>();
        out.add("VILLAGE=" + digest(village));
        for (PersonListColumn c : HOUSEHOLD_FIELDS) {
            if (!index.containsKey(c)) continue;
            out.add(c.name() + "=" + digest(canonical(c, text(cells, c))));
        }
        return out.toArray(String[]::new);
    }

    /** A value as it will be stored, so that 2022/10/28 and 2022-10-28, or Y and 是, agree. */
    private static @Nullable String canonical(PersonListColumn c, @Nullable String v) {
        if (v == null) return null;
        Optional<?> parsed = switch (c.vocabulary()) {
            case DATE, MONTH -> Cells.date(v);
            case YES_NO -> PersonListColumn.yesNo(v);
            case AMOUNT -> Cells.amount(v).map(BigDecimal::stripTrailingZeros).map(BigDecimal::toPlainString);
            case INTEGER -> Cells.integer(v);
            case HOUSEHOLD_TYPE -> PersonListColumn.formerlyPoor(v);
            case CATEGORY -> PersonListColumn.category(v);
            case RISK_TYPE -> PersonListColumn.riskType(v);
            default -> Optional.of(v);
        };
        return parsed.map(Object::toString).orElse(v);
    }

    private String digest(@Nullable String v) {
        if (v == null) return "";
        // the same values come back on every row of a household and across households (a village, 人数, a type):
        // an HMAC per household field per row was a good part of the reading's CPU; the cache is this import's only
        String known = digests.get(v);
        if (known != null) return known;
        byte[] d = sig.doFinal(v.getBytes(StandardCharsets.UTF_8));
        String out = HexFormat.of().formatHex(d, 0, 8);
        if (digests.size() >= 50_000) digests.clear();
        digests.put(v, out);
        return out;
    }

    private final Map<String, String> digests = new java.util.HashMap<>();

    private static @Nullable String bool(@Nullable Boolean b) {
        return b == null ? null : b ? "t" : "f";
    }

    private static @Nullable String plain(@Nullable BigDecimal b) {
        return b == null ? null : b.toPlainString();
    }

    private @Nullable Integer integer(List<SheetCell> cells, PersonListColumn c) {
        String t = text(cells, c);
        if (t == null) return null;
        Optional<Integer> v = Cells.integer(t);
        if (v.isEmpty()) problem(c, "registry.import.problem.number", t);
        return v.orElse(null);
    }

    private @Nullable BigDecimal amount(List<SheetCell> cells, PersonListColumn c) {
        String t = text(cells, c);
        if (t == null) return null;
        Optional<BigDecimal> v = Cells.amount(t).filter(b -> b.signum() >= 0 && b.compareTo(new BigDecimal("10000000000")) < 0);
        if (v.isEmpty()) problem(c, "registry.import.problem.amount", t);
        return v.orElse(null);
    }

    private @Nullable LocalDate date(List<SheetCell> cells, PersonListColumn c) {
        String t = text(cells, c);
        if (t == null) return null;
        Optional<LocalDate> v = Cells.registryDate(t);
        if (v.isEmpty()) problem(c, "registry.import.problem.date", t);
        return v.orElse(null);
    }

    private @Nullable Boolean yesNo(List<SheetCell> cells, PersonListColumn c) {
        String t = text(cells, c);
        if (t == null) return null;
        Optional<Boolean> v = PersonListColumn.yesNo(t);
        if (v.isEmpty()) problem(c, "registry.import.problem.yesNo", t);
        return v.orElse(null);
    }

    private <T> @Nullable T vocab(List<SheetCell> cells, PersonListColumn c, java.util.function.Function<String, Optional<T>> f) {
        String t = text(cells, c);
        if (!index.containsKey(c)) return null;
        Optional<T> v = f.apply(t);
        if (v.isEmpty() && t != null) problem(c, "registry.import.problem.word", t);
        return v.orElse(null);
    }

    /** A household number of more than 15 digits that Excel kept as a number (or wrote in scientific notation). */
    static boolean digitsLost(@Nullable SheetCell c) {
        if (c == null || !c.digitsLost()) return false;
        String t = c.text();
        return t.indexOf('E') >= 0 || t.indexOf('e') >= 0 || t.replaceAll("\\D", "").length() > 15;
    }
}
