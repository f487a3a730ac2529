package cn.shouwang.server.socialassistance.payments;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.XlsxWriter;
import cn.shouwang.server.socialassistance.SocialTexts;
import cn.shouwang.server.socialassistance.Sa;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 发放名单: the payments of a month in the area in view — generated from the grants' schedules, marked paid (each
 * credited to its household's income), as Excel for the bank (accounts masked unless the user may and asks, audited)
 * and as an A4 page to print and sign.
 */
@Controller
class AssistancePaymentsController {
    private final ExcelExports exports;
    private final AssistancePaymentStore store;
    private final AssistancePayments payments;
    private final PersonalDataApi personalData;
    private final AuditApi audit;
    private final SocialTexts names;
    private final Clock clock;

    AssistancePaymentsController(AssistancePaymentStore store, AssistancePayments payments, PersonalDataApi personalData, AuditApi audit, SocialTexts names,
                       Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.store = store;
        this.payments = payments;
        this.personalData = personalData;
        this.audit = audit;
        this.names = names;
        this.clock = clock;
    }

    private YearMonth period(@Nullable String period) {
        if (period == null || period.isBlank()) return YearMonth.now(clock);
        try {
            return YearMonth.parse(period.strip());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    /** A line of the list as shown: the account masked (never in full on a page). */
    record Line(long id, String villageName, String recipientName, String kind, int months, BigDecimal amount,
                @Nullable LocalDate paidOn, String account) {}

    private List<Line> lines(List<AssistancePaymentStore.PaymentRow> rows, boolean full) {
        Map<String, String> villages = names.areas(rows.stream().map(AssistancePaymentStore.PaymentRow::villageCode).distinct().toList());
        return rows.stream().map(p -> new Line(p.id(), villages.getOrDefault(p.villageCode(), p.villageCode()),
                p.recipientName(), names.msg("socialassistance.kind." + p.kind()), p.months(), p.amount(), p.paidOn(),
                account(p.bankAccount(), full))).toList();
    }

    private String account(byte @Nullable [] sealed, boolean full) {
        if (sealed == null) return "";
        String a = personalData.open(sealed);
        return full ? a : Sa.maskAccount(a);
    }

    private static BigDecimal total(List<AssistancePaymentStore.PaymentRow> rows) {
        return rows.stream().map(AssistancePaymentStore.PaymentRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @GetMapping("/social-assistance/payments")
    String list(@RequestParam(required = false) String period, Model model) {
        YearMonth p = period(period);
        AreaScope scope = CurrentUsers.viewScope();
        CurrentUser u = CurrentUsers.require();
        List<AssistancePaymentStore.PaymentRow> rows = store.ofPeriod(scope, p);
        model.addAttribute("period", p);
        model.addAttribute("previous", p.minusMonths(1));
        model.addAttribute("next", p.plusMonths(1));
        model.addAttribute("rows", lines(rows, false));
        model.addAttribute("total", Sa.yuan(total(rows)));
        model.addAttribute("unpaid", rows.stream().filter(r -> !r.paid()).count());
        model.addAttribute("mayPay", Sa.mayPay(u));
        model.addAttribute("mayFull", Sa.mayFull(u));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("areaName", names.area(scope.areaCode()));
        return "socialassistance/payments";
    }

    private CurrentUser payer() {
        CurrentUser u = CurrentUsers.require();
        if (!Sa.mayPay(u)) throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        return u;
    }

    @PostMapping("/social-assistance/payments/generate")
    String generate(@RequestParam String period, RedirectAttributes ra) {
        payer();
        YearMonth p = period(period);
        int n = payments.generate(p, CurrentUsers.viewScope());
        ra.addFlashAttribute("done", names.msg("socialassistance.payments.generated", n));
        return "redirect:/social-assistance/payments?period=" + p;
    }

    @PostMapping("/social-assistance/payments/paid")
    String paid(@RequestParam String period, @RequestParam(name = "ids", required = false) List<Long> ids,
                @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate paidOn, RedirectAttributes ra) {
        CurrentUser u = payer();
        YearMonth p = period(period);
        if (ids == null || ids.isEmpty() || paidOn == null) {
            ra.addFlashAttribute("error", names.msg("socialassistance.payments.chooseAndDate"));
            return "redirect:/social-assistance/payments?period=" + p;
        }
        int n = payments.markPaid(ids, paidOn, u, LocaleContextHolder.getLocale());
        ra.addFlashAttribute("done", names.msg("socialassistance.payments.marked", n));
        return "redirect:/social-assistance/payments?period=" + p;
    }

    /**
     * The bank's list: name, account, kind, amount (a number, two decimals), a total line. Accounts are masked unless
     * the user may see full personal data and asked for it ({@code full=true}); either way the download is audited.
     */
    @GetMapping("/social-assistance/payments/bank")
    void bank(@RequestParam(required = false) String period, @RequestParam(required = false) boolean full,
              HttpServletResponse response) throws IOException {
        YearMonth p = period(period);
        AreaScope scope = CurrentUsers.viewScope();
        boolean inFull = full && Sa.mayFull(CurrentUsers.require());
        List<AssistancePaymentStore.PaymentRow> rows = store.ofPeriod(scope, p);
        audit.record(AuditAction.SOCIAL_BANK_LIST, null, null, scope.areaCode(), List.of(),
                "period " + p + ", " + rows.size() + " payments, " + (inFull ? "accounts in full" : "accounts masked"));
        ExcelExports.Heading h = exports.heading(names.path(scope.areaCode()), names.msg("socialassistance.payments.file"), p)
                .with(names.msg("socialassistance.payments.period"), p)
                .with(names.msg("socialassistance.grant.bankAccount"), names.msg(inFull ? "socialassistance.export.full"
                        : "socialassistance.export.masked"));
        try (XlsxWriter x = exports.open(response, h, List.of(
                names.msg("socialassistance.village"), names.msg("socialassistance.grant.recipient"),
                names.msg("socialassistance.grant.bankAccount"), names.msg("socialassistance.grant.kind"),
                names.msg("socialassistance.payments.months"), names.msg("socialassistance.payments.amount")), inFull)) {
            for (Line l : lines(rows, inFull)) {
                x.row(l.villageName(), l.recipientName(), l.account(), l.kind(), l.months(), l.amount());
            }
            x.row(names.msg("socialassistance.payments.total"), names.msg("socialassistance.payments.count", rows.size()),
                    null, null, null, Sa.yuan(total(rows)));
            x.writeTo(response.getOutputStream());
        }
    }

    /** The A4 page to print and sign: accounts masked, a total line, signature lines. */
    @GetMapping("/social-assistance/payments/print")
    String print(@RequestParam(required = false) String period, Model model) {
        YearMonth p = period(period);
        AreaScope scope = CurrentUsers.viewScope();
        List<AssistancePaymentStore.PaymentRow> rows = store.ofPeriod(scope, p);
        model.addAttribute("period", p);
        model.addAttribute("rows", lines(rows, false));
        model.addAttribute("total", Sa.yuan(total(rows)));
        model.addAttribute("areaName", names.area(scope.areaCode()));
        model.addAttribute("today", LocalDate.now(clock));
        return "socialassistance/payments-print";
    }
}
