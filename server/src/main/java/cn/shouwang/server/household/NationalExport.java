package cn.shouwang.server.household;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MonitoringCategory;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.core.household.SchoolingStage;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.XlsxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry of an area as the national system's person list (人口名单, national-export.md): one row per active
 * member, household fields repeated, the columns of {@link PersonListColumn#layout()} with its Chinese headers and
 * value words, so the registry import reads it back. Id numbers and phones are text cells. The income columns hold one
 * year ({@link #defaultYear}, or the one asked for), and 数据日期 says which ({@link #dataDate}).
 *
 * <p>Who sees what: an administrator or a county analyst ({@link #inFull}) gets id numbers, phones and health in full
 * (the file is what the county sends up and keeps beside the national system); every other role gets them masked and
 * health left empty, as on the pages, and the page says why. Every export is audited (EXPORT) with its area, its
 * counts and whether it was in full.
 *
 * <p>Households go in chunks of {@value #CHUNK} in (village, household number) order, each chunk's members, the
 * year's income and casework monitoring read with one query each, inside one repeatable-read transaction (one snapshot
 * for the whole file); rows stream into {@link XlsxWriter} (SXSSF), so a county of a million persons never sits in
 * memory. A full export's temporary files are encrypted with a key held only in memory (XlsxWriter's sealed temporary
 * files): full id numbers never lie readable on disk. Households without active members have no row (the list is one
 * row per person).
 */
@Component
class NationalExport {
    static final int CHUNK = 1000;
    private final ExcelExports exports;
    private final JdbcClient jdbc;
    private final PersonalDataApi pd;
    private final AreaApi areas;
    private final AuditApi audit;
    private final ObjectProvider<HouseholdCasesApi> cases;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate snapshot;
    /** Households per chunk; tests make it small to cross chunk borders with a few households. */
    int chunk = CHUNK;

    NationalExport(JdbcClient jdbc, PersonalDataApi pd, AreaApi areas, AuditApi audit,
                   ObjectProvider<HouseholdCasesApi> cases, MessageSource messages, Clock clock, PlatformTransactionManager tm, ExcelExports exports) {
        this.exports = exports;
        this.jdbc = jdbc;
        this.pd = pd;
        this.areas = areas;
        this.audit = audit;
        this.cases = cases;
        this.messages = messages;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(tm);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Whether an export by this role carries id numbers, phones and health in full. */
    static boolean inFull(Role role) {
        return role == Role.ADMIN || role == Role.COUNTY_ANALYST;
    }

    record Counts(long households, long persons) {}

    private record Household(long id, String no, String village, int edition, @Nullable String group, boolean poor,
                             byte @Nullable [] phone, @Nullable Boolean unsafeHouse, @Nullable Boolean safeWater,
                             @Nullable LocalDate registeredOn) {}

    /** A member with the person list's own columns the registry keeps (household V6), so that they survive a round trip. */
    private record Person(long household, byte[] id, String name, String relation, String labour, byte[] health,
                          String schooling, @Nullable String personNo, @Nullable String ethnicGroup,
                          @Nullable String education, @Nullable Integer monthsInWork, @Nullable Boolean insured,
                          @Nullable String mainCause, byte @Nullable [] phone, @Nullable LocalDate registeredOn) {}

    /**
     * The income year an export writes by default: the latest year recorded for a household of the area, else last
     * year (the calendar year of the annual check, policy.md §2).
     */
    int defaultYear(AreaScope area) {
        ScopeRange r = ScopeRange.of(area);
        Integer y = jdbc.sql("""
                select max(i.year) from household_income i join household h on h.id = i.household_id
                 where h.village_code between :lo and :hi""")
                .param("lo", r.lo()).param("hi", r.hi()).query(Integer.class).optional().orElse(null);
        return y != null ? y : LocalDate.now(clock).getYear() - 1;
    }

    /**
     * 数据日期: the day the file's figures stand for. The registry import takes its year as the year of the income
     * columns, so it is the last day of the exported income year, or today for this year's incomes.
     */
    LocalDate dataDate(int year) {
        LocalDate today = LocalDate.now(clock);
        return year >= today.getYear() ? today : LocalDate.of(year, 12, 31);
    }

    /**
     * Writes the list of every household in {@code area} (already checked to lie in the caller's scope), with the
     * income of {@code year}.
     */
    Counts write(AreaScope area, boolean full, int year, OutputStream out) throws IOException {
        return write(area, full, year, out, Progress.NONE);
    }

    /** What a background export reports while it writes: the persons it will write, then those written so far. */
    interface Progress {
        Progress NONE = new Progress() {
            @Override public void total(long persons) { }
            @Override public void written(long persons) { }
        };

        void total(long persons);

        /** After each chunk of households. */
        void written(long persons);
    }

    /** As {@link #write(AreaScope, boolean, int, OutputStream)}, telling {@code progress} how far it is. */
    Counts write(AreaScope area, boolean full, int year, OutputStream out, Progress progress) throws IOException {
        List<PersonListColumn> columns = PersonListColumn.layout();
        // the national layout is Chinese whatever the reader's language; its importers (ours and the national
        // system's) find the header by its column names, below the title lines real files carry (national-export.md)
        java.util.Locale zh = java.util.Locale.SIMPLIFIED_CHINESE;
        String what = messages.getMessage("registry.national.sheet", null, zh);
        ExcelExports.Heading h = exports.heading(areas.pathName(area.areaCode()), what, LocalDate.now(clock), zh)
                .with(messages.getMessage("registry.national.year", null, zh), year)
                .with(messages.getMessage("xlsx.fullIds", null, zh), messages.getMessage(full ? "xlsx.fullIds.yes"
                        : "xlsx.fullIds.no", null, zh));
        try (XlsxWriter x = XlsxWriter.titled(what, exports.lines(h, zh), columns.stream().map(PersonListColumn::header).toList(), full)) {
            Counts c = snapshot.execute(s -> {
                if (progress != Progress.NONE) progress.total(persons(area));
                Counts n = rows(area, full, year, columns, x, progress);
                audit.record(AuditAction.EXPORT, null, null, area.areaCode(), List.of(),
                        "national person list; area=" + area.areaCode() + "; " + n.households() + " households, "
                                + n.persons() + " persons; income year " + year + "; " + (full ? "id numbers and phones in full" : "masked"));
                return n;
            });
            x.writeTo(out);
            return c;
        }
    }

    /** The rows the file will have: active members of the area (in the export's snapshot, so the count is exact). */
    long persons(AreaScope area) {
        ScopeRange r = ScopeRange.of(area);
        return jdbc.sql("""
                select count(*) from member m join household h on h.id = m.household_id
                 where h.village_code between :lo and :hi and m.status = 'ACTIVE'""")
                .param("lo", r.lo()).param("hi", r.hi()).query(Long.class).single();
    }

    private Counts rows(AreaScope area, boolean full, int year, List<PersonListColumn> columns, XlsxWriter x,
                        Progress progress) {
        ScopeRange r = ScopeRange.of(area);
        LocalDate dataDate = dataDate(year);
        Map<String, String[]> places = new HashMap<>();
        HouseholdCasesApi casework = cases.getIfAvailable();
        String lastVillage = "";
        String lastNo = "";
        long households = 0;
        long persons = 0;
        int rowNo = 0;
        while (true) {
            List<Household> chunk = jdbc.sql("""
                    select id, household_no, village_code, area_edition_id, village_group, formerly_poor, phone_enc,
                           unsafe_house, safe_water, registered_on
                      from household
                     where village_code between :lo and :hi and (village_code, household_no) > (:v, :no)
                     order by village_code, household_no limit :n""")
                    .param("lo", r.lo()).param("hi", r.hi()).param("v", lastVillage).param("no", lastNo).param("n", this.chunk)
                    .query((rs, i) -> new Household(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getBoolean(6), rs.getBytes(7), rs.getObject(8, Boolean.class),
                            rs.getObject(9, Boolean.class), rs.getObject(10, LocalDate.class)))
                    .list();
            if (chunk.isEmpty()) break;
            Long[] ids = chunk.stream().map(Household::id).toArray(Long[]::new);
            Map<Long, List<Person>> members = new HashMap<>();
            jdbc.sql("""
                    select household_id, id_number_enc, name, relation, labour_capacity, health_enc, schooling_stage,
                           person_no, ethnic_group, education, months_in_work, serious_illness_insurance, main_cause,
                           phone_enc, registered_on
                      from member where household_id = any(:ids) and status = 'ACTIVE'
                     order by household_id, case relation when 'HEAD' then 0 when 'SPOUSE' then 1 else 2 end, birth_date, id""")
                    .param("ids", ids)
                    .query(rs -> {
                        members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Person(rs.getLong(1),
                                rs.getBytes(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBytes(6),
                                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getObject(11, Integer.class), rs.getObject(12, Boolean.class), rs.getString(13),
                                rs.getBytes(14), rs.getObject(15, LocalDate.class)));
                    });
            Map<Long, Views.Income> incomes = new HashMap<>();
            jdbc.sql("""
                    select household_id, year, wages, business, property, transfers, production_costs, eligible_out_of_pocket,
                           per_capita, itemised, claims
                      from household_income where household_id = any(:ids) and year = :y""")
                    .param("ids", ids).param("y", year)
                    .query(rs -> {
                        incomes.put(rs.getLong(1), new Views.Income(rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                                rs.getBigDecimal(9), rs.getBoolean(10), rs.getBigDecimal(11)));
                    });
            Map<Long, HouseholdCasesApi.Monitoring> monitoring = casework == null ? Map.of()
                    : casework.monitoringOf(List.of(ids), full);
            for (Household h : chunk) {
                List<Person> ps = members.getOrDefault(h.id(), List.of());
                if (ps.isEmpty()) continue;
                households++;
                String[] place = places.computeIfAbsent(h.edition() + ":" + h.village(), k -> place(h.edition(), h.village()));
                Views.Income income = incomes.get(h.id());
                String phone = h.phone() == null ? null : pd.open(h.phone());
                if (phone != null && !full) phone = PersonalDataApi.maskPhone(phone);
                HouseholdCasesApi.Monitoring m = monitoring.get(h.id());
                for (Person p : ps) {
                    persons++;
                    int n = ++rowNo;
                    List<Object> row = new ArrayList<>(columns.size());
                    for (PersonListColumn c : columns) row.add(cell(c, n, dataDate, place, h, ps.size(), p, income, phone, m, full));
                    x.row(row);
                }
            }
            progress.written(persons);
            Household last = chunk.get(chunk.size() - 1);
            lastVillage = last.village();
            lastNo = last.no();
        }
        return new Counts(households, persons);
    }

    /** County, township and village names of a village (the village as people say it, without 村民委员会). */
    private String[] place(int edition, String village) {
        List<AreaInfo> path = areas.path(edition, village);
        String county = "", township = "", name = village;
        for (AreaInfo a : path) {
            switch (a.level()) {
                case COUNTY -> county = a.name();
                case TOWNSHIP -> township = a.name();
                case VILLAGE -> name = a.shortName();
                default -> { }
            }
        }
        return new String[] {county, township, name};
    }

    private @Nullable Object cell(PersonListColumn c, int rowNo, LocalDate dataDate, String[] place, Household h, int size,
                                  Person p, Views.@Nullable Income income, @Nullable String phone,
                                  HouseholdCasesApi.@Nullable Monitoring m, boolean full) {
        return switch (c) {
            case ROW_NO -> rowNo;
            case EXPORT_DATE -> dataDate;
            case COUNTY -> place[0];
            case TOWNSHIP -> place[1];
            case VILLAGE -> place[2];
            case VILLAGE_GROUP -> h.group();
            case HOUSEHOLD_NO -> h.no();
            case NAME -> p.name();
            case ID_NUMBER -> full ? pd.open(p.id()) : IdNumber.mask(pd.open(p.id()));
            case HOUSEHOLD_SIZE -> size;
            case RELATION -> PersonListColumn.relationWord(Relation.valueOf(p.relation()));
            case SCHOOLING -> PersonListColumn.schoolingWord(SchoolingStage.valueOf(p.schooling()));
            case HEALTH -> full ? PersonListColumn.healthWord(pd.openHealth(p.health()).status()) : null;
            case LABOUR -> PersonListColumn.labourWord(LabourCapacity.valueOf(p.labour()));
            case INCOME_PER_CAPITA -> income == null ? null : IncomeFigures.of(income, size, null).perCapita();
            case CLAIMS -> income == null ? null : income.claims();
            case HOUSEHOLD_PHONE -> phone;
            case PERSON_NO -> p.personNo();
            case ETHNIC_GROUP -> p.ethnicGroup();
            case EDUCATION -> p.education();
            case MONTHS_IN_WORK -> p.monthsInWork();
            case SERIOUS_ILLNESS_INSURANCE -> p.insured() == null ? null : PersonListColumn.yesNoWord(p.insured());
            case MAIN_CAUSE -> p.mainCause();
            case MEMBER_PHONE -> p.phone() == null ? null
                    : full ? pd.open(p.phone()) : PersonalDataApi.maskPhone(pd.open(p.phone()));
            case PERSON_REGISTERED -> p.registeredOn();
            case UNSAFE_HOUSE -> h.unsafeHouse() == null ? null : PersonListColumn.yesNoWord(h.unsafeHouse());
            case SAFE_WATER -> h.safeWater() == null ? null : PersonListColumn.yesNoWord(h.safeWater());
            case HOUSEHOLD_REGISTERED -> h.registeredOn();
            case HOUSEHOLD_TYPE -> PersonListColumn.householdTypeWord(h.poor());
            case WAGES -> items(income) ? income.wages() : null;
            case BUSINESS -> items(income) ? income.business() : null;
            case PROPERTY -> items(income) ? income.property() : null;
            case TRANSFERS -> items(income) ? income.transfers() : null;
            case PRODUCTION_COSTS -> items(income) ? income.productionCosts() : null;
            case OUT_OF_POCKET -> items(income) ? income.eligibleOutOfPocket() : null;
            case MONITORING_CATEGORY -> m == null ? null : categoryWord(m.categoryCode());
            case RISK_ELIMINATED -> m == null ? null : PersonListColumn.yesNoWord(m.eliminated());
            case RISK_IDENTIFIED -> m == null ? null : java.time.YearMonth.from(m.identifiedOn()).toString();
            case RISK_ELIMINATED_MONTH -> m == null || m.eliminatedMonth() == null ? null : m.eliminatedMonth().toString();
            case RISK_1, RISK_2, RISK_3, RISK_4, RISK_5 -> m == null ? null : risk(m, PersonListColumn.riskColumns().indexOf(c));
            case DISASTER_SUBTYPE -> m == null || m.disasterSubtype() == null ? null : disasterWord(m.disasterSubtype());
            case OFFICER -> m == null ? null : m.officerName();
            case OFFICER_UNIT -> m == null ? null : m.officerUnit();
            case OFFICER_PHONE -> m == null || m.officerPhone() == null || m.officerPhone().isEmpty() ? null : m.officerPhone();
            default -> c.measureGroup() != null ? measures(m, c.measureGroup()) : null;
        };
    }

    /** Whether the year's items are written: a per-capita-only year leaves them empty, as the file it came from did. */
    private static boolean items(Views.@Nullable Income income) {
        return income != null && income.itemised();
    }

    private static @Nullable String risk(HouseholdCasesApi.Monitoring m, int i) {
        if (i >= m.riskTypes().size()) return null;
        String code = m.riskTypes().get(i);
        try {
            return PersonListColumn.riskWord(RiskType.valueOf(code));
        } catch (IllegalArgumentException e) {
            return code; // a risk type an administrator added: no national word for it
        }
    }

    private static String categoryWord(String code) {
        try {
            return PersonListColumn.categoryWord(MonitoringCategory.valueOf(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String disasterWord(String code) {
        try {
            return cn.shouwang.core.casework.DisasterSubtype.valueOf(code).chinese();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** The measures of a group, in the order planned, one cell (separated by semicolons). */
    private static @Nullable String measures(HouseholdCasesApi.@Nullable Monitoring m, MeasureGroup group) {
        if (m == null) return null;
        List<String> ds = m.measures().get(group.name());
        return ds == null || ds.isEmpty() ? null : String.join(";", ds);
    }
}
