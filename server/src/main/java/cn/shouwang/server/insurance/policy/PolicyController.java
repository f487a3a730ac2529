package cn.shouwang.server.insurance.policy;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.Paging;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
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

/** 防贫保政策 ({@code /insurance/policies}): the list, a policy with its premium income, the forms. */
@Controller
class PolicyController {
    private final ExcelExports exports;
    private final PolicyStore store;
    private final Policies policies;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Clock clock;

    PolicyController(PolicyStore store, Policies policies, AreaApi areas, AuditApi audit, MessageSource messages,
                     Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.store = store;
        this.policies = policies;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/insurance/policies")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        AreaScope a = CurrentUsers.areaInView(area);
        int p = Paging.page(page), z = Paging.size(size);
        long total = store.count(a, year);
        Paging.toModel(model, p, z, total);
        model.addAttribute("rows", store.rows(a, year, p, z)).addAttribute("year", year)
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("areaNames", new AreaNames(areas))
                .addAttribute("mayManage", Policies.mayManage(CurrentUsers.require()));
        return "insurance/policies";
    }

    @GetMapping("/insurance/policies/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                HttpServletResponse response) throws IOException {
        AreaScope a = CurrentUsers.areaInView(area);
        AreaNames names = new AreaNames(areas);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "insurance policies" + (year == null ? "" : " " + year));
        String areaName = names.name(a.areaCode());
        ExcelExports.Heading h = exports.heading(areas.pathName(a.areaCode()), msg("insurance.policies.file"),
                YearMonth.now(clock)).with(msg("insurance.col.year"), year == null ? exports.any() : String.valueOf(year));
        exports.send(response, h,
                List.of(msg("insurance.col.area"), msg("insurance.col.year"), msg("insurance.col.policy"),
                        msg("insurance.col.premiumPerPerson"), msg("insurance.col.coverage"),
                        msg("insurance.costType.ILLNESS"), msg("insurance.costType.SCHOOLING"),
                        msg("insurance.costType.DISASTER"), msg("insurance.col.ratio"), msg("insurance.col.cap"),
                        msg("insurance.col.premiums"), msg("insurance.col.payouts"), msg("insurance.col.balance"),
                        msg("insurance.col.claims"), msg("insurance.col.paid")),
                sink -> store.eachRow(a, year, r -> sink.accept(Arrays.asList(names.name(r.policy().areaCode()),
                        r.policy().year(), r.policy().name(), r.policy().premiumPerPerson(),
                        msg(r.policy().coverage().messageKey()), r.policy().lineIllness(), r.policy().lineSchooling(),
                        r.policy().lineDisaster(), r.policy().ratioPercent(), r.policy().capPerPerson(), r.premiums(),
                        r.payouts(), r.balance(), r.claims(), r.paid()))));
    }

    @GetMapping("/insurance/policies/new")
    String newForm(Model model) {
        CurrentUser u = CurrentUsers.require();
        if (!Policies.mayManage(u)) throw new AccessDeniedException("insurance policy by " + u.role());
        String code = CurrentUsers.viewScope().areaCode();
        model.addAttribute("cmd", PolicyCmd.suggested(code, LocalDate.now(clock).getYear()));
        return form(model, null);
    }

    private String form(Model model, @Nullable Policy p) {
        CurrentUser u = CurrentUsers.require();
        List<AreaInfo> choices = new ArrayList<>();
        areas.find(u.scope().areaCode()).ifPresent(choices::add);
        choices.addAll(areas.children(u.scope().areaCode()));
        model.addAttribute("policy", p).addAttribute("areaChoices", choices)
                .addAttribute("coverages", Coverage.values());
        return "insurance/policy-form";
    }

    @PostMapping("/insurance/policies")
    String add(@Valid @ModelAttribute("cmd") PolicyCmd.Save cmd, BindingResult errors, Model model) {
        CurrentUser u = CurrentUsers.require();
        if (!Policies.mayManage(u)) throw new AccessDeniedException("insurance policy by " + u.role());
        if (errors.hasErrors()) return form(model, null);
        try {
            long id = policies.add(cmd, u);
            return "redirect:/insurance/policies/" + id;
        } catch (Policies.Refused e) {
            errors.reject(e.key(), e.args(), e.key());
            return form(model, null);
        }
    }

    private Policy require(long id) {
        return store.find(id, CurrentUsers.require().scope()).orElseThrow(() -> new OutOfScopeException("policy"));
    }

    @GetMapping("/insurance/policies/{id}")
    String detail(@PathVariable long id, Model model) {
        Policy p = require(id);
        if (!model.containsAttribute("premium")) model.addAttribute("premium", PolicyCmd.Premium.empty(LocalDate.now(clock)));
        return detailPage(p, model);
    }

    private String detailPage(Policy p, Model model) {
        CurrentUser u = CurrentUsers.require();
        model.addAttribute("row", store.row(p.id(), u.scope()).orElseThrow())
                .addAttribute("premiums", store.premiums(p.id()))
                .addAttribute("areaName", new AreaNames(areas).name(p.areaCode()))
                .addAttribute("mayManage", Policies.mayManage(u) && u.scope().covers(p.areaCode()));
        return "insurance/policy";
    }

    @GetMapping("/insurance/policies/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        Policy p = require(id);
        CurrentUser u = CurrentUsers.require();
        if (!Policies.mayManage(u) || !u.scope().covers(p.areaCode())) throw new AccessDeniedException("policy edit");
        model.addAttribute("cmd", PolicyCmd.Save.of(p));
        return form(model, p);
    }

    @PostMapping("/insurance/policies/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("cmd") PolicyCmd.Save cmd, BindingResult errors,
                  Model model, HttpServletResponse response) {
        Policy p = require(id);
        if (errors.hasErrors()) return form(model, p);
        try {
            policies.update(p, cmd, CurrentUsers.require());
            return "redirect:/insurance/policies/" + id;
        } catch (Policies.Refused e) {
            if ("insurance.conflict".equals(e.key())) response.setStatus(409);
            errors.reject(e.key(), e.args(), e.key());
            return form(model, p);
        }
    }

    @PostMapping("/insurance/policies/{id}/premiums")
    String addPremium(@PathVariable long id, @Valid @ModelAttribute("premium") PolicyCmd.Premium cmd,
                      BindingResult errors, Model model, RedirectAttributes ra) {
        Policy p = require(id);
        if (errors.hasErrors()) return detailPage(p, model);
        policies.addPremium(p, cmd, CurrentUsers.require());
        ra.addFlashAttribute("premiumAdded", true);
        return "redirect:/insurance/policies/" + id + "#premiums";
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
