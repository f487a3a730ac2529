package cn.shouwang.server.projects.dividend;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.projects.Pages;
import cn.shouwang.server.projects.ProjectsAccess;
import cn.shouwang.server.projects.Refused;
import cn.shouwang.server.projects.StaleVersion;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
 * 分红 ({@code /projects/dividends}): the dividends of the area in view, due and paid, the shortfalls; 导出Excel; the
 * comparison's enterprise_payments file (full id numbers: administrators and county analysts, audited); 补发.
 */
@Controller("projectDividendController")
class DividendController {
    private final Dividends dividends;
    private final HouseholdApi households;
    private final Pages pages;
    private final AuditApi audit;

    DividendController(Dividends dividends, HouseholdApi households, Pages pages, AuditApi audit) {
        this.dividends = dividends;
        this.households = households;
        this.pages = pages;
        this.audit = audit;
    }

    private static CurrentUser reader() {
        CurrentUser me = CurrentUsers.require();
        ProjectsAccess.requireRead(me);
        return me;
    }

    private static @Nullable String period(@Nullable String p) {
        return p != null && p.matches("\\d{4}(-(0[1-9]|1[0-2]))?") ? p : null;
    }

    @GetMapping("/projects/dividends")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String period,
                @RequestParam(required = false) String shortOnly, @RequestParam(required = false) Long asset,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        CurrentUser me = reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Dividends.Filter f = new Dividends.Filter(period(period), "on".equals(shortOnly) || "true".equals(shortOnly), asset);
        int p = Paging.page(page), z = Paging.size(size);
        Paging.toModel(model, p, z, dividends.count(f, a));
        List<Dividends.Row> rows = dividends.list(f, a, p, z);
        model.addAttribute("rows", rows)
                .addAttribute("refs", households.refs(rows.stream().map(Dividends.Row::householdId).toList(), me.scope()))
                .addAttribute("villages", pages.shortNames(rows.stream().map(Dividends.Row::villageCode).toList()))
                .addAttribute("totals", dividends.totals(f, a))
                .addAttribute("areaName", pages.name(a.areaCode()))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("period", f.period()).addAttribute("shortOnly", f.shortOnly()).addAttribute("asset", asset)
                .addAttribute("mayWrite", ProjectsAccess.mayWrite(me))
                .addAttribute("mayExportIds", ProjectsAccess.mayExportIdNumbers(me))
                .addAttribute("today", pages.today());
        return "projects/dividends";
    }

    @GetMapping("/projects/dividends/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String period,
                @RequestParam(required = false) String shortOnly, @RequestParam(required = false) Long asset,
                HttpServletResponse response) throws IOException {
        CurrentUser me = reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Dividends.Filter f = new Dividends.Filter(period(period), "on".equals(shortOnly) || "true".equals(shortOnly), asset);
        List<Dividends.Row> rows = dividends.list(f, a, 1, 0);
        Map<Long, HouseholdApi.Ref> refs = households.refs(rows.stream().map(Dividends.Row::householdId).toList(), me.scope());
        Map<String, String> villages = pages.shortNames(rows.stream().map(Dividends.Row::villageCode).toList());
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "dividends"
                + (f.period() == null ? "" : " period=" + f.period()) + (f.shortOnly() ? " short" : ""));
        pages.xlsx(response, a.areaCode(), "projects.dividends.export.title", List.of(
                pages.condition("projects.col.period", f.period() == null ? null : String.valueOf(f.period())),
                new Object[] {pages.msg("projects.dividends.shortOnly"), f.shortOnly() ? pages.msg("xlsx.yes") : null}),
                List.of(pages.msg("projects.col.village"),
                pages.msg("projects.col.householdNo"), pages.msg("projects.col.head"), pages.msg("projects.col.asset"),
                pages.msg("projects.col.payer"), pages.msg("projects.col.period"), pages.msg("projects.col.due"),
                pages.msg("projects.col.paid"), pages.msg("projects.col.shortfall"), pages.msg("projects.col.paidOn")), sink -> {
            for (Dividends.Row d : rows) {
                HouseholdApi.Ref h = refs.get(d.householdId());
                sink.accept(Arrays.asList(villages.get(d.villageCode()), h == null ? "" : h.householdNo(),
                        h == null ? "" : h.headName(), d.assetName(), d.payer(), d.period(), d.due(), d.paid(),
                        d.shortfall(), d.paidOn()));
            }
        });
    }

    /**
     * feeds.md's enterprise_payments file of the area in view (one month, or all), for the comparison's uploads: the
     * household heads' id numbers in full, so only for those who may export them, audited with the number of lines.
     */
    @GetMapping("/projects/dividends/payments")
    void payments(@RequestParam(required = false) String area, @RequestParam(required = false) String month,
                  HttpServletResponse response) throws IOException {
        CurrentUser me = reader();
        if (!ProjectsAccess.mayExportIdNumbers(me)) throw new AccessDeniedException("payments file by " + me.role());
        AreaScope a = CurrentUsers.areaInView(area);
        YearMonth m = month != null && month.matches("\\d{4}-(0[1-9]|1[0-2])") ? YearMonth.parse(month) : null;
        StringBuilder out = new StringBuilder();
        int[] counts = dividends.paymentsFile(a, m, line -> out.append(line).append("\r\n"));
        audit.record(AuditAction.DIVIDEND_PAYMENTS_EXPORT, null, null, a.areaCode(), List.of(),
                "enterprise_payments" + (m == null ? "" : " " + m) + " lines=" + counts[0] + " withoutHead=" + counts[1]);
        String file = "enterprise_payments" + (m == null ? "" : "_" + m) + ".csv";
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"; filename*=UTF-8''"
                + URLEncoder.encode(pages.shortName(a.areaCode()) + "_" + file, StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("Cache-Control", "no-store");
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @PostMapping("/projects/dividends/{id}/pay")
    String pay(@PathVariable long id, @Valid @ModelAttribute("pay") PayCmd cmd, BindingResult br, RedirectAttributes ra,
               @RequestParam(required = false) String back) {
        CurrentUser me = CurrentUsers.require();
        ProjectsAccess.requireWrite(me);
        Dividends.Row d = dividends.find(id, me.scope())
                .orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("dividend " + id));
        String key = null;
        Object[] args = {};
        if (br.hasErrors()) {
            key = "projects.dividend.pay.invalid";
        } else {
            try {
                dividends.pay(id, cmd, me);
                ra.addFlashAttribute("done", "projects.dividend.paid");
            } catch (Refused e) {
                key = e.key();
                args = e.args();
            } catch (StaleVersion e) {
                key = "projects.stale";
            }
        }
        if (key != null) ra.addFlashAttribute("payError", pages.msg(key, args)).addFlashAttribute("payId", id);
        return "redirect:/projects/assets/" + d.assetId() + "#dividends";
    }
}
