package cn.shouwang.server.household.imports;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.audit.AuditApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The preview's lists, a page at a time, already in words: problems, households and persons by what applying does. */
@Component
class PreviewPages {
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final AreaApi areas;
    private final IncomeImports incomes;

    PreviewPages(JdbcClient jdbc, MessageSource messages, AreaApi areas, IncomeImports incomes) {
        this.incomes = incomes;
        this.jdbc = jdbc;
        this.messages = messages;
        this.areas = areas;
    }

    /** The lists the preview offers, each with its count key. */
    enum Kind {
        problems("problemRows"), householdsNew("householdsNew"), householdsChanged("householdsChanged"),
        householdsUnchanged("householdsUnchanged"), householdsMissing("householdsMissing"), personsNew("personsNew"),
        personsChanged("personsChanged"), personsMoved("personsMoved"), personsMissing("personsMissing"),
        // an income file's lists (收入导入)
        incomesNew("incomesNew"), incomesChanged("incomesChanged"), incomesUnchanged("incomesUnchanged");

        final String countKey;

        Kind(String countKey) {
            this.countKey = countKey;
        }

        public String countKey() { return countKey; }

        /** The lists of an import of this kind. */
        static List<Kind> of(ImportStore.Kind kind) {
            return kind == ImportStore.Kind.INCOMES ? List.of(problems, incomesNew, incomesChanged, incomesUnchanged)
                    : List.of(problems, householdsNew, householdsChanged, householdsUnchanged, householdsMissing, personsNew,
                            personsChanged, personsMoved, personsMissing);
        }
    }

    /** One line of a list: where (file line or household number), who, and the details in words. */
    record Line(String where, String who, String village, List<String> details, boolean error) {}

    record Page(List<Line> lines, long total) {}

    Page page(long id, Kind kind, AreaScope scope, int page, int size, Locale locale) {
        int offset = (page - 1) * size;
        List<Line> out = new ArrayList<>();
        long total;
        switch (kind) {
            case problems -> {
                total = jdbc.sql("select count(*) from import_problem where import_id = :i").param("i", id).query(Long.class).single();
                jdbc.sql("""
                        select sheet, line, column_name, code, args, error from import_problem where import_id = :i
                         order by sheet, line, error desc limit :l offset :o""")
                        .param("i", id).param("l", size).param("o", offset)
                        .query(rs -> {
                            String where = messages.getMessage("registry.import.where",
                                    new Object[] {rs.getString(1), rs.getInt(2)}, locale);
                            out.add(new Line(where, "", "", List.of(Problems.text(messages, rs.getString(3), rs.getString(4),
                                    (Object[]) rs.getArray(5).getArray(), locale)), rs.getBoolean(6)));
                        });
            }
            case householdsNew, householdsChanged, householdsUnchanged -> {
                String status = kind == Kind.householdsNew ? "NEW" : kind == Kind.householdsChanged ? "CHANGED" : "UNCHANGED";
                String from = """
                        from (select distinct on (hh_key) hh_key, household_no, village_code, hh_changes, sheet, line, seq
                                from import_person where import_id = :i and ok and hh_status = :s order by hh_key, seq) f""";
                total = jdbc.sql("select count(*) " + from).param("i", id).param("s", status).query(Long.class).single();
                jdbc.sql("""
                        select f.household_no, f.village_code, f.hh_changes::text, f.sheet, f.line,
                               (select o.name from import_person o where o.import_id = :i and o.hh_key = f.hh_key and o.relation = 'HEAD' limit 1),
                               (select count(*) from import_person o where o.import_id = :i and o.hh_key = f.hh_key)
                        """ + from + " order by f.seq limit :l offset :o")
                        .param("i", id).param("s", status).param("l", size).param("o", offset)
                        .query(rs -> {
                            List<String> details = new ArrayList<>();
                            details.add(messages.getMessage("registry.import.persons", new Object[] {rs.getLong(7)}, locale));
                            for (AuditApi.Change c : JsonChanges.parse(rs.getString(3))) details.add(change(c, locale));
                            String no = rs.getString(1) == null ? messages.getMessage("registry.import.noNumber", null, locale) : rs.getString(1);
                            out.add(new Line(messages.getMessage("registry.import.where", new Object[] {rs.getString(4), rs.getInt(5)}, locale),
                                    no + " " + nz(rs.getString(6)), rs.getString(2), details, false));
                        });
            }
            case personsNew, personsChanged, personsMoved -> {
                String status = kind == Kind.personsNew ? "NEW" : kind == Kind.personsChanged ? "CHANGED" : "MOVED";
                total = jdbc.sql("select count(*) from import_person where import_id = :i and ok and person_status = :s")
                        .param("i", id).param("s", status).query(Long.class).single();
                jdbc.sql("""
                        select sheet, line, name, household_no, village_code, person_changes::text, moved_from, relation
                          from import_person where import_id = :i and ok and person_status = :s order by seq limit :l offset :o""")
                        .param("i", id).param("s", status).param("l", size).param("o", offset)
                        .query(rs -> {
                            List<String> details = new ArrayList<>();
                            if (rs.getString(7) != null) {
                                details.add(messages.getMessage("registry.import.movedFrom", new Object[] {rs.getString(7), nz(rs.getString(4))}, locale));
                            }
                            for (AuditApi.Change c : JsonChanges.parse(rs.getString(6))) {
                                if (!c.field().equals("household")) details.add(change(c, locale));
                            }
                            if (rs.getString(8) != null && details.isEmpty()) {
                                details.add(messages.getMessage("registry.relation." + rs.getString(8), null, locale));
                            }
                            out.add(new Line(messages.getMessage("registry.import.where", new Object[] {rs.getString(1), rs.getInt(2)}, locale),
                                    nz(rs.getString(3)) + (rs.getString(4) == null ? "" : " (" + rs.getString(4) + ")"), rs.getString(5), details, false));
                        });
            }
            case householdsMissing -> {
                String lo = Classifier.lowOf(scope);
                String hi = Classifier.highOf(scope);
                total = jdbc.sql(Classifier.MISSING_HOUSEHOLDS_COUNT.formatted(lo, hi)).param("i", id).query(Long.class).single();
                jdbc.sql("select h.household_no, h.village_code, (select m.name from member m where m.household_id = h.id "
                                + "and m.relation = 'HEAD' and m.status = 'ACTIVE') "
                                + Classifier.MISSING_HOUSEHOLDS.formatted(lo, hi) + " order by h.household_no limit :l offset :o")
                        .param("i", id).param("l", size).param("o", offset)
                        .query(rs -> {
                            out.add(new Line("", rs.getString(1) + " " + nz(rs.getString(3)), rs.getString(2), List.of(), false));
                        });
            }
            case personsMissing -> {
                total = jdbc.sql(Classifier.MISSING_PERSONS_COUNT).param("i", id).query(Long.class).single();
                jdbc.sql("select m.name, h.household_no, h.village_code, m.relation " + Classifier.MISSING_PERSONS
                                + " order by h.household_no, m.id limit :l offset :o")
                        .param("i", id).param("l", size).param("o", offset)
                        .query(rs -> {
                            out.add(new Line("", rs.getString(1) + " (" + rs.getString(2) + ")", rs.getString(3),
                                    List.of(messages.getMessage("registry.relation." + rs.getString(4), null, locale)), false));
                        });
            }
            case incomesNew, incomesChanged, incomesUnchanged -> {
                String status = kind == Kind.incomesNew ? "NEW" : kind == Kind.incomesChanged ? "CHANGED" : "UNCHANGED";
                total = incomes.count(id, status);
                for (IncomeImports.Row r : incomes.rows(id, status, size, offset)) {
                    List<String> details = new ArrayList<>();
                    details.add(messages.getMessage("registry.history.incomeYear", new Object[] {String.valueOf(r.year())}, locale));
                    if (kind != Kind.incomesUnchanged) {
                        for (AuditApi.Change c : JsonChanges.parse(r.changes())) details.add(change(c, locale));
                    }
                    out.add(new Line(messages.getMessage("registry.import.where", new Object[] {r.sheet(), r.line()}, locale),
                            r.householdNo() + " " + nz(r.head()), r.village(), details, false));
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return new Page(villageNames(out), total);
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** The village codes of a page as names (one query). */
    private List<Line> villageNames(List<Line> lines) {
        Set<String> codes = new HashSet<>();
        for (Line l : lines) if (l.village() != null && !l.village().isBlank()) codes.add(l.village());
        if (codes.isEmpty()) return lines;
        int edition = areas.currentEdition().map(e -> e.id()).orElse(0);
        Map<String, String> names = areas.names(edition, codes);
        return lines.stream().map(l -> new Line(l.where(), l.who(), l.village() == null ? "" : names.getOrDefault(l.village(), l.village()),
                l.details(), l.error())).toList();
    }

    /** One change in words: 与户主关系：之子 → 户主. */
    String change(AuditApi.Change c, Locale locale) {
        String field = messages.getMessage("registry.field." + c.field(), null, c.field(), locale);
        if (c.field().equals("health")) return messages.getMessage("registry.history.changeHidden", new Object[] {field}, locale);
        String dash = "\u2014";
        return messages.getMessage("registry.history.change", new Object[] {field, value(c.field(), c.old(), locale, dash),
                value(c.field(), c.now(), locale, dash)}, locale);
    }

    private String value(String field, @Nullable String v, Locale locale, String dash) {
        if (v == null) return dash;
        String prefix = switch (field) {
            case "relation" -> "registry.relation.";
            case "labourCapacity" -> "registry.labour.";
            case "schoolingStage" -> "registry.schooling.";
            default -> null;
        };
        if (prefix != null) return messages.getMessage(prefix + v, null, v, locale);
        if (v.equals("true") || v.equals("false")) return messages.getMessage("registry.import.bool." + v, null, v, locale);
        if (field.equals("village") && v.length() == 12) {
            int edition = areas.currentEdition().map(e -> e.id()).orElse(0);
            return areas.names(edition, List.of(v)).getOrDefault(v, v);
        }
        return v;
    }
}
