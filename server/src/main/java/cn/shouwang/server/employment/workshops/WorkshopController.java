package cn.shouwang.server.employment.workshops;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
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
import java.util.List;
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

/** 帮扶车间: the list, a new workshop, a workshop's page with its workers and the month's wages. */
@Controller
class WorkshopController {
    private final Workshops workshops;
    private final HouseholdApi households;
    private final AuditApi audit;
    private final Names names;

    WorkshopController(Workshops workshops, HouseholdApi households, AuditApi audit, Names names) {
        this.workshops = workshops;
        this.households = households;
        this.audit = audit;
        this.names = names;
    }

    @GetMapping("/employment/workshops")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        AreaScope a = CurrentUsers.areaInView(area);
        int p = Paging.page(page);
        int z = Paging.size(size);
        List<Workshops.Workshop> rows = workshops.list(a, p, z);
        Paging.toModel(model, p, z, workshops.count(a));
        model.addAttribute("rows", rows)
                .addAttribute("villages", names.villages(rows.stream().map(Workshops.Workshop::villageCode).toList()))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("areaName", names.area(a.areaCode())).addAttribute("year", workshops.today().getYear())
                .addAttribute("mayWrite", Access.mayWrite());
        return "employment/workshops";
    }

    @GetMapping("/employment/workshops/export")
    void export(@RequestParam(required = false) String area, HttpServletResponse response) throws IOException {
        AreaScope a = CurrentUsers.areaInView(area);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "assistance workshops");
        String areaName = names.area(a.areaCode());
        String title = names.msg("employment.workshops.title");
        int year = workshops.today().getYear();
        XlsxWriter x = names.excel(response, names.heading(a.areaCode(), title, YearMonth.from(workshops.today())),
                List.of(names.msg("employment.col.village"), names.msg("employment.col.workshop"),
                        names.msg("employment.col.owner"), names.msg("employment.col.products"),
                        names.msg("employment.col.workers"), names.msg("employment.col.paidThisYear", year)));
        for (int p = 1; ; p++) {
            List<Workshops.Workshop> batch = workshops.list(a, p, 1000);
            var villages = names.villages(batch.stream().map(Workshops.Workshop::villageCode).toList());
            for (Workshops.Workshop s : batch) {
                x.row(villages.get(s.villageCode()), s.name(), s.owner(), s.products(), s.workers(), s.wagesThisYear());
            }
            if (batch.size() < 1000) break;
        }
        Names.finish(x, response);
    }

    @GetMapping("/employment/workshops/new")
    String newWorkshop(Model model) {
        AreaScope scope = Access.requireWriter();
        model.addAttribute("cmd", new WorkshopCmd("", "", "", scope.level() == 5 ? scope.areaCode() : ""));
        return form(scope, model);
    }

    private String form(AreaScope scope, Model model) {
        model.addAttribute("villageChoices", names.villagesIn(scope.prefix()));
        return "employment/workshop-new";
    }

    @PostMapping("/employment/workshops")
    String create(@Valid @ModelAttribute("cmd") WorkshopCmd cmd, BindingResult br, Model model) {
        AreaScope scope = Access.requireWriter();
        if (br.hasErrors()) return form(scope, model);
        return "redirect:/employment/workshops/" + workshops.create(cmd, scope);
    }

    @GetMapping("/employment/workshops/{id}")
    String detail(@PathVariable long id, @RequestParam(required = false) String householdNo, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        Workshops.Workshop s = workshops.find(id, scope).orElseThrow(() -> new OutOfScopeException("workshop"));
        List<Workshops.Worker> workers = workshops.workers(id);
        model.addAttribute("s", s).addAttribute("workers", workers)
                .addAttribute("people", households.memberRefs(workers.stream().map(Workshops.Worker::memberId).toList(),
                        CurrentUsers.require().scope()))
                .addAttribute("village", names.area(s.villageCode())).addAttribute("today", workshops.today())
                .addAttribute("thisMonth", YearMonth.from(workshops.today()).toString())
                .addAttribute("householdNo", householdNo)
                .addAttribute("mayWrite", Access.mayWrite() && CurrentUsers.require().scope().covers(s.villageCode()));
        if (householdNo != null && !householdNo.isBlank() && Access.mayWrite()) {
            AreaScope own = CurrentUsers.require().scope();
            households.refByNo(householdNo.strip(), own).flatMap(r -> households.findHousehold(r.id(), own))
                    .ifPresentOrElse(h -> model.addAttribute("members",
                                    h.members().stream().filter(m -> "ACTIVE".equals(m.status())).toList()),
                            () -> model.addAttribute("notFound", true));
        }
        return "employment/workshop";
    }

    @PostMapping("/employment/workshops/{id}/workers")
    String addWorker(@PathVariable long id, @RequestParam(required = false) Long memberId,
                     @RequestParam(required = false) BigDecimal wage,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startOn,
                     RedirectAttributes ra) {
        AreaScope scope = Access.requireWriter();
        try {
            if (memberId == null) throw new Access.Refused("employment.job.person.required");
            // numeric(14,2): a wage of 10^12 or more is refused in words, not a 500 from the database
            if (wage == null || wage.compareTo(new BigDecimal("1000000000000")) >= 0) throw new Access.Refused("employment.refused.amount");
            workshops.addWorker(id, memberId, wage, startOn == null ? workshops.today() : startOn, scope);
            ra.addFlashAttribute("done", names.msg("employment.worker.added"));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:/employment/workshops/" + id;
    }

    @PostMapping("/employment/workshops/{id}/wages")
    String payMonth(@PathVariable long id, @RequestParam(required = false) String month, RedirectAttributes ra) {
        AreaScope scope = Access.requireWriter();
        try {
            YearMonth m;
            try {
                m = YearMonth.parse(month == null ? "" : month.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new Access.Refused("employment.refused.month");
            }
            int n = workshops.payMonth(id, m, scope);
            ra.addFlashAttribute("done", names.msg("employment.workshop.paid", m.toString(), n));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:/employment/workshops/" + id;
    }
}
