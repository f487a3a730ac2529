package cn.shouwang.server.insurance.claim;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.insurance.policy.AreaNames;
import cn.shouwang.server.insurance.policy.CostType;
import cn.shouwang.server.insurance.policy.Policies.Refused;
import cn.shouwang.server.insurance.policy.Policy;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.screening.ScreeningApi;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 防贫保赔案 ({@code /insurance/claims}): the list with filters, paging and 导出Excel; a new claim by hand on a household
 * or from a comparison warning ({@code ?warning=<id>}: household, person, cost type and amount prefilled); the claim's
 * page with its steps.
 */
@Controller
class ClaimController {
    private final ExcelExports exports;
    private final ClaimStore store;
    private final Claims claims;
    private final HouseholdApi households;
    private final ScreeningApi screening;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Clock clock;

    ClaimController(ClaimStore store, Claims claims, HouseholdApi households, ScreeningApi screening, AreaApi areas,
                    AuditApi audit, MessageSource messages, Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.store = store;
        this.claims = claims;
        this.households = households;
        this.screening = screening;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String s) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(s)).findFirst().orElse(null);
    }

    private ClaimStore.Filter filter(@Nullable String area, @Nullable Integer year, @Nullable String status,
                                     @Nullable String costType, @Nullable Long household) {
        return new ClaimStore.Filter(CurrentUsers.areaInView(area), year, parse(ClaimStatus.class, status),
                parse(CostType.class, costType), household);
    }

    @GetMapping("/insurance/claims")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                @RequestParam(required = false) String status, @RequestParam(required = false) String costType,
                @RequestParam(required = false) Long household, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        ClaimStore.Filter f = filter(area, year, status, costType, household);
        int p = Paging.page(page), z = Paging.size(size);
        ClaimStore.Totals totals = store.totals(f);
        Paging.toModel(model, p, z, totals.claims());
        List<Claim> rows = store.page(f, p, z);
        model.addAttribute("rows", rows).addAttribute("totals", totals)
                .addAttribute("heads", households.refs(rows.stream().map(Claim::householdId).toList(), f.area()))
                .addAttribute("areaNames", new AreaNames(areas))
                .addAttribute("area", area == null || area.isBlank() ? null : f.area().areaCode())
                .addAttribute("year", year).addAttribute("status", f.status()).addAttribute("costType", f.costType())
                .addAttribute("household", household)
                .addAttribute("statuses", ClaimStatus.values()).addAttribute("costTypes", CostType.values())
                .addAttribute("mayOpen", Claims.mayOpen(CurrentUsers.require()));
        return "insurance/claims";
    }

    @GetMapping("/insurance/claims/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                @RequestParam(required = false) String status, @RequestParam(required = false) String costType,
                @RequestParam(required = false) Long household, HttpServletResponse response) throws IOException {
        ClaimStore.Filter f = filter(area, year, status, costType, household);
        AreaNames names = new AreaNames(areas);
        String any = msg("insurance.any");
        String filters = msg("insurance.export.claimFilters", year == null ? any : String.valueOf(year),
                f.status() == null ? any : msg(f.status().messageKey()),
                f.costType() == null ? any : msg(f.costType().messageKey()));
        audit.record(AuditAction.EXPORT, household, null, f.area().areaCode(), List.of(), "insurance claims: " + filters);
        ExcelExports.Heading h = exports.heading(areas.pathName(f.area().areaCode()), msg("insurance.claims.file"),
                        java.time.YearMonth.now(clock))
                .with(msg("insurance.col.year"), year == null ? any : String.valueOf(year))
                .with(msg("insurance.col.status"), f.status() == null ? any : msg(f.status().messageKey()))
                .with(msg("insurance.col.costType"), f.costType() == null ? any : msg(f.costType().messageKey()));
        exports.send(response, h,
                List.of(msg("insurance.col.number"), msg("insurance.col.village"), msg("insurance.col.householdNo"),
                        msg("insurance.col.person"), msg("insurance.col.costType"), msg("insurance.col.year"),
                        msg("insurance.col.totalCost"), msg("insurance.col.reimbursed"), msg("insurance.col.outOfPocket"),
                        msg("insurance.col.status"), msg("insurance.col.openedOn"), msg("insurance.col.payout"),
                        msg("insurance.col.paidOn")),
                sink -> {
                    List<Claim> batch = new ArrayList<>();
                    store.each(f, c -> {
                        batch.add(c);
                        if (batch.size() == 500) flush(batch, sink, names, f.area());
                    });
                    flush(batch, sink, names, f.area());
                });
    }

    /** One page of the export: the household numbers of 500 claims in one question to the registry. */
    private void flush(List<Claim> batch, java.util.function.Consumer<List<?>> sink, AreaNames names, AreaScope area) {
        var numbers = households.householdNumbers(batch.stream().map(Claim::householdId).toList());
        for (Claim c : batch) {
            sink.accept(Arrays.asList(c.number(), names.shortName(c.villageCode()), numbers.getOrDefault(c.householdId(), ""),
                    c.personName(), msg(c.costType().messageKey()), c.year(), c.totalCost(), c.reimbursed(),
                    c.outOfPocket(), msg(c.status().messageKey()), c.openedAt().toLocalDate(),
                    c.status() == ClaimStatus.PAID || c.status() == ClaimStatus.APPROVED ? c.payout() : null, c.paidOn()));
        }
        batch.clear();
    }

    // ---- new claim ------------------------------------------------------------------------------------------------

    @GetMapping("/insurance/claims/new")
    String newForm(@RequestParam(required = false) Long warning, @RequestParam(required = false) String householdNo,
                   @RequestParam(required = false) Long household, Model model) {
        CurrentUser u = CurrentUsers.require();
        if (!Claims.mayOpen(u)) throw new AccessDeniedException("insurance claim by " + u.role());
        int year = LocalDate.now(clock).getYear();
        ClaimCmd.Open cmd = new ClaimCmd.Open(householdNo == null ? "" : householdNo.strip(), null, null, year, null,
                BigDecimal.ZERO, null, "", null);
        if (household != null) {
            HouseholdApi.Ref ref = households.ref(household, u.scope())
                    .orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("household"));
            cmd = new ClaimCmd.Open(ref.householdNo(), null, null, year, null, BigDecimal.ZERO, null, "", null);
        }
        if (warning != null) {
            ScreeningApi.WarningForClaim w = screening.warningForClaim(warning, u.scope())
                    .orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("warning"));
            int y = Integer.parseInt(w.period().substring(0, 4));
            cmd = new ClaimCmd.Open(w.householdNo(), w.memberId(), CostType.ofRule(w.rule()), y, w.amount(),
                    BigDecimal.ZERO, w.amount(), msg("insurance.claim.fromWarning", msg("screening.rule." + w.rule()), w.period()),
                    w.id());
            store.ofWarning(warning).ifPresent(id -> model.addAttribute("existing", id));
        }
        model.addAttribute("cmd", cmd);
        return form(model, cmd, u);
    }

    private String form(Model model, ClaimCmd.Open cmd, CurrentUser u) {
        List<Views.Member> members = List.of();
        Views.Household h = null;
        if (cmd.householdNo() != null && !cmd.householdNo().isBlank()) {
            h = households.refByNo(cmd.householdNo().strip(), u.scope())
                    .flatMap(r -> households.findHousehold(r.id(), u.scope())).orElse(null);
            if (h != null) members = h.members().stream().filter(m -> "ACTIVE".equals(m.status())).toList();
            else model.addAttribute("unknownHousehold", true);
        }
        model.addAttribute("household", h).addAttribute("members", members).addAttribute("costTypes", CostType.values());
        return "insurance/claim-new";
    }

    @PostMapping("/insurance/claims")
    String open(@Valid @ModelAttribute("cmd") ClaimCmd.Open cmd, BindingResult errors, Model model) {
        CurrentUser u = CurrentUsers.require();
        if (!Claims.mayOpen(u)) throw new AccessDeniedException("insurance claim by " + u.role());
        if (errors.hasErrors()) return form(model, cmd, u);
        try {
            return "redirect:/insurance/claims/" + claims.open(cmd, u);
        } catch (Refused e) {
            errors.reject(e.key(), args(e.args()), e.key());
            return form(model, cmd, u);
        }
    }

    // ---- a claim and its steps --------------------------------------------------------------------------------------

    @GetMapping("/insurance/claims/{id}")
    String detail(@PathVariable long id, Model model) {
        return page(claims.require(id, CurrentUsers.require().scope()), model);
    }

    private String page(Claim c, Model model) {
        CurrentUser u = CurrentUsers.require();
        Policy p = claims.policyOf(c);
        model.addAttribute("claim", c).addAttribute("policy", p)
                .addAttribute("line", p.line(c.costType()))
                .addAttribute("preview", c.status().closed() ? null : claims.payoutNow(c))
                .addAttribute("householdNo", households.householdNumbers(List.of(c.householdId())).get(c.householdId()))
                .addAttribute("villageName", new AreaNames(areas).name(c.villageCode()))
                .addAttribute("today", LocalDate.now(clock))
                .addAttribute("mayInvestigate", Claims.mayInvestigate(u) && c.status().allows(ClaimStatus.Step.INVESTIGATE))
                .addAttribute("mayApprove", Claims.mayApprove(u) && c.status().allows(ClaimStatus.Step.APPROVE))
                .addAttribute("makerChecker", Claims.makerChecker(c, u))
                .addAttribute("mayPay", Claims.mayPay(u) && c.status().allows(ClaimStatus.Step.PAY))
                .addAttribute("mayReject", Claims.mayReject(u, c.status()));
        return "insurance/claim";
    }

    /** A refused step: the claim's page again with the reason (409 when someone else changed the claim meanwhile). */
    private String refused(long id, Refused e, Model model, HttpServletResponse response) {
        response.setStatus("insurance.conflict".equals(e.key()) ? 409 : 422);
        model.addAttribute("error", msg(e.key(), args(e.args())));
        return page(claims.require(id, CurrentUsers.require().scope()), model);
    }

    @PostMapping("/insurance/claims/{id}/investigate")
    String investigate(@PathVariable long id, @Valid ClaimCmd.Investigate cmd, BindingResult errors, Model model,
                       HttpServletResponse response, RedirectAttributes ra) {
        if (errors.hasErrors()) return invalid(id, errors, model, response);
        try {
            claims.investigate(id, cmd, CurrentUsers.require());
        } catch (Refused e) {
            return refused(id, e, model, response);
        }
        ra.addFlashAttribute("done", "insurance.claim.done.INVESTIGATE");
        return "redirect:/insurance/claims/" + id;
    }

    @PostMapping("/insurance/claims/{id}/approve")
    String approve(@PathVariable long id, @Valid ClaimCmd.Approve cmd, BindingResult errors, Model model,
                   HttpServletResponse response, RedirectAttributes ra) {
        if (errors.hasErrors()) return invalid(id, errors, model, response);
        try {
            claims.approve(id, cmd, CurrentUsers.require());
        } catch (Refused e) {
            return refused(id, e, model, response);
        }
        ra.addFlashAttribute("done", "insurance.claim.done.APPROVE");
        return "redirect:/insurance/claims/" + id;
    }

    @PostMapping("/insurance/claims/{id}/pay")
    String pay(@PathVariable long id, @Valid ClaimCmd.Pay cmd, BindingResult errors, Model model,
               HttpServletResponse response, RedirectAttributes ra) {
        if (errors.hasErrors()) return invalid(id, errors, model, response);
        try {
            claims.pay(id, cmd, CurrentUsers.require());
        } catch (Refused e) {
            return refused(id, e, model, response);
        }
        ra.addFlashAttribute("done", "insurance.claim.done.PAY");
        return "redirect:/insurance/claims/" + id;
    }

    @PostMapping("/insurance/claims/{id}/reject")
    String reject(@PathVariable long id, @Valid ClaimCmd.Reject cmd, BindingResult errors, Model model,
                  HttpServletResponse response, RedirectAttributes ra) {
        if (errors.hasErrors()) return invalid(id, errors, model, response);
        try {
            claims.reject(id, cmd, CurrentUsers.require());
        } catch (Refused e) {
            return refused(id, e, model, response);
        }
        ra.addFlashAttribute("done", "insurance.claim.done.REJECT");
        return "redirect:/insurance/claims/" + id;
    }

    private String invalid(long id, BindingResult errors, Model model, HttpServletResponse response) {
        Claim c = claims.require(id, CurrentUsers.require().scope()); // 404 outside the area before anything is said
        response.setStatus(422);
        var first = errors.getAllErrors().get(0);
        model.addAttribute("error", messages.getMessage(first, LocaleContextHolder.getLocale()));
        return page(c, model);
    }

    /** Arguments that are message keys (a coverage's name) said in the user's language. */
    private Object[] args(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof String s && s.startsWith("insurance.")) out[i] = msg(s);
            if (out[i] instanceof BigDecimal d) out[i] = d.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        }
        return out;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
