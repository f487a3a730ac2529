package cn.shouwang.server.socialassistance.civillist;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.SheetCell;
import cn.shouwang.screening.feed.Sheets;
import cn.shouwang.screening.feed.UnreadableSheetException;
import cn.shouwang.screening.feed.XlsxLimitException;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.socialassistance.Kinds.GrantKind;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.Kinds.LayerSource;
import cn.shouwang.server.socialassistance.registry.LowIncomeLayerStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Import of the civil-affairs list (民政低收入人口名单): CSV in UTF-8 or GB18030, .xlsx or .xls, read by the product's one
 * spreadsheet reader ({@link Sheets}, the library the registry import and the comparison use: charset detection,
 * cells stored as numbers told apart). Title lines above the header are skipped (the header is the first line naming
 * the id-number column). Columns: id number, name, layer, assistance kind, amount, start.
 *
 * <p>Atomic: one problem anywhere and nothing of the file is kept but its problems (file, sheet, line, column, in
 * words); otherwise the file replaces the area's earlier list in one transaction, and each person registered in the
 * area gets the layer the list gives (source 民政部门名单) unless the household or member holds it already.
 * People not registered in the area are kept on the list (the reconciliation shows them), never added to the registry.
 */
@Service
public class CivilListImport {
    private static final String[] COLUMNS = {"idNumber", "name", "layer", "kind", "amount", "start"};
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile(
            "(\\d{4})\\s*[-/.\\u5e74]\\s*(\\d{1,2})(?:\\s*[-/.\\u6708]\\s*(\\d{1,2})\\s*\\u65e5?)?\\s*\\u6708?");
    private static final java.util.regex.Pattern COMPACT = java.util.regex.Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private final CivilListStore store;
    private final LowIncomeLayerStore layers;
    private final HouseholdApi households;
    private final PersonalDataApi personalData;
    private final AuditApi audit;
    private final MessageSource messages;
    private final java.time.Clock clock;

    CivilListImport(CivilListStore store, LowIncomeLayerStore layers, HouseholdApi households, PersonalDataApi personalData,
                    AuditApi audit, MessageSource messages, java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.layers = layers;
        this.households = households;
        this.personalData = personalData;
        this.audit = audit;
        this.messages = messages;
    }

    public record Result(long importId, boolean accepted, int rows, int matched, int layersAdded,
                         List<CivilListStore.Problem> problems) {}

    private record Parsed(String sheet, int line, IdNumber id, String name, Layer layer, @Nullable GrantKind kind,
                          @Nullable BigDecimal amount, @Nullable LocalDate start) {}

    /** Reads the file and imports it whole or not at all; {@code area} is the importing user's area. */
    @Transactional
    public Result importFile(Path file, String fileName, AreaScope area, @Nullable Long by, Locale locale) {
        List<CivilListStore.Problem> problems = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        Reader reader = new Reader(fileName, locale, problems, parsed);
        try {
            Sheets.read(file, fileName, reader);
        } catch (UnreadableSheetException | XlsxLimitException e) {
            problems.add(new CivilListStore.Problem("", 0, "", msg(locale, "socialassistance.civil.problem.unreadable", fileName)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!reader.headerSeen && problems.isEmpty()) {
            problems.add(new CivilListStore.Problem("", 0, "", msg(locale, "socialassistance.civil.problem.noHeader", fileName,
                    msg(locale, "socialassistance.civil.column.idNumber"))));
        }
        if (reader.headerSeen && parsed.isEmpty() && problems.isEmpty()) {
            problems.add(new CivilListStore.Problem("", 0, "", msg(locale, "socialassistance.civil.problem.empty", fileName)));
        }
        if (!problems.isEmpty()) {
            long id = store.newImport(area.areaCode(), fileName, "REFUSED", parsed.size() + problems.size(), 0, by);
            store.problems(id, problems);
            audit.record(AuditAction.SOCIAL_CIVIL_LIST_IMPORT, null, null, area.areaCode(), List.of(),
                    "refused " + fileName + ": " + problems.size() + " problems");
            return new Result(id, false, 0, 0, 0, problems);
        }
        // who is registered in the area, one lookup by id number each (the index on the id-number hash)
        Map<Integer, Views.Member> members = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            int index = i;
            households.findMember(parsed.get(i).id(), area).ifPresent(m -> members.put(index, m));
        }
        Map<Long, HouseholdApi.Ref> refs = households.refs(members.values().stream().map(Views.Member::householdId)
                .distinct().toList(), area);
        store.clear(area);
        long importId = store.newImport(area.areaCode(), fileName, "ACCEPTED", parsed.size(), members.size(), by);
        int layersAdded = 0;
        List<AuditApi.Bulk> bulk = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            Parsed p = parsed.get(i);
            Views.Member m = members.get(i);
            HouseholdApi.Ref ref = m == null ? null : refs.get(m.householdId());
            String where = ref == null ? area.areaCode() : ref.villageCode();
            store.insert(importId, where, p.line(), personalData.idNumberHash(p.id()), personalData.seal(p.id().value()),
                    p.name(), p.layer().name(), p.kind() == null ? null : p.kind().name(), p.amount(), p.start(),
                    ref == null ? null : ref.id(), ref == null ? null : m.id());
            if (ref != null && p.layer().stored() && !layers.hasOpen(ref.id(), m.id(), p.layer())) {
                long layerId = layers.insert(ref.id(), m.id(), ref.villageCode(), p.layer(), LayerSource.CIVIL_AFFAIRS,
                        p.start() == null ? LocalDate.now(clock) : p.start(), null, "", importId, by);
                layersAdded++;
                bulk.add(new AuditApi.Bulk(ref.id(), m.id(), ref.villageCode(),
                        List.of(new AuditApi.Change("layer", null, p.layer().name()),
                                new AuditApi.Change("source", null, LayerSource.CIVIL_AFFAIRS.name())), "layer-" + layerId));
            }
        }
        if (!bulk.isEmpty()) audit.recordAll(AuditAction.SOCIAL_LAYER_ADD, bulk);
        audit.record(AuditAction.SOCIAL_CIVIL_LIST_IMPORT, null, null, area.areaCode(), List.of(),
                "accepted " + fileName + ": " + parsed.size() + " rows, " + members.size() + " registered, "
                        + layersAdded + " layers added");
        return new Result(importId, true, parsed.size(), members.size(), layersAdded, List.of());
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** The rows as the reader hands them over: header found, then each row parsed or its problems noted. */
    private final class Reader implements cn.shouwang.screening.feed.SheetRows {
        private final String fileName;
        private final Locale locale;
        private final List<CivilListStore.Problem> problems;
        private final List<Parsed> parsed;
        private final Map<String, Integer> columns = new HashMap<>();
        private final Set<String> seen = new HashSet<>();
        private final Map<Layer, List<String>> layerNames = new EnumMap<>(Layer.class);
        private final Map<GrantKind, List<String>> kindNames = new EnumMap<>(GrantKind.class);
        boolean headerSeen;
        private boolean headerInSheet;

        Reader(String fileName, Locale locale, List<CivilListStore.Problem> problems, List<Parsed> parsed) {
            this.fileName = fileName;
            this.locale = locale;
            this.problems = problems;
            this.parsed = parsed;
            for (Layer l : Layer.values()) layerNames.put(l, aliases("socialassistance.civil.alias.layer." + l, l.name()));
            for (GrantKind k : GrantKind.values()) kindNames.put(k, aliases("socialassistance.civil.alias.kind." + k, k.name()));
        }

        /** The names a file may give a code: the Chinese ones of the bundle, and the code itself. */
        private List<String> aliases(String key, String code) {
            List<String> out = new ArrayList<>();
            for (String a : messages.getMessage(key, null, "", Locale.SIMPLIFIED_CHINESE).split(",")) {
                if (!a.isBlank()) out.add(norm(a));
            }
            out.add(norm(code));
            return out;
        }

        private static String norm(String s) {
            return s.strip().replace(" ", "").replace("\u3000", "").toUpperCase(Locale.ROOT);
        }

        @Override
        public boolean sheet(String name) {
            headerInSheet = false;
            columns.clear();
            return true;
        }

        @Override
        public void row(String sheet, int line, List<SheetCell> cells) {
            if (!headerInSheet) {
                header(cells);
                return;
            }
            String[] v = new String[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                Integer i = columns.get(COLUMNS[c]);
                v[c] = i == null || i >= cells.size() ? "" : cells.get(i).text().strip();
            }
            if (String.join("", v).isBlank()) return;
            int before = problems.size();
            Integer idCol = columns.get("idNumber");
            SheetCell idCell = idCol < cells.size() ? cells.get(idCol) : SheetCell.BLANK;
            IdNumber id = null;
            if (idCell.digitsLost()) {
                problem(sheet, line, "idNumber", "socialassistance.civil.problem.idDigitsLost", idCell.text());
            } else if (v[0].isEmpty()) {
                problem(sheet, line, "idNumber", "socialassistance.civil.problem.required");
            } else {
                IdNumber.Problem p = IdNumber.problem(v[0]);
                if (p != null) problem(sheet, line, "idNumber", "socialassistance.civil.problem.idInvalid", p.chinese());
                else {
                    id = IdNumber.of(v[0]);
                    if (!seen.add(id.value())) problem(sheet, line, "idNumber", "socialassistance.civil.problem.idTwice");
                }
            }
            if (v[1].isEmpty()) problem(sheet, line, "name", "socialassistance.civil.problem.required");
            Layer layer = null;
            if (v[2].isEmpty()) problem(sheet, line, "layer", "socialassistance.civil.problem.required");
            else {
                layer = find(layerNames, v[2]);
                if (layer == null) problem(sheet, line, "layer", "socialassistance.civil.problem.unknownLayer", v[2]);
            }
            GrantKind kind = null;
            if (!v[3].isEmpty()) {
                kind = find(kindNames, v[3]);
                if (kind == null) problem(sheet, line, "kind", "socialassistance.civil.problem.unknownKind", v[3]);
            }
            BigDecimal amount = null;
            if (!v[4].isEmpty()) {
                amount = amount(v[4]);
                if (amount == null) problem(sheet, line, "amount", "socialassistance.civil.problem.amount", v[4]);
            }
            LocalDate start = null;
            if (!v[5].isEmpty()) {
                start = date(v[5]);
                if (start == null) problem(sheet, line, "start", "socialassistance.civil.problem.date", v[5]);
            }
            if (problems.size() == before) parsed.add(new Parsed(sheet, line, id, v[1], layer, kind, amount, start));
        }

        private void header(List<SheetCell> cells) {
            Map<String, Integer> found = new HashMap<>();
            for (String c : COLUMNS) {
                List<String> names = aliases("socialassistance.civil.header." + c, c);
                for (int i = 0; i < cells.size(); i++) {
                    if (names.contains(norm(cells.get(i).text()))) {
                        found.putIfAbsent(c, i);
                    }
                }
            }
            // a title line above the header names no id-number column: skipped
            if (!found.containsKey("idNumber")) return;
            headerInSheet = true;
            headerSeen = true;
            columns.putAll(found);
            for (String required : List.of("name", "layer")) {
                if (!found.containsKey(required)) {
                    problems.add(new CivilListStore.Problem("", 0, "", msg(locale, "socialassistance.civil.problem.noColumn",
                            fileName, msg(locale, "socialassistance.civil.column." + required))));
                    headerInSheet = false;
                }
            }
        }

        private <E extends Enum<E>> @Nullable E find(Map<E, List<String>> names, String text) {
            String n = norm(text);
            for (var e : names.entrySet()) if (e.getValue().contains(n)) return e.getKey();
            return null;
        }

        private void problem(String sheet, int line, String column, String key, Object... args) {
            Integer i = columns.get(column);
            String letter = i == null ? "" : letter(i);
            String where = msg(locale, "socialassistance.civil.problem.where", fileName, sheet, line, letter,
                    msg(locale, "socialassistance.civil.column." + column));
            problems.add(new CivilListStore.Problem(sheet, line, letter, where + msg(locale, key, args)));
        }
    }

    static String letter(int index) {
        StringBuilder b = new StringBuilder();
        int i = index;
        do {
            b.insert(0, (char) ('A' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return b.toString();
    }

    static @Nullable BigDecimal amount(String text) {
        String t = text.strip().replace(",", "").replace("\uff0c", "").replace("\u5143", "").strip();
        try {
            BigDecimal d = new BigDecimal(t);
            return d.signum() < 0 || d.scale() > 2 && d.stripTrailingZeros().scale() > 2 ? null : d.setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static @Nullable LocalDate date(String text) {
        String t = text.strip();
        try {
            Matcher m = DATE.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
            }
            m = COMPACT.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
