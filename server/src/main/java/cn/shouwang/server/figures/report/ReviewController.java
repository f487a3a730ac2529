package cn.shouwang.server.figures.report;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.figures.snapshot.Snapshots;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 调度表: the print view (A4 landscape, with the issuing unit and date) and the workbook
 * ({@code 梨树县_调度表_2026-11.xlsx}, audited EXPORT), for the area and month of 统计调度. Same roles and scope rules.
 */
@Controller
class ReviewController {
    static final Set<Role> ROLES = EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST, Role.TOWNSHIP_STAFF);
    private final Review review;
    private final Snapshots snapshots;
    private final MessageSource messages;
    private final AuditApi audit;
    private final Clock clock;
    private final ReviewWorkbook workbook;

    ReviewController(Review review, Snapshots snapshots, MessageSource messages, AuditApi audit, Clock clock,
                     ReviewWorkbook workbook) {
        this.workbook = workbook;
        this.review = review;
        this.snapshots = snapshots;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    private AreaScope scope(@Nullable String area) {
        CurrentUser u = CurrentUsers.require();
        if (!ROLES.contains(u.role())) throw new AccessDeniedException("review by " + u.role());
        if (area == null || area.isBlank()) return CurrentUsers.viewScope();
        if (!AreaScope.isAreaCode(area) || !u.scope().covers(area)) throw new OutOfScopeException("area");
        return new AreaScope(area);
    }

    private @Nullable YearMonth month(@Nullable String month) {
        if (month == null || month.isBlank()) return null;
        try {
            YearMonth m = YearMonth.parse(month.strip());
            if (snapshots.find(m).isEmpty()) throw new OutOfScopeException("no snapshot");
            return m;
        } catch (DateTimeParseException e) {
            throw new OutOfScopeException("month");
        }
    }

    private String msg(String key, Object... args) {
        Locale l = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args.length == 0 ? null : args, key, l);
    }

    private Review.Table table(AreaScope scope, @Nullable YearMonth m) {
        return review.table(scope, m, LocaleContextHolder.getLocale(), k -> msg(k));
    }

    private String title(Review.Table t) {
        YearMonth m = t.month() != null ? t.month() : YearMonth.from(t.asOf());
        return msg("figures.review.title", t.areaName(), m.getYear(), m.getMonthValue());
    }

    @GetMapping("/reports/review")
    String print(@RequestParam(required = false) String area, @RequestParam(required = false) String month, Model model) {
        AreaScope scope = scope(area);
        YearMonth m = month(month);
        Review.Table t = table(scope, m);
        model.addAttribute("t", t).addAttribute("title", title(t)).addAttribute("scope", scope)
                .addAttribute("month", m).addAttribute("issuedOn", LocalDate.now(clock));
        return "figures/review";
    }

    @GetMapping("/reports/review.xlsx")
    void xlsx(@RequestParam(required = false) String area, @RequestParam(required = false) String month,
              HttpServletResponse response) throws IOException {
        AreaScope scope = scope(area);
        YearMonth m = month(month);
        Locale l = LocaleContextHolder.getLocale();
        Review.Table t = workbook.table(scope, m, l);
        YearMonth shown = m != null ? m : YearMonth.from(t.asOf());
        cn.shouwang.server.platform.ExcelExports.Heading h = workbook.heading(scope, t, l);
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(), "review " + shown);
        XlsxWriter.attachment(response, h.fileName());
        workbook.write(t, h, l, response.getOutputStream());
    }
}
