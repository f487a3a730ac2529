package cn.shouwang.server.casework.quality;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.core.casework.DataQualityRule;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.shared.AreaNamesView;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 数据质量: the policy §6 findings of the monitored households in the area in view, counted per rule and per child
 * area (township or village), listed with a link to each household's page to fix it.
 */
@Controller
class QualityController {
    private static final int[] LEVEL_LENGTHS = {2, 4, 6, 9, 12};
    private final ExcelExports exports;
    private final DataQualityStore store;
    private final CaseworkSettingsStore config;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;

    QualityController(DataQualityStore store, CaseworkSettingsStore config, AreaApi areas, AuditApi audit,
                      MessageSource messages, ExcelExports exports) {
        this.exports = exports;
        this.store = store;
        this.config = config;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
    }

    /** A finding with its village's and child area's names, as the list shows it. */
    record Row(DataQualityRule rule, long householdId, String householdNo, String headName, String villageCode,
               String villageName, String childCode, @Nullable LocalDate since) {}

    /** The filters: a rule, a child area inside the view scope, the sort. Unknown values are ignored. */
    record Filter(@Nullable DataQualityRule rule, @Nullable String area, String sort, String dir) {}

    static Filter filter(@Nullable String rule, @Nullable String area, @Nullable String sort, @Nullable String dir) {
        DataQualityRule r = null;
        try {
            if (rule != null && !rule.isBlank()) r = DataQualityRule.valueOf(rule);
        } catch (IllegalArgumentException e) {
            r = null;
        }
        String a = area != null && AreaScope.isAreaCode(area) && CurrentUsers.viewScope().covers(area) ? area : null;
        String s = sort != null && List.of("village", "head", "rule", "since").contains(sort) ? sort : "village";
        return new Filter(r, a, s, "desc".equals(dir) ? "desc" : "asc");
    }

    /** The child area of the view scope a village lies in (the village itself when the scope is a village). */
    static String child(AreaScope scope, String villageCode) {
        int level = scope.level();
        int len = LEVEL_LENGTHS[Math.min(level, LEVEL_LENGTHS.length - 1)];
        return (villageCode.substring(0, len) + "000000000000").substring(0, 12);
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private List<Row> rows(AreaScope scope) {
        // the names of all villages of the scope in one query (a county has a few hundred), not one query per village
        Map<String, String> names = new java.util.HashMap<>();
        for (AreaInfo v : areas.villages(scope.prefix(), 100_000)) names.put(v.code(), v.name());
        List<Row> rows = new ArrayList<>();
        for (DataQualityStore.Finding f : store.findings(scope, config.today())) {
            String child = child(scope, f.villageCode());
            rows.add(new Row(f.rule(), f.householdId(), f.householdNo(), f.headName(), f.villageCode(),
                    names.computeIfAbsent(f.villageCode(), this::name), child, f.since()));
        }
        return rows;
    }

    private static Predicate<Row> byRule(Filter f) {
        return r -> f.rule() == null || r.rule() == f.rule();
    }

    private static Predicate<Row> byArea(Filter f) {
        return r -> f.area() == null || new AreaScope(f.area()).covers(r.villageCode());
    }

    static Comparator<Row> order(Filter f) {
        Comparator<Row> village = Comparator.comparing(Row::villageCode).thenComparing(Row::householdNo);
        Comparator<Row> c = switch (f.sort()) {
            case "head" -> Comparator.comparing(Row::headName).thenComparing(village);
            case "rule" -> Comparator.comparing(Row::rule).thenComparing(village);
            case "since" -> Comparator.comparing(Row::since, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(village);
            default -> village.thenComparing(Row::rule);
        };
        return "desc".equals(f.dir()) ? c.reversed() : c;
    }

    /** What the filters show, in order. */
    List<Row> shown(List<Row> all, Filter f) {
        return all.stream().filter(byRule(f)).filter(byArea(f)).sorted(order(f)).toList();
    }

    @GetMapping("/quality")
    String list(@RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable String area,
                @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable String dir,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        Filter f = filter(rule, area, sort, dir);
        List<Row> all = rows(scope);
        // counts per rule within the area chosen, per child area within the rule chosen
        Map<DataQualityRule, Integer> perRule = new EnumMap<>(DataQualityRule.class);
        for (DataQualityRule r : DataQualityRule.values()) perRule.put(r, 0);
        all.stream().filter(byArea(f)).forEach(r -> perRule.merge(r.rule(), 1, Integer::sum));
        Map<String, Integer> perChild = new TreeMap<>();
        all.stream().filter(byRule(f)).forEach(r -> perChild.merge(r.childCode(), 1, Integer::sum));
        List<Map.Entry<String, Integer>> children = new ArrayList<>();
        for (var e : perChild.entrySet()) children.add(Map.entry(e.getKey(), e.getValue()));
        List<Row> shown = shown(all, f);
        int p = Forms.page(page);
        int s = Forms.size(size);
        int total = shown.size();
        int from = Math.min(total, (p - 1) * s);
        model.addAttribute("rows", shown.subList(from, Math.min(total, from + s)));
        model.addAttribute("households", shown.stream().mapToLong(Row::householdId).distinct().count());
        Forms.paging(model, p, s, total);
        model.addAttribute("perRule", perRule);
        model.addAttribute("children", children);
        model.addAttribute("childNames", new AreaNamesView(this::name));
        model.addAttribute("filter", f);
        model.addAttribute("rules", DataQualityRule.values());
        model.addAttribute("showChildren", scope.level() < 5);
        return "casework/quality";
    }

    @GetMapping("/quality/export")
    void export(@RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable String area,
                @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable String dir,
                HttpServletResponse response) throws IOException {
        AreaScope scope = CurrentUsers.viewScope();
        Filter f = filter(rule, area, sort, dir);
        List<Row> shown = shown(rows(scope), f);
        audit.record(AuditAction.EXPORT, null, null, f.area() == null ? scope.areaCode() : f.area(), List.of(),
                "data quality" + (f.rule() == null ? "" : " " + f.rule()) + " (" + shown.size() + ")");
        Locale l = LocaleContextHolder.getLocale();
        List<String> headers = List.of(msg("casework.village", l), msg("casework.householdNo", l),
                msg("casework.headName", l), msg("casework.dq.rule", l), msg("casework.dq.since", l));
        String where = f.area() == null ? scope.areaCode() : f.area();
        ExcelExports.Heading h = exports.heading(areas.pathName(where), msg("casework.dq.listTitle", l), exports.today())
                .with(msg("casework.dq.rule", l), f.rule() == null ? exports.any() : msg("casework.dq." + f.rule().name(), l));
        exports.send(response, h, headers, sink -> {
            for (Row r : shown) {
                sink.accept(java.util.Arrays.asList(r.villageName(), r.householdNo(), r.headName(),
                        msg("casework.dq." + r.rule().name(), l), r.since()));
            }
        });
    }

    private String msg(String key, Locale l) {
        return messages.getMessage(key, null, key, l);
    }
}
