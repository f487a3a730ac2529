package cn.shouwang.server.villagearchive.village;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.VillageFigures;
import cn.shouwang.server.villagearchive.ArchiveCodes;
import cn.shouwang.server.villagearchive.ArchiveRoles;
import cn.shouwang.server.villagearchive.ArchiveVillages;
import cn.shouwang.server.villagearchive.checklist.Checklist;
import cn.shouwang.server.villagearchive.documents.Documents;
import cn.shouwang.server.villagearchive.income.CollectiveIncomes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 一村一档: the villages of the area in view ({@code /villages}: 20 a page, search by name, the township to narrow to,
 * 导出Excel) and a village's page ({@code /villages/{code}}): its place, the core's figures (registry, monitored,
 * leads), the lines every module's {@link VillageFigures} gives, then its documents, the 九有六无 checklist and the
 * collective economy's income.
 */
@Controller
class VillageController {
    private static final Logger log = LoggerFactory.getLogger(VillageController.class);

    private final ExcelExports exports;
    private final VillageRows rows;
    private final AreaApi areas;
    private final ArchiveVillages villages;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final Documents documents;
    private final Checklist checklist;
    private final CollectiveIncomes incomes;
    private final ArchiveCodes codes;
    private final ObjectProvider<VillageFigures> figures;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Clock clock;

    VillageController(VillageRows rows, AreaApi areas, ArchiveVillages villages, HouseholdApi households,
                      CaseworkApi casework, Documents documents, Checklist checklist, CollectiveIncomes incomes,
                      ArchiveCodes codes, ObjectProvider<VillageFigures> figures, AuditApi audit,
                      MessageSource messages, Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.rows = rows;
        this.areas = areas;
        this.villages = villages;
        this.households = households;
        this.casework = casework;
        this.documents = documents;
        this.checklist = checklist;
        this.incomes = incomes;
        this.codes = codes;
        this.figures = figures;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    private CurrentUser reader() {
        CurrentUser me = CurrentUsers.require();
        ArchiveRoles.requireRead(me);
        return me;
    }

    private int year(@Nullable Integer year) {
        int now = LocalDate.now(clock).getYear();
        return year == null || year < 2000 || year > now + 1 ? now : year;
    }

    @GetMapping("/villages")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer year, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        CurrentUser me = reader();
        model.addAttribute("mayEditItems", ArchiveRoles.mayEditItems(me));
        AreaScope a = CurrentUsers.areaInView(area);
        int y = year(year);
        List<AreaInfo> all = rows.villages(a, q);
        int p = Paging.page(page);
        int z = Paging.size(size);
        Paging.toModel(model, p, z, all.size());
        int from = Math.min((p - 1) * z, all.size());
        List<AreaInfo> shown = all.subList(from, Math.min(from + z, all.size()));
        AreaScope view = CurrentUsers.viewScope();
        // the township to narrow to, for a county's view (the area selector does the rest)
        List<AreaInfo> townships = view.level() == 3 ? areas.children(view.areaCode()) : List.of();
        model.addAttribute("rows", rows.rows(shown, a, y))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("areaName", areas.find(a.areaCode()).map(AreaInfo::name).orElse(a.areaCode()))
                .addAttribute("townships", townships)
                .addAttribute("q", q == null ? "" : q.strip())
                .addAttribute("year", y)
                .addAttribute("years", years())
                .addAttribute("areaChecklist", checklist.areaCompleteness(all.stream().map(AreaInfo::code).toList(), a));
        return "villagearchive/list";
    }

    private List<Integer> years() {
        int now = LocalDate.now(clock).getYear();
        List<Integer> ys = new ArrayList<>();
        for (int y = now; y >= now - 5; y--) ys.add(y);
        return ys;
    }

    /** One heading of the gathered figures and its lines. */
    record FigureGroup(String groupKey, List<VillageFigures.Figure> lines) {}

    @GetMapping("/villages/{code}")
    String village(@PathVariable String code, @RequestParam(required = false) Integer year, Model model) {
        CurrentUser me = reader();
        // a village is read by its code within the account's area (a link from another page works whatever the
        // area selector shows); the lists follow the selector
        AreaScope scope = me.scope();
        AreaInfo v = villages.require(code, scope);
        AreaScope here = new AreaScope(v.code());
        int y = year(year);
        Locale locale = LocaleContextHolder.getLocale();
        String path = areas.path(v.editionId(), v.code()).stream().map(AreaInfo::name)
                .collect(Collectors.joining(" / "));
        HouseholdApi.Counts counts = households.counts(here);
        CaseworkApi.Workbench wb = casework.workbench(here, me.role(), 0);
        long monitored = wb.monitoredByStatus().stream().filter(c -> "MONITORED".equals(c.code()))
                .mapToLong(CaseworkApi.Count::count).sum();
        var docs = documents.ofVillage(v.code(), scope);
        Map<Long, String> docTitles = new LinkedHashMap<>();
        docs.forEach(d -> docTitles.put(d.id(), d.title()));
        Map<String, String> docTypeNames = new LinkedHashMap<>();
        codes.list(ArchiveCodes.DOC_TYPE, false).forEach(c -> docTypeNames.put(c.code(), c.name(locale)));
        var lines = checklist.ofVillage(v.code(), scope, locale);
        var years = incomes.ofVillage(v.code(), scope);
        model.addAttribute("v", v).addAttribute("path", path).addAttribute("year", y).addAttribute("years", years())
                .addAttribute("counts", counts).addAttribute("monitored", monitored)
                .addAttribute("openLeads", wb.openLeads()).addAttribute("overdueLeads", wb.overdueLeads())
                .addAttribute("figureGroups", gather(v.code(), y))
                .addAttribute("docs", docs).addAttribute("docTitles", docTitles)
                .addAttribute("docTypes", codes.list(ArchiveCodes.DOC_TYPE, true))
                .addAttribute("docTypeNames", docTypeNames)
                .addAttribute("maxMb", documents.maxBytes() / 1048576)
                .addAttribute("checklist", lines)
                .addAttribute("completeness", checklist.completeness(List.of(v.code()), scope).get(v.code()))
                .addAttribute("statuses", Checklist.Status.values())
                .addAttribute("incomes", years)
                .addAttribute("incomeYear", years.stream().filter(i -> i.year() == y).findFirst().orElse(null))
                .addAttribute("today", LocalDate.now(clock))
                .addAttribute("mayWrite", ArchiveRoles.mayWrite(me))
                .addAttribute("mayDelete", ArchiveRoles.mayDelete(me));
        return "villagearchive/village";
    }

    /**
     * Every module's lines about the village, grouped by their heading in the order the modules answer; a module that
     * fails is left out (and logged) rather than taking the page down with it.
     */
    List<FigureGroup> gather(String villageCode, int year) {
        Map<String, List<VillageFigures.Figure>> groups = new LinkedHashMap<>();
        figures.orderedStream().forEach(f -> {
            try {
                for (VillageFigures.Figure line : f.villageFigures(villageCode, year)) {
                    groups.computeIfAbsent(line.groupKey(), k -> new ArrayList<>()).add(line);
                }
            } catch (RuntimeException e) {
                log.warn("village figures of {} failed: {}", f.getClass().getSimpleName(), e.toString());
            }
        });
        return groups.entrySet().stream().map(e -> new FigureGroup(e.getKey(), e.getValue())).toList();
    }

    /** 导出Excel of the villages the filters show (every page), audited as EXPORT. */
    @GetMapping("/villages/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer year, HttpServletResponse response) throws IOException {
        reader();
        AreaScope a = CurrentUsers.areaInView(area);
        int y = year(year);
        List<VillageRows.Row> all = rows.rows(rows.villages(a, q), a, y);
        String areaName = areas.find(a.areaCode()).map(AreaInfo::shortName).orElse(a.areaCode());
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(),
                "villages " + y + (q == null || q.isBlank() ? "" : " q") + " " + all.size() + " rows");
        ExcelExports.Heading h = exports.heading(areas.pathName(a.areaCode()), msg("villagearchive.export.file"),
                        YearMonth.now(clock)).with(msg("villagearchive.year"), y)
                .with(msg("villagearchive.search"), q == null ? null : q.strip());
        exports.send(response, h,
                List.of(msg("villagearchive.col.village"), msg("villagearchive.col.township"),
                        msg("villagearchive.col.households"), msg("villagearchive.col.persons"),
                        msg("villagearchive.col.monitored"), msg("villagearchive.col.checkMet"),
                        msg("villagearchive.col.checkApplicable"), msg("villagearchive.col.documents"),
                        msg("villagearchive.col.income", String.valueOf(y))),
                all.stream().map(r -> List.<Object>of(r.name(), r.townshipName(), r.households(), r.persons(),
                        r.monitored(), r.checklist().met(), r.checklist().applicable(), r.documents(),
                        r.income() == null ? "" : r.income())).toList()::forEach);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
