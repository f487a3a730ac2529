package cn.shouwang.server.screening;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 标准测算 (/what-if): an analyst of a county or above enters a proposed income line and sees who would fall below
 * it, beside today's line, per township and village, with the cost; 导出Excel lists every such household. Read only.
 */
@Controller
class WhatIfController {
    private final ExcelExports exports;
    private final cn.shouwang.server.area.AreaApi areas;
    private final WhatIf whatIf;
    private final AuditApi audit;
    private final MessageSource messages;
    private final TransactionTemplate readOnly;

    WhatIfController(WhatIf whatIf, AuditApi audit, MessageSource messages, TransactionTemplate tx, ExcelExports exports,
                     cn.shouwang.server.area.AreaApi areas) {
        this.exports = exports;
        this.areas = areas;
        this.whatIf = whatIf;
        this.audit = audit;
        this.messages = messages;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    static boolean mayAsk(CurrentUser u) {
        return u.is(Role.COUNTY_ANALYST) || u.is(Role.CITY_ANALYST) || u.is(Role.ADMIN);
    }

    /** The proposed line typed, or null with the reason's message key in {@code problem[0]}. */
    static @Nullable BigDecimal line(@Nullable String typed, String[] problem) {
        if (typed == null || typed.isBlank()) return null;
        String s = typed.strip().replace(",", "").replace("，", "");
        if (!s.matches("\\d{1,7}(\\.\\d{1,2})?")) {
            problem[0] = "screening.whatIf.line.bad";
            return null;
        }
        BigDecimal v = new BigDecimal(s);
        if (v.signum() <= 0) {
            problem[0] = "screening.whatIf.line.bad";
            return null;
        }
        return v.setScale(2);
    }

    @GetMapping("/what-if")
    String page(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String line,
                Model model, HttpServletResponse response) {
        CurrentUser user = CurrentUsers.require();
        if (!mayAsk(user)) throw new AccessDeniedException("what-if");
        AreaScope scope = CurrentUsers.viewScope();
        model.addAttribute("county", scope.level() <= 3);
        model.addAttribute("line", line == null ? "" : line);
        if (scope.level() > 3) return "screening/what-if";
        List<Integer> years = whatIf.years(scope);
        model.addAttribute("years", years);
        int y = year != null && years.contains(year) ? year : years.isEmpty() ? 0 : years.get(0);
        model.addAttribute("year", y);
        String[] problem = {null};
        BigDecimal proposed = line(line, problem);
        if (problem[0] != null) {
            response.setStatus(422);
            model.addAttribute("lineError", problem[0]);
        }
        if (y > 0) {
            List<WhatIf.CountyLine> today = whatIf.todayLines(scope, y);
            model.addAttribute("todayLines", today);
            model.addAttribute("todayMissing", today.stream().allMatch(c -> c.line() == null));
        }
        if (proposed != null && y > 0) {
            WhatIf.Result r = whatIf.compute(scope, y, proposed);
            model.addAttribute("result", r);
            List<HouseholdApi.NewlyBelow> shown = new ArrayList<>();
            readOnly.executeWithoutResult(s -> whatIf.newly(scope, y, proposed, WhatIf.SHOWN, shown::add));
            model.addAttribute("newly", shown);
            model.addAttribute("villageNames", villageNames(r));
        }
        return "screening/what-if";
    }

    private static Map<String, String> villageNames(WhatIf.Result r) {
        Map<String, String> names = new HashMap<>();
        for (WhatIf.Township t : r.townships()) {
            for (WhatIf.Figures v : t.villages()) names.put(v.code(), t.figures().name() + " " + v.name());
        }
        return names;
    }

    /** 导出Excel: every household that would newly fall below the line, then the figures per village; audited. */
    @GetMapping("/what-if/export")
    void export(@RequestParam int year, @RequestParam String line, HttpServletResponse response) throws IOException {
        CurrentUser user = CurrentUsers.require();
        if (!mayAsk(user)) throw new AccessDeniedException("what-if");
        AreaScope scope = CurrentUsers.viewScope();
        String[] problem = {null};
        BigDecimal proposed = line(line, problem);
        if (scope.level() > 3 || proposed == null) {
            response.sendError(400);
            return;
        }
        Locale locale = LocaleContextHolder.getLocale();
        WhatIf.Result r = whatIf.compute(scope, year, proposed);
        Map<String, String> names = villageNames(r);
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(),
                "what-if " + year + " line " + proposed.toPlainString());
        ExcelExports.Heading heading = exports.heading(areas.pathName(scope.areaCode()), t("screening.whatIf.title", locale), year)
                .with(t("screening.whatIf.year", locale), year)
                .with(t("screening.whatIf.line", locale), proposed.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        List<String> headers = List.of(t("screening.whatIf.col.village", locale), t("screening.whatIf.col.householdNo", locale),
                t("screening.whatIf.col.members", locale), t("screening.whatIf.col.perCapita", locale),
                t("screening.whatIf.col.gap", locale));
        try (XlsxWriter x = exports.open(response, heading, headers)) {
            readOnly.executeWithoutResult(s -> whatIf.newly(scope, year, proposed, WhatIf.EXPORT_LIMIT,
                    h -> x.row(names.getOrDefault(h.villageCode(), h.villageCode()), h.householdNo(), h.members(),
                            h.perCapita(), h.gap())));
            x.writeTo(response.getOutputStream());
        }
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
