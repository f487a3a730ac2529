package cn.shouwang.server.employment.jobs;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.employment.Access;
import cn.shouwang.server.employment.Names;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 公益岗位: the list (filters, paging, 导出Excel), a new job, a job's page with its paid months. */
@Controller
class JobController {
    private final Jobs jobs;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final AuditApi audit;
    private final Names names;

    JobController(Jobs jobs, HouseholdApi households, CaseworkApi casework, AuditApi audit, Names names) {
        this.jobs = jobs;
        this.households = households;
        this.casework = casework;
        this.audit = audit;
        this.names = names;
    }

    private Jobs.Filter filter(@Nullable String area, @Nullable String level, @Nullable String state) {
        AreaScope a = CurrentUsers.areaInView(area);
        String l = level != null && List.of("DEPARTMENT", "TOWNSHIP", "VILLAGE").contains(level) ? level : null;
        Boolean active = "ACTIVE".equals(state) ? Boolean.TRUE : "ENDED".equals(state) ? Boolean.FALSE : null;
        return new Jobs.Filter(a, l, active, jobs.today().getYear());
    }

    @GetMapping("/employment/jobs")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String level,
                @RequestParam(required = false) String state, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        Jobs.Filter f = filter(area, level, state);
        int p = Paging.page(page);
        int z = Paging.size(size);
        List<Jobs.Job> rows = jobs.list(f, p, z);
        Paging.toModel(model, p, z, jobs.count(f));
        model.addAttribute("rows", rows)
                .addAttribute("people", households.memberRefs(rows.stream().map(Jobs.Job::memberId).toList(), f.area()))
                .addAttribute("villages", names.villages(rows.stream().map(Jobs.Job::villageCode).toList()))
                .addAttribute("area", area == null || area.isBlank() ? null : f.area().areaCode())
                .addAttribute("areaName", names.area(f.area().areaCode()))
                .addAttribute("level", f.fundingLevel()).addAttribute("state", state)
                .addAttribute("levels", JobCmd.FundingLevel.values())
                .addAttribute("today", jobs.today()).addAttribute("year", f.year())
                .addAttribute("mayWrite", Access.mayWrite());
        return "employment/jobs";
    }

    @GetMapping("/employment/jobs/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String level,
                @RequestParam(required = false) String state, HttpServletResponse response) throws IOException {
        Jobs.Filter f = filter(area, level, state);
        audit.record(AuditAction.EXPORT, null, null, f.area().areaCode(), List.of(),
                "public-welfare jobs " + (f.fundingLevel() == null ? "" : f.fundingLevel()) + " " + (state == null ? "" : state));
        String areaName = names.area(f.area().areaCode());
        String title = names.msg("employment.jobs.title");
        ExcelExports.Heading h = names.heading(f.area().areaCode(), title, YearMonth.from(jobs.today()))
                .with(names.msg("employment.col.level"), f.fundingLevel() == null ? names.any()
                        : names.msg("employment.level." + f.fundingLevel()))
                .with(names.msg("employment.col.state"), names.msg("employment.state." + (state == null || state.isBlank() ? "ALL" : state)));
        XlsxWriter x = names.excel(response, h,
                List.of(names.msg("employment.col.village"), names.msg("employment.col.post"),
                        names.msg("employment.col.level"), names.msg("employment.col.person"),
                        names.msg("employment.col.householdNo"), names.msg("employment.col.pay"),
                        names.msg("employment.col.start"), names.msg("employment.col.end"),
                        names.msg("employment.col.paidMonths"), names.msg("employment.col.paidThisYear", f.year())));
        for (int p = 1; ; p++) {
            List<Jobs.Job> batch = jobs.list(f, p, 1000);
            Map<Long, HouseholdApi.MemberRef> people = households.memberRefs(batch.stream().map(Jobs.Job::memberId).toList(), f.area());
            Map<String, String> villages = names.villages(batch.stream().map(Jobs.Job::villageCode).toList());
            for (Jobs.Job j : batch) {
                HouseholdApi.MemberRef m = people.get(j.memberId());
                x.row(villages.get(j.villageCode()), j.post(), names.msg("employment.level." + j.fundingLevel()),
                        m == null ? "" : m.name(), m == null ? "" : m.householdNo(), j.monthlyPay(), j.startOn(),
                        j.endOn(), j.paidMonths(), j.paidTotal());
            }
            if (batch.size() < 1000) break;
        }
        Names.finish(x, response);
    }

    // ------------------------------------------------------------------------------------------------ a new job

    @GetMapping("/employment/jobs/new")
    String newJob(@RequestParam(required = false) String q, @RequestParam(required = false) String householdNo,
                  Model model) {
        Access.requireWriter();
        model.addAttribute("cmd", new JobCmd("", null, null, null, jobs.today().withDayOfMonth(1), null, null));
        return form(q, householdNo, model);
    }

    private String form(@Nullable String q, @Nullable String householdNo, Model model) {
        AreaScope scope = CurrentUsers.require().scope();
        // a whole household number typed in the search box opens its form at once
        if ((householdNo == null || householdNo.isBlank()) && q != null && households.refByNo(q.strip(), scope).isPresent()) {
            householdNo = q.strip();
        }
        model.addAttribute("q", q).addAttribute("householdNo", householdNo)
                .addAttribute("levels", JobCmd.FundingLevel.values());
        if (q != null && q.strip().length() >= 2) model.addAttribute("picks", households.pick(q.strip(), scope, 20));
        if (householdNo != null && !householdNo.isBlank()) {
            households.refByNo(householdNo.strip(), scope).flatMap(r -> households.findHousehold(r.id(), scope))
                    .ifPresent(h -> {
                        model.addAttribute("household", h);
                        model.addAttribute("members", h.members().stream().filter(m -> "ACTIVE".equals(m.status())).toList());
                        model.addAttribute("measures", casework.measuresOf(h.id(), scope).stream()
                                .filter(x -> Jobs.MEASURE_GROUPS.contains(x.group())).toList());
                    });
            if (!model.containsAttribute("household")) model.addAttribute("notFound", true);
        }
        return "employment/job-new";
    }

    @PostMapping("/employment/jobs")
    String create(@Valid @ModelAttribute("cmd") JobCmd cmd, BindingResult br,
                  @RequestParam(required = false) String householdNo, Model model) {
        AreaScope scope = Access.requireWriter();
        if (!br.hasErrors()) {
            try {
                long id = jobs.create(cmd, scope);
                return "redirect:/employment/jobs/" + id;
            } catch (Access.Refused e) {
                br.reject(e.key(), e.args(), e.key());
                model.addAttribute("refusal", names.msg(e.key(), e.args()));
            }
        }
        return form(null, householdNo, model);
    }

    // ------------------------------------------------------------------------------------------------ a job

    @GetMapping("/employment/jobs/{id}")
    String detail(@PathVariable long id, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        Jobs.Job j = jobs.find(id, scope, jobs.today().getYear()).orElseThrow(() -> new OutOfScopeException("job"));
        HouseholdApi.MemberRef m = households.memberRefs(List.of(j.memberId()), scope).get(j.memberId());
        String measure = null;
        if (j.measureId() != null) {
            measure = casework.measuresOf(j.householdId(), scope).stream().filter(x -> x.id() == j.measureId())
                    .map(CaseworkApi.MeasureRef::description).findFirst().orElse(null);
        }
        List<YearMonth> unpaid = new ArrayList<>();
        List<Jobs.Wage> wages = jobs.wages(id);
        java.util.Set<LocalDate> paid = new java.util.HashSet<>();
        wages.forEach(w -> paid.add(w.month()));
        for (YearMonth ym : Jobs.dueMonths(j.startOn(), j.endOn(), YearMonth.from(jobs.today()))) {
            if (!paid.contains(ym.atDay(1))) unpaid.add(ym);
        }
        model.addAttribute("job", j).addAttribute("person", m).addAttribute("measure", measure)
                .addAttribute("village", names.area(j.villageCode())).addAttribute("wages", wages)
                .addAttribute("unpaid", unpaid).addAttribute("today", jobs.today())
                .addAttribute("thisMonth", YearMonth.from(jobs.today()).toString())
                .addAttribute("mayWrite", Access.mayWrite() && CurrentUsers.require().scope().covers(j.villageCode()));
        return "employment/job";
    }

    @PostMapping("/employment/jobs/{id}/wages")
    String pay(@PathVariable long id, @RequestParam(required = false) String month,
               @RequestParam(required = false) BigDecimal amount,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn,
               RedirectAttributes ra) {
        AreaScope scope = Access.requireWriter();
        try {
            YearMonth m;
            try {
                m = YearMonth.parse(month == null ? "" : month.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new Access.Refused("employment.refused.month");
            }
            jobs.pay(id, m, amount, paidOn, scope);
            ra.addFlashAttribute("done", names.msg("employment.wage.paid", m.toString()));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:/employment/jobs/" + id;
    }

    @PostMapping("/employment/jobs/{id}/wages/due")
    String payDue(@PathVariable long id, RedirectAttributes ra) {
        AreaScope scope = Access.requireWriter();
        try {
            int n = jobs.payDue(id, scope);
            ra.addFlashAttribute("done", names.msg("employment.wage.paidDue", n));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:/employment/jobs/" + id;
    }

    @PostMapping("/employment/jobs/{id}/end")
    String end(@PathVariable long id,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endOn,
               @RequestParam int version, RedirectAttributes ra) {
        AreaScope scope = Access.requireWriter();
        try {
            if (endOn == null) throw new Access.Refused("employment.refused.endRequired");
            jobs.end(id, endOn, version, scope);
            ra.addFlashAttribute("done", names.msg("employment.job.ended", endOn.toString()));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:/employment/jobs/" + id;
    }
}
