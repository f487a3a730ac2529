package cn.shouwang.server.screening;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.XlsxWriter;
import cn.shouwang.server.household.HouseholdApi;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import jakarta.servlet.http.HttpServletResponse;

/** 监测预警: comparison runs (start, progress, record) and their warnings. */
@Controller
class WarningController {
    private final ExcelExports exports;
    private final RunService runs;
    private final ScreeningStore store;
    private final WarningExport export;
    private final AuditApi audit;
    private final AreaApi areas;
    private final WarningIntake intake;
    private final MessageSource messages;
    private final WarningTriage triage;
    private final WarningFigures figures;
    private final HouseholdApi households;
    private final Clock clock;

    WarningController(RunService runs, ScreeningStore store, WarningExport export, AuditApi audit, AreaApi areas,
                      WarningIntake intake, MessageSource messages, WarningTriage triage, WarningFigures figures,
                      HouseholdApi households, Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.messages = messages;
        this.triage = triage;
        this.figures = figures;
        this.households = households;
        this.clock = clock;
        this.intake = intake;
        this.areas = areas;
        this.runs = runs;
        this.store = store;
        this.export = export;
        this.audit = audit;
    }

    static boolean mayRun(CurrentUser u) {
        return u.is(Role.COUNTY_ANALYST) || u.is(Role.CITY_ANALYST) || u.is(Role.ADMIN);
    }

    /** Who may dismiss and assign warnings: the same roles as turn them into leads. */
    static boolean mayTriage(CurrentUser u) {
        return mayIntake(u);
    }

    /** Who may turn warnings into leads: the roles casework lets open a lead, less the village monitor. */
    static boolean mayIntake(CurrentUser u) {
        return u.is(Role.COUNTY_ANALYST) || u.is(Role.TOWNSHIP_STAFF);
    }

    /** The area filter: a code inside the view scope, else the view scope itself. */
    private static AreaScope area(@Nullable String area) {
        AreaScope scope = CurrentUsers.viewScope();
        if (area != null && AreaScope.isAreaCode(area) && scope.covers(area)) return new AreaScope(area);
        return scope;
    }

    private static @Nullable String rule(@Nullable String rule) {
        if (rule == null || rule.isBlank()) return null;
        try {
            return Rule.valueOf(rule).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An amount typed in a filter (yuan; "20,000" and "２００００" are read too), null when blank or not a number. */
    static @Nullable BigDecimal amount(@Nullable String s) {
        if (s == null) return null;
        String t = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC).replace(",", "").strip();
        if (t.isEmpty() || !t.matches("-?\\d{1,12}(\\.\\d{1,2})?")) return null;
        return new BigDecimal(t);
    }

    /** Everything the list's query string says, read once (the list, select-all, the export and the actions agree). */
    record Query(String period, AreaScope area, @Nullable String rule, WarningStatus status, @Nullable BigDecimal min,
                 @Nullable BigDecimal max, ScreeningStore.WarningSort sort) {
        ScreeningStore.WarningFilter filter() {
            return new ScreeningStore.WarningFilter(period, area, rule, status, min, max);
        }

        /** The same list again, as redirect parameters. */
        void into(RedirectAttributes r) {
            if (!period.isEmpty()) r.addAttribute("period", period);
            r.addAttribute("area", area.areaCode());
            if (rule != null) r.addAttribute("rule", rule);
            r.addAttribute("status", status.name());
            if (min != null) r.addAttribute("min", min.toPlainString());
            if (max != null) r.addAttribute("max", max.toPlainString());
            r.addAttribute("sort", sort.name());
        }
    }

    private Query query(@Nullable String period, @Nullable String area, @Nullable String rule, @Nullable String status,
                        @Nullable String min, @Nullable String max, @Nullable String sort) {
        AreaScope a = area(area);
        String p = period != null && period.matches("\\d{4}-\\d{2}") ? period : store.latestPeriod(a).orElse("");
        return new Query(p, a, rule(rule), WarningStatus.filter(status), amount(min), amount(max),
                ScreeningStore.WarningSort.of(sort));
    }

    /** A warning as the list shows it: the row, its reason as a sentence, the area it was assigned to by name. */
    record WarningView(ScreeningStore.WarningRow row, String state, String reason, String handling, boolean overdue) {}

    /** A household of the list: number, head's name, village and township names, a link when it is in reach. */
    record HouseholdView(long id, String householdNo, @Nullable String headName, String villageName,
                         @Nullable String townshipName, boolean linked, List<WarningView> warnings) {}

    @GetMapping("/warnings")
    String list(@RequestParam(required = false) @Nullable String period, @RequestParam(required = false) @Nullable String area,
                @RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable String min, @RequestParam(required = false) @Nullable String max,
                @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable Integer page,
                @RequestParam(required = false) @Nullable Integer size, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        CurrentUser user = CurrentUsers.require();
        Query q = query(period, area, rule, status, min, max, sort);
        int s = Paging.size(size);
        int pg = Paging.page(page);
        ScreeningStore.Totals totals = q.period().isEmpty() ? new ScreeningStore.Totals(0, 0) : store.totals(q.filter());
        List<ScreeningStore.HouseholdWarnings> groups = q.period().isEmpty() ? List.of()
                : store.households(q.filter(), q.sort(), pg, s);
        model.addAttribute("households", views(groups));
        model.addAttribute("warningTotal", totals.warnings());
        model.addAttribute("perRule", q.period().isEmpty() ? List.of() : store.countWarningsPerRule(q.period(), q.area()));
        model.addAttribute("figures", q.period().isEmpty() ? null : figures.of(q.period(), q.area()));
        Paging.toModel(model, pg, s, totals.households());
        model.addAttribute("q", q);
        model.addAttribute("period", q.period());
        model.addAttribute("area", q.area().areaCode());
        model.addAttribute("rule", q.rule() == null ? "" : q.rule());
        model.addAttribute("status", q.status().name());
        model.addAttribute("min", q.min() == null ? "" : q.min().toPlainString());
        model.addAttribute("max", q.max() == null ? "" : q.max().toPlainString());
        model.addAttribute("sort", q.sort().name());
        model.addAttribute("sorts", ScreeningStore.WarningSort.values());
        model.addAttribute("statuses", WarningStatus.FILTERS);
        model.addAttribute("reasons", WarningStatus.REASONS);
        model.addAttribute("rules", Rule.values());
        model.addAttribute("areaOptions", areaOptions(scope));
        model.addAttribute("runs", store.runs(scope));
        model.addAttribute("mayRun", mayRun(user) && scope.level() == 3);
        model.addAttribute("mayIntake", mayIntake(user));
        model.addAttribute("mayTriage", mayTriage(user));
        model.addAttribute("mayDismiss", mayTriage(user) || user.is(Role.VILLAGE_MONITOR));
        model.addAttribute("assignOptions", mayTriage(user) ? assignOptions(user) : List.of());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("defaultDue", LocalDate.now(clock).plusDays(ASSIGN_DAYS));
        return "screening/warnings";
    }

    /** Days a township or village gets to check an assigned warning unless the analyst says otherwise. */
    static final int ASSIGN_DAYS = 7;

    private List<HouseholdView> views(List<ScreeningStore.HouseholdWarnings> groups) {
        if (groups.isEmpty()) return List.of();
        Locale locale = LocaleContextHolder.getLocale();
        Map<Long, HouseholdApi.Ref> refs = households.refs(groups.stream().map(ScreeningStore.HouseholdWarnings::householdId)
                .toList(), CurrentUsers.viewScope());
        Set<String> codes = new HashSet<>();
        for (ScreeningStore.HouseholdWarnings g : groups) {
            codes.add(g.villageCode());
            codes.add(g.villageCode().substring(0, 9) + "000");
            g.warnings().forEach(w -> {
                if (w.assignedArea() != null) codes.add(w.assignedArea());
            });
        }
        Map<String, String> names = names(codes);
        LocalDate today = LocalDate.now(clock);
        List<HouseholdView> out = new ArrayList<>();
        for (ScreeningStore.HouseholdWarnings g : groups) {
            HouseholdApi.Ref ref = refs.get(g.householdId());
            List<WarningView> ws = g.warnings().stream().map(w -> new WarningView(w, w.status().name(),
                    WarningReasons.sentence(w.rule(), w.detail(), messages, locale), export.handling(w, names, locale),
                    w.status() == WarningStatus.ASSIGNED && w.assignedDue() != null && w.assignedDue().isBefore(today)))
                    .toList();
            String head = ref == null || ref.headName().isEmpty() ? null : ref.headName();
            out.add(new HouseholdView(g.householdId(), g.householdNo(), head,
                    names.getOrDefault(g.villageCode(), g.villageCode()),
                    names.get(g.villageCode().substring(0, 9) + "000"), ref != null, ws));
        }
        return out;
    }

    /** Short names by code in the current edition (one query). */
    private Map<String, String> names(java.util.Collection<String> codes) {
        return areas.currentEdition().map(e -> areas.names(e.id(), codes)).orElse(Map.of());
    }

    /** An area offered in a menu: code, name, and whether it is a village under a township (indented). */
    record AreaOption(String code, String name, boolean village) {}

    /**
     * The areas the list can be narrowed to: the view scope, its children and, for a county or township, its
     * villages under their townships (a county has a few hundred: one query).
     */
    private List<AreaOption> areaOptions(AreaScope scope) {
        List<AreaOption> out = new ArrayList<>();
        out.add(new AreaOption(scope.areaCode(), areas.find(scope.areaCode()).map(AreaInfo::name).orElse(scope.areaCode()), false));
        out.addAll(below(scope));
        return out;
    }

    private List<AreaOption> below(AreaScope scope) {
        List<AreaOption> out = new ArrayList<>();
        List<AreaInfo> children = areas.children(scope.areaCode());
        if (scope.level() < 3) {
            children.forEach(c -> out.add(new AreaOption(c.code(), c.name(), false)));
            return out;
        }
        if (scope.level() == 4) {
            children.forEach(c -> out.add(new AreaOption(c.code(), c.name(), true)));
            return out;
        }
        Map<String, List<AreaInfo>> villages = new java.util.HashMap<>();
        for (AreaInfo v : areas.villages(scope.prefix(), 2000)) {
            villages.computeIfAbsent(v.code().substring(0, 9) + "000", k -> new ArrayList<>()).add(v);
        }
        for (AreaInfo t : children) {
            out.add(new AreaOption(t.code(), t.name(), false));
            villages.getOrDefault(t.code(), List.of()).forEach(v -> out.add(new AreaOption(v.code(), v.name(), true)));
        }
        return out;
    }

    /** Where the user may send warnings for checking: townships and villages below their own area. */
    private List<AreaOption> assignOptions(CurrentUser user) {
        AreaScope own = CurrentUsers.viewScope();
        if (own.level() >= 5) return List.of();
        return below(own);
    }

    @PostMapping("/warnings/runs")
    String start(@RequestParam(required = false) @Nullable String period, Model model, HttpServletResponse response) {
        CurrentUser user = CurrentUsers.require();
        if (!mayRun(user)) throw new AccessDeniedException("run");
        AreaScope scope = CurrentUsers.viewScope();
        String error = null;
        if (scope.level() != 3) error = "screening.run.needCounty";
        else {
            try {
                Period.parse(period == null ? "" : period.strip());
            } catch (RuntimeException e) {
                error = "screening.run.badPeriod";
            }
        }
        if (error != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("runError", error);
            return list(null, null, null, null, null, null, null, null, null, model);
        }
        long id = runs.start(period.strip(), scope, user);
        return "redirect:/warnings/runs/" + id;
    }

    /** The most warnings one click acts on (select-all across pages included). */
    static final int MAX_TRIAGE = 20_000;
    /** The most warnings one click turns into leads: each is a casework transaction of its own. */
    static final int MAX_INTAKE = 500;

    /**
     * 转为线索 / 忽略 / 撤销忽略 / 交办核查 of the selected warnings, or with {@code all} of every warning the list's
     * filter shows (across pages; re-read here inside the view scope, never taken from the page). The outcome is
     * shown on the list, which comes back with the same filter.
     */
    @PostMapping("/warnings/triage")
    String triage(@RequestParam String action, @RequestParam(name = "warning", required = false) @Nullable List<Long> ids,
                  @RequestParam(required = false) @Nullable String all,
                  @RequestParam(required = false) @Nullable String period, @RequestParam(required = false) @Nullable String area,
                  @RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable String status,
                  @RequestParam(required = false) @Nullable String min, @RequestParam(required = false) @Nullable String max,
                  @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable Integer page,
                  @RequestParam(required = false) @Nullable Integer size,
                  @RequestParam(required = false) @Nullable String reason, @RequestParam(required = false) @Nullable String note,
                  @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String due,
                  RedirectAttributes flash) {
        CurrentUser user = CurrentUsers.require();
        AreaScope scope = CurrentUsers.viewScope();
        Query q = query(period, area, rule, status, min, max, sort);
        q.into(flash);
        if (page != null && page > 1) flash.addAttribute("page", page);
        if (size != null) flash.addAttribute("size", Paging.size(size));
        boolean everything = "true".equals(all);
        int limit = "intake".equals(action) ? MAX_INTAKE : MAX_TRIAGE;
        List<Long> chosen = everything ? (q.period().isEmpty() ? List.of() : store.warningIds(q.filter(), limit + 1))
                : ids == null ? List.of() : ids.stream().distinct().toList();
        if (chosen.isEmpty()) {
            flash.addFlashAttribute("triageError", "screening.triage.none");
            return "redirect:/warnings";
        }
        if (chosen.size() > limit) {
            flash.addFlashAttribute("triageError", "screening.triage.tooMany");
            flash.addFlashAttribute("triageLimit", limit);
            return "redirect:/warnings";
        }
        switch (action) {
            case "intake" -> {
                if (!mayIntake(user)) throw new AccessDeniedException("intake");
                flash.addFlashAttribute("intake", intake.intake(chosen, scope));
            }
            case "dismiss" -> {
                boolean villageCheck = user.is(Role.VILLAGE_MONITOR);
                if (!mayTriage(user) && !villageCheck) throw new AccessDeniedException("dismiss");
                String r = reason == null ? "" : reason;
                String n = note == null || note.isBlank() ? null : note.strip();
                if (java.util.Arrays.stream(WarningStatus.REASONS).noneMatch(r::equals)) {
                    flash.addFlashAttribute("triageError", "screening.dismiss.reasonMissing");
                    return "redirect:/warnings";
                }
                if ("OTHER".equals(r) && n == null) {
                    flash.addFlashAttribute("triageError", "screening.dismiss.noteMissing");
                    return "redirect:/warnings";
                }
                if (n != null && n.length() > 200) n = n.substring(0, 200);
                int done = triage.dismiss(chosen, scope, villageCheck, r, n, user.username());
                flash.addFlashAttribute("triageDone", "screening.dismiss.done");
                flash.addFlashAttribute("triageCounts", new long[] {done, chosen.size() - done});
            }
            case "restore" -> {
                if (!mayTriage(user)) throw new AccessDeniedException("restore");
                int done = triage.restore(chosen, scope);
                flash.addFlashAttribute("triageDone", "screening.restore.done");
                flash.addFlashAttribute("triageCounts", new long[] {done, chosen.size() - done});
            }
            case "assign" -> {
                if (!mayTriage(user)) throw new AccessDeniedException("assign");
                LocalDate day;
                try {
                    day = LocalDate.parse(due == null ? "" : due.strip());
                } catch (java.time.format.DateTimeParseException e) {
                    flash.addFlashAttribute("triageError", "screening.assign.dueMissing");
                    return "redirect:/warnings";
                }
                if (day.isBefore(LocalDate.now(clock))) {
                    flash.addFlashAttribute("triageError", "screening.assign.duePast");
                    return "redirect:/warnings";
                }
                // a township or village strictly below the user's own area
                if (to == null || !AreaScope.isAreaCode(to) || !scope.covers(to) || new AreaScope(to).level() < 4
                        || to.equals(scope.areaCode())) {
                    flash.addFlashAttribute("triageError", "screening.assign.areaMissing");
                    return "redirect:/warnings";
                }
                int done = triage.assign(chosen, scope, new AreaScope(to), day, user.username());
                flash.addFlashAttribute("triageDone", "screening.assign.done");
                flash.addFlashAttribute("triageCounts", new long[] {done, chosen.size() - done});
            }
            default -> throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return "redirect:/warnings";
    }

    /** 转为线索: kept for the earlier form and scripts; the same as the list's action {@code intake}. */
    @PostMapping("/warnings/intake")
    String intake(@RequestParam(name = "warning", required = false) @Nullable List<Long> ids,
                  @RequestParam(required = false) @Nullable String period, @RequestParam(required = false) @Nullable String area,
                  @RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable Integer page,
                  RedirectAttributes flash) {
        if (!mayIntake(CurrentUsers.require())) throw new AccessDeniedException("intake");
        if (ids == null || ids.isEmpty()) {
            flash.addFlashAttribute("intakeError", true);
        } else {
            flash.addFlashAttribute("intake", intake.intake(ids.stream().limit(MAX_INTAKE).toList(), CurrentUsers.viewScope()));
        }
        if (period != null && period.matches("\\d{4}-\\d{2}")) flash.addAttribute("period", period);
        if (area != null && AreaScope.isAreaCode(area)) flash.addAttribute("area", area);
        if (rule(rule) != null) flash.addAttribute("rule", rule(rule));
        if (page != null && page > 1) flash.addAttribute("page", page);
        return "redirect:/warnings";
    }

    private ScreeningStore.RunRow requireRun(long id) {
        return store.run(id, CurrentUsers.viewScope()).orElseThrow(() -> new OutOfScopeException("screening run"));
    }

    @GetMapping("/warnings/runs/{id}")
    String run(@PathVariable long id, @RequestParam(required = false) @Nullable Integer page, Model model) {
        ScreeningStore.RunRow run = requireRun(id);
        int pg = Paging.page(page);
        long rejects = store.rejectCount(id);
        model.addAttribute("run", run);
        model.addAttribute("countyName", areas.find(run.countyCode()).map(AreaInfo::name).orElse(run.countyCode()));
        texts(model, run, id);
        model.addAttribute("files", store.runFiles(id));
        model.addAttribute("rules", store.runRules(id));
        // the standard the run compared with, as it was then; each line with its region's name
        List<ScreeningStore.RunLine> lines = store.runLines(id);
        java.util.Map<String, String> lineAreas = new java.util.HashMap<>();
        lines.forEach(l -> lineAreas.computeIfAbsent(l.areaCode(), c -> areas.find(c).map(AreaInfo::name).orElse(c)));
        model.addAttribute("runLines", lines).addAttribute("lineAreas", lineAreas);
        // runs before the standards were kept recorded "defaults (feeds.md)" or "rules file <path>"
        model.addAttribute("defaultRules", run.rules().equals(RunService.DEFAULT_RULES) || run.rules().startsWith("defaults"));
        model.addAttribute("rulesFile", run.rules().startsWith("rules file ") ? run.rules().substring(11) : run.rules());
        model.addAttribute("rejectTotal", rejects);
        model.addAttribute("rejects", store.rejects(id, pg, 20));
        model.addAttribute("page", pg);
        model.addAttribute("pages", Paging.pages(rejects, 20));
        return "screening/run";
    }

    /** Polled by htmx while the run goes on; asks the page to reload once it is over. */
    @GetMapping("/warnings/runs/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        ScreeningStore.RunRow run = requireRun(id);
        if (!run.running()) response.setHeader("HX-Refresh", "true");
        model.addAttribute("run", run);
        texts(model, run, id);
        return "screening/run :: progress";
    }

    /** The run's progress and failure, kept as {@link RunText}, in the reader's language. */
    private void texts(Model model, ScreeningStore.RunRow run, long id) {
        Locale locale = LocaleContextHolder.getLocale();
        String live = runs.progress(id);
        model.addAttribute("live", RunText.render(live != null ? live : run.progress(), messages, locale));
        model.addAttribute("runFailure", RunText.render(run.error(), messages, locale));
    }

    @GetMapping("/warnings/export")
    void export(@RequestParam(required = false) @Nullable String period, @RequestParam(required = false) @Nullable String area,
                @RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable String min, @RequestParam(required = false) @Nullable String max,
                @RequestParam(required = false) @Nullable String sort, HttpServletResponse response) throws IOException {
        Query q = query(period, area, rule, status, min, max, sort);
        String p = q.period().isEmpty() ? "0000-00" : q.period();
        Query at = new Query(p, q.area(), q.rule(), q.status(), q.min(), q.max(), q.sort());
        audit.record(AuditAction.EXPORT, null, null, q.area().areaCode(), List.of(), "warnings " + p
                + (q.rule() == null ? "" : " " + q.rule()) + " " + q.status()
                + (q.min() == null ? "" : " min " + q.min()) + (q.max() == null ? "" : " max " + q.max()));
        Locale l = LocaleContextHolder.getLocale();
        ExcelExports.Heading h = exports.heading(areas.pathName(q.area().areaCode()),
                        messages.getMessage("screening.warnings.title", null, l), p)
                .with(messages.getMessage("screening.period", null, l), p)
                .with(messages.getMessage("screening.col.rule", null, l), q.rule() == null ? exports.any()
                        : messages.getMessage("screening.rule." + q.rule(), null, q.rule(), l))
                .with(messages.getMessage("screening.filter.status", null, l),
                        messages.getMessage("screening.state." + q.status(), null, l))
                .with(messages.getMessage("screening.filter.min", null, l), q.min() == null ? null : q.min().toPlainString())
                .with(messages.getMessage("screening.filter.max", null, l), q.max() == null ? null : q.max().toPlainString());
        XlsxWriter.attachment(response, h.fileName());
        export.write(at.filter(), at.sort(), exports.lines(h), response.getOutputStream());
    }
}
