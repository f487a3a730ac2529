package cn.shouwang.server.credit.loans;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.credit.Access;
import cn.shouwang.server.credit.Names;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
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

/** 小额信贷: the loan list (overdue only, open only, paging, 导出Excel), a new loan, a loan's page with its repayments. */
@Controller
class LoanController {
    private final Loans loans;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final AuditApi audit;
    private final Names names;

    LoanController(Loans loans, HouseholdApi households, CaseworkApi casework, AuditApi audit, Names names) {
        this.loans = loans;
        this.households = households;
        this.casework = casework;
        this.audit = audit;
        this.names = names;
    }

    private Loans.Filter filter(@Nullable String area, @Nullable String show) {
        return new Loans.Filter(CurrentUsers.areaInView(area), "OVERDUE".equals(show), "OPEN".equals(show));
    }

    private static String show(@Nullable String show) {
        return "OVERDUE".equals(show) || "OPEN".equals(show) ? show : "ALL";
    }

    @GetMapping("/credit/loans")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String show,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        Loans.Filter f = filter(area, show);
        int p = Paging.page(page);
        int z = Paging.size(size);
        List<Loans.Loan> rows = loans.list(f, p, z);
        Paging.toModel(model, p, z, loans.count(f));
        model.addAttribute("rows", rows)
                .addAttribute("heads", households.refs(rows.stream().map(Loans.Loan::householdId).toList(), f.area()))
                .addAttribute("villages", names.villages(rows.stream().map(Loans.Loan::villageCode).toList()))
                .addAttribute("area", area == null || area.isBlank() ? null : f.area().areaCode())
                .addAttribute("areaName", names.area(f.area().areaCode())).addAttribute("show", show(show))
                .addAttribute("mayWrite", Access.mayWrite());
        return "credit/loans";
    }

    @GetMapping("/credit/loans/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String show,
                HttpServletResponse response) throws IOException {
        Loans.Filter f = filter(area, show);
        audit.record(AuditAction.EXPORT, null, null, f.area().areaCode(), List.of(), "micro-credit loans " + show(show));
        String areaName = names.area(f.area().areaCode());
        String title = names.msg("credit.loans.title");
        LocalDate today = loans.today();
        XlsxWriter x = names.excel(response, names.heading(f.area().areaCode(), title, today)
                        .with(names.msg("credit.filter.show"), names.msg("credit.show." + show(show))),
                List.of(names.msg("credit.col.village"), names.msg("credit.col.head"), names.msg("credit.col.householdNo"),
                        names.msg("credit.col.bank"), names.msg("credit.col.amount"), names.msg("credit.col.rate"),
                        names.msg("credit.col.term"), names.msg("credit.col.purpose"), names.msg("credit.col.guarantee"),
                        names.msg("credit.col.disbursedOn"), names.msg("credit.col.dueOn"),
                        names.msg("credit.col.repaid"), names.msg("credit.col.outstanding"),
                        names.msg("credit.col.daysOverdue")));
        for (int p = 1; ; p++) {
            List<Loans.Loan> batch = loans.list(f, p, 1000);
            Map<Long, HouseholdApi.Ref> heads = households.refs(batch.stream().map(Loans.Loan::householdId).toList(), f.area());
            Map<String, String> villages = names.villages(batch.stream().map(Loans.Loan::villageCode).toList());
            for (Loans.Loan l : batch) {
                HouseholdApi.Ref h = heads.get(l.householdId());
                x.row(villages.get(l.villageCode()), h == null ? "" : h.headName(), h == null ? "" : h.householdNo(),
                        l.bank(), l.amount(), l.rate(), l.termMonths(), l.purpose(), l.guarantee(), l.disbursedOn(),
                        l.dueOn(), l.principalRepaid(), l.outstanding(), l.daysOverdue());
            }
            if (batch.size() < 1000) break;
        }
        Names.finish(x, response);
    }

    @GetMapping("/credit/loans/new")
    String newLoan(@RequestParam(required = false) String householdNo, Model model) {
        Access.requireWriter();
        model.addAttribute("cmd", new LoanCmd(householdNo == null ? "" : householdNo, "", null, null, 36, "", "",
                loans.today(), null, null));
        return form(householdNo, model);
    }

    private String form(@Nullable String householdNo, Model model) {
        AreaScope scope = CurrentUsers.require().scope();
        if (householdNo != null && !householdNo.isBlank()) {
            households.refByNo(householdNo.strip(), scope).ifPresent(h -> model.addAttribute("household", h)
                    .addAttribute("measures", casework.measuresOf(h.id(), scope).stream()
                            .filter(m -> "FINANCE".equals(m.group())).toList()));
        }
        if (!model.containsAttribute("measures")) model.addAttribute("measures", List.of());
        return "credit/loan-new";
    }

    @PostMapping("/credit/loans")
    String create(@Valid @ModelAttribute("cmd") LoanCmd cmd, BindingResult br, Model model) {
        AreaScope scope = Access.requireWriter();
        if (!br.hasErrors()) {
            try {
                return "redirect:/credit/loans/" + loans.create(cmd, scope);
            } catch (Access.Refused e) {
                br.reject(e.key(), e.args(), e.key());
            }
        }
        return form(cmd.householdNo(), model);
    }

    @GetMapping("/credit/loans/{id}")
    String detail(@PathVariable long id, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        Loans.Loan l = loans.find(id, scope).orElseThrow(() -> new OutOfScopeException("loan"));
        String measure = l.measureId() == null ? null : casework.measuresOf(l.householdId(), scope).stream()
                .filter(m -> m.id() == l.measureId()).map(CaseworkApi.MeasureRef::description).findFirst().orElse(null);
        model.addAttribute("loan", l).addAttribute("household", households.ref(l.householdId(), scope).orElse(null))
                .addAttribute("village", names.area(l.villageCode())).addAttribute("repayments", loans.repayments(id))
                .addAttribute("measure", measure).addAttribute("today", loans.today())
                .addAttribute("mayWrite", Access.mayWrite() && CurrentUsers.require().scope().covers(l.villageCode()));
        return "credit/loan";
    }

    @PostMapping("/credit/loans/{id}/repayments")
    String repay(@PathVariable long id, @RequestParam int version,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn,
                 @RequestParam(required = false) BigDecimal principal, @RequestParam(required = false) BigDecimal interest,
                 RedirectAttributes ra) {
        AreaScope scope = Access.requireWriter();
        try {
            loans.repay(id, version, paidOn == null ? loans.today() : paidOn,
                    principal == null ? BigDecimal.ZERO : principal, interest == null ? BigDecimal.ZERO : interest, scope);
            ra.addFlashAttribute("done", names.msg("credit.repayment.done"));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:/credit/loans/" + id;
    }
}
