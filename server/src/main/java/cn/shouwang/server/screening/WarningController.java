package cn.shouwang.server.screening;

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
import java.io.IOException;
import java.util.List;
import java.util.Locale;
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
    private static final int MAX_SIZE = 100;
    private final RunService runs;
    private final ScreeningStore store;
    private final WarningExport export;
    private final AuditApi audit;
    private final AreaApi areas;
    private final WarningIntake intake;
    private final MessageSource messages;

    WarningController(RunService runs, ScreeningStore store, WarningExport export, AuditApi audit, AreaApi areas,
                      WarningIntake intake, MessageSource messages) {
        this.messages = messages;
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

    @GetMapping("/warnings")
    String list(@RequestParam(required = false) @Nullable String period, @RequestParam(required = false) @Nullable String area,
                @RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable Integer page,
                @RequestParam(required = false) @Nullable Integer size, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        String p = period != null && period.matches("\\d{4}-\\d{2}") ? period : store.latestPeriod(scope).orElse("");
        AreaScope a = area(area);
        String r = rule(rule);
        int s = size == null || size < 1 ? 20 : Math.min(size, MAX_SIZE);
        int pg = Paging.page(page);
        ScreeningStore.WarningFilter f = new ScreeningStore.WarningFilter(p, a, r);
        long total = p.isEmpty() ? 0 : store.countWarnings(f);
        model.addAttribute("rows", p.isEmpty() ? List.of() : store.warnings(f, pg, s));
        model.addAttribute("perRule", p.isEmpty() ? List.of() : store.countWarningsPerRule(p, a));
        Paging.toModel(model, pg, s, total);
        model.addAttribute("period", p);
        model.addAttribute("area", a.areaCode());
        model.addAttribute("rule", r == null ? "" : r);
        model.addAttribute("rules", Rule.values());
        model.addAttribute("runs", store.runs(scope));
        model.addAttribute("mayRun", mayRun(CurrentUsers.require()) && scope.level() == 3);
        model.addAttribute("mayIntake", mayIntake(CurrentUsers.require()));
        return "screening/warnings";
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
            return list(null, null, null, null, null, model);
        }
        long id = runs.start(period.strip(), scope, user);
        return "redirect:/warnings/runs/" + id;
    }

    /** 转为线索: the selected warnings, each re-read in the caller's area; the result is shown on the list. */
    @PostMapping("/warnings/intake")
    String intake(@RequestParam(name = "warning", required = false) @Nullable List<Long> ids,
                  @RequestParam(required = false) @Nullable String period, @RequestParam(required = false) @Nullable String area,
                  @RequestParam(required = false) @Nullable String rule, @RequestParam(required = false) @Nullable Integer page,
                  RedirectAttributes flash) {
        if (!mayIntake(CurrentUsers.require())) throw new AccessDeniedException("intake");
        if (ids == null || ids.isEmpty()) {
            flash.addFlashAttribute("intakeError", true);
        } else {
            flash.addFlashAttribute("intake", intake.intake(ids.stream().limit(MAX_SIZE).toList(), CurrentUsers.viewScope()));
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
                @RequestParam(required = false) @Nullable String rule, HttpServletResponse response) throws IOException {
        AreaScope a = area(area);
        String p = period != null && period.matches("\\d{4}-\\d{2}") ? period : store.latestPeriod(a).orElse("0000-00");
        ScreeningStore.WarningFilter f = new ScreeningStore.WarningFilter(p, a, rule(rule));
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "warnings " + p + (f.rule() == null ? "" : " " + f.rule()));
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"warnings-" + p + ".xlsx\"");
        export.write(f, response.getOutputStream());
    }
}
