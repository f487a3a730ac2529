package cn.shouwang.server.casework.admin;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.ComparisonSetting;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.Scopes;
import cn.shouwang.server.casework.shared.StandardChanges;
import cn.shouwang.server.platform.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 系统管理 › 标准调整记录 ({@code /admin/standards/history}): who changed which standard of which region, when, why,
 * under which document, old → new, from which day, and whether it is in force, replaced or 待生效; for one region and
 * one standard or all an administrator may see (their region, those above it and those below it), paged, and
 * 导出Excel. Linked from 监测标准 and 比对规则与阈值.
 */
@Controller
@RequestMapping("/admin/standards/history")
class StandardHistoryController {
    private final ExcelExports exports;
    private final StandardHistory history;
    private final StandardWords words;
    private final AreaApi areas;
    private final CaseworkSettingsStore config;
    private final MessageSource messages;
    private final AuditApi audit;

    StandardHistoryController(StandardHistory history, StandardWords words, AreaApi areas, CaseworkSettingsStore config,
                              MessageSource messages, AuditApi audit, ExcelExports exports) {
        this.exports = exports;
        this.history = history;
        this.words = words;
        this.areas = areas;
        this.config = config;
        this.messages = messages;
        this.audit = audit;
    }

    /** A row in words: region name, standard name, old → new. */
    record Item(String areaName, String standard, String oldValue, String newValue, @Nullable LocalDate effectiveFrom,
                String reason, String document, String byName, String at, StandardHistory.Status status,
                java.time.OffsetDateTime changedAt) {}

    /** A region to choose: its name, indented below its parent. */
    record Choice(String code, String label) {}

    /** The standards to choose from: the income lines, the comparison settings, the categories. */
    record StandardChoice(String name, String label) {}

    private static CurrentUser requireAdmin() {
        CurrentUser me = CurrentUsers.require();
        if (!me.is(Role.ADMIN)) throw new AccessDeniedException("administrators only");
        return me;
    }

    private String t(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** The filter of the request, or not found when the region asked for is not one the administrator may see. */
    private StandardHistory.Filter filter(CurrentUser me, @Nullable String area, @Nullable String standard) {
        String mine = me.scope().areaCode();
        List<String> lineage = CaseworkSettingsStore.lineage(mine);
        String a = area == null || area.isBlank() ? null : area.strip();
        boolean province = false;
        if (a != null) {
            if (!a.matches("\\d{12}") || !(lineage.contains(a) || me.scope().covers(a))) throw new cn.shouwang.server.access.OutOfScopeException("region not in view");
            province = a.endsWith("0000000000");
        }
        String name = standard == null || standard.isBlank() ? null : standard.strip();
        if (name != null && !names().contains(name)) name = null;
        return new StandardHistory.Filter(lineage, Scopes.of(me.scope()), a, province, name);
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        n.add(StandardWords.INCOME_LINE);
        n.addAll(ComparisonSetting.KEYS);
        n.add(StandardChanges.CATEGORIES_OPEN);
        return n;
    }

    private Map<String, String> areaNames(List<StandardHistory.Row> rows, String province) {
        Set<String> codes = new HashSet<>();
        codes.add(province);
        for (StandardHistory.Row r : rows) if (r.areaCode() != null) codes.add(r.areaCode());
        return areas.currentEdition().map(e -> areas.names(e.id(), codes)).orElse(Map.of());
    }

    private List<Item> items(CurrentUser me, List<StandardHistory.Row> rows) {
        // province-wide values (no region code) are shown under the province's name
        String province = me.scope().areaCode().substring(0, 2) + "0000000000";
        Map<String, String> names = areaNames(rows, province);
        DateTimeFormatter at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        List<Item> out = new ArrayList<>();
        for (StandardHistory.Row r : rows) {
            String area = names.getOrDefault(r.areaCode() == null ? province : r.areaCode(),
                    t("standards.history.unknownArea"));
            out.add(new Item(area, words.standard(r.name(), r.year()),
                    r.oldValue() == null && r.effectiveFrom() == null ? "" : words.value(r.name(), r.oldValue()),
                    words.value(r.name(), r.value()), r.effectiveFrom(), r.reason() == null ? "" : r.reason(),
                    r.document() == null ? "" : r.document(), r.byName() == null ? "" : r.byName(),
                    r.at().atZoneSameInstant(java.time.ZoneId.systemDefault()).format(at), r.status(),
                    r.at()));
        }
        return out;
    }

    /** The regions the administrator may choose: those above their own, their own, and below it to counties. */
    private List<Choice> areaChoices(CurrentUser me) {
        List<Choice> out = new ArrayList<>();
        String mine = me.scope().areaCode();
        for (String c : CaseworkSettingsStore.lineage(mine)) {
            areas.find(c).filter(x -> x.level().depth() <= AreaLevel.COUNTY.depth())
                    .ifPresent(x -> out.add(new Choice(x.code(), indent(x) + x.name())));
        }
        if (me.scope().level() < AreaLevel.COUNTY.depth()) below(mine, out);
        return out;
    }

    private void below(String code, List<Choice> out) {
        for (AreaInfo c : areas.children(code)) {
            if (c.level().depth() > AreaLevel.COUNTY.depth()) return;
            out.add(new Choice(c.code(), indent(c) + c.name()));
            below(c.code(), out);
        }
    }

    private static String indent(AreaInfo a) {
        return "\u3000".repeat(Math.max(0, a.level().depth() - 1));
    }

    private List<StandardChoice> standardChoices() {
        List<StandardChoice> out = new ArrayList<>();
        out.add(new StandardChoice(StandardWords.INCOME_LINE, t("standards.name.incomeLines")));
        for (String k : ComparisonSetting.KEYS) out.add(new StandardChoice(k, words.standard(k, null)));
        out.add(new StandardChoice(StandardChanges.CATEGORIES_OPEN, words.standard(StandardChanges.CATEGORIES_OPEN, null)));
        return out;
    }

    @GetMapping
    String page(@RequestParam(required = false) String area, @RequestParam(required = false) String standard,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        CurrentUser me = requireAdmin();
        StandardHistory.Filter f = filter(me, area, standard);
        LocalDate today = config.today();
        int p = Paging.page(page);
        int s = Paging.size(size);
        long total = history.count(f, today);
        Paging.toModel(model, p, s, total);
        model.addAttribute("items", items(me, history.page(f, today, p, s)));
        model.addAttribute("area", f.area());
        model.addAttribute("standard", f.name());
        model.addAttribute("areaChoices", areaChoices(me));
        model.addAttribute("standardChoices", standardChoices());
        return "admin/casework/standard-history";
    }

    @GetMapping("/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String standard,
                HttpServletResponse response) throws IOException {
        CurrentUser me = requireAdmin();
        StandardHistory.Filter f = filter(me, area, standard);
        LocalDate today = config.today();
        List<StandardHistory.Row> rows = new ArrayList<>();
        history.each(f, today, rows::add); // a few rows per region and year: small
        List<Item> items = items(me, rows);
        audit.record(AuditAction.EXPORT, null, null, me.scope().areaCode(), List.of(),
                "standard history" + (f.area() == null ? "" : " " + f.area()) + (f.name() == null ? "" : " " + f.name()));
        List<String> headers = List.of(t("standards.history.area"), t("standards.history.standard"),
                t("standards.history.old"), t("standards.history.new"), t("admin.line.effectiveFrom"),
                t("standards.history.status"), t("admin.line.reason"), t("admin.line.document"),
                t("admin.line.changedBy"), t("admin.line.changedAt"));
        ExcelExports.Heading h = exports.heading(areas.pathName(f.area() == null ? me.scope().areaCode() : f.area()),
                t("standards.history.sheet"), today).with(t("standards.history.standard"), f.name() == null
                        ? exports.any() : f.name());
        exports.send(response, h, headers, sink -> {
            for (Item i : items) {
                List<Object> cells = new ArrayList<>(List.of(i.areaName(), i.standard(), i.oldValue(), i.newValue()));
                cells.add(i.effectiveFrom() == null ? t("admin.line.effectiveFrom.before") : i.effectiveFrom());
                cells.addAll(List.of(t("standards.history.status." + i.status()), i.reason(), i.document(), i.byName(),
                        i.changedAt()));
                sink.accept(cells);
            }
        });
    }

}
