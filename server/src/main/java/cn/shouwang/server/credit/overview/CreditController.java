package cn.shouwang.server.credit.overview;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.credit.Access;
import cn.shouwang.server.credit.Names;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** 小额信贷 ({@code /credit}): lending in a year against the target, outstanding and overdue, per child area; 导出Excel. */
@Controller
class CreditController {
    private final CreditFiguresStore store;
    private final AuditApi audit;
    private final Names names;

    CreditController(CreditFiguresStore store, AuditApi audit, Names names) {
        this.store = store;
        this.audit = audit;
        this.names = names;
    }

    record Row(String code, String name, CreditFiguresStore.Line line) {}

    record Table(List<Row> rows, Row sum, boolean drill) {}

    Table table(AreaScope a, int year) {
        int digits = a.childDigits();
        boolean drill = digits > a.prefix().length();
        Map<String, String> children = new LinkedHashMap<>();
        if (drill) for (AreaInfo c : names.children(a.areaCode())) children.put(c.code(), c.shortName());
        Map<String, CreditFiguresStore.Line> f = store.figures(a, digits, year);
        List<String> codes = new ArrayList<>(children.keySet());
        codes.add(a.areaCode());
        Map<String, BigDecimal> t = store.targets(codes, year);
        List<Row> rows = new ArrayList<>();
        CreditFiguresStore.Line sum = CreditFiguresStore.Line.ZERO;
        for (Map.Entry<String, String> c : children.entrySet()) {
            CreditFiguresStore.Line l = f.getOrDefault(c.getKey(), CreditFiguresStore.Line.ZERO).withTarget(t.get(c.getKey()));
            rows.add(new Row(c.getKey(), c.getValue(), l));
            sum = new CreditFiguresStore.Line(sum.loansInYear() + l.loansInYear(), sum.lentInYear().add(l.lentInYear()), null,
                    sum.open() + l.open(), sum.outstanding().add(l.outstanding()), sum.overdue() + l.overdue(),
                    sum.overdueOutstanding().add(l.overdueOutstanding()));
        }
        if (!drill) sum = f.getOrDefault(a.areaCode(), CreditFiguresStore.Line.ZERO);
        return new Table(rows, new Row(a.areaCode(), names.area(a.areaCode()), sum.withTarget(t.get(a.areaCode()))), drill);
    }

    private int year(@Nullable Integer year) {
        int now = store.today().getYear();
        return year == null || year < 2000 || year > now + 1 ? now : year;
    }

    @GetMapping("/credit")
    String overview(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year, Model model) {
        AreaScope a = CurrentUsers.areaInView(area);
        int y = year(year);
        Table t = table(a, y);
        int now = store.today().getYear();
        List<Row> targetAreas = new ArrayList<>();
        if (Access.maySetTargets()) {
            AreaScope own = CurrentUsers.require().scope();
            if (own.areaCode().equals(a.areaCode()) && own.level() == 3) targetAreas.add(t.sum());
            for (Row r : t.rows()) if (!own.areaCode().equals(r.code())) targetAreas.add(r);
            if (!t.drill() && !own.areaCode().equals(a.areaCode())) targetAreas.add(t.sum());
        }
        List<Row> all = new ArrayList<>(t.rows());
        all.add(t.sum());
        model.addAttribute("table", t).addAttribute("allRows", all).addAttribute("year", y).addAttribute("years", List.of(now + 1, now, now - 1, now - 2))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("areaName", names.area(a.areaCode())).addAttribute("targetAreas", targetAreas)
                .addAttribute("maySetTargets", Access.maySetTargets());
        return "credit/overview";
    }

    static final BigDecimal MAX_WAN = new BigDecimal("100000000");

    @PostMapping("/credit/targets")
    String setTarget(@RequestParam String areaCode, @RequestParam int year, @RequestParam(required = false) BigDecimal wan,
                     @RequestParam(required = false) String area, RedirectAttributes ra) {
        if (!Access.maySetTargets()) throw new org.springframework.security.access.AccessDeniedException("targets");
        try {
            // what the table holds: a year of 2000–2100, under 10^12 yuan (numeric(14,2)), else a 500 from the database
            if (year < 2000 || year > 2100) throw new Access.Refused("credit.refused.year");
            if (wan == null || wan.signum() < 0 || wan.compareTo(MAX_WAN) >= 0) throw new Access.Refused("credit.refused.target");
            BigDecimal yuan = wan.multiply(BigDecimal.valueOf(10000)).setScale(2, java.math.RoundingMode.HALF_UP);
            store.setTarget(areaCode, year, yuan, CurrentUsers.require());
            ra.addFlashAttribute("done", names.msg("credit.target.done", names.area(areaCode), year,
                    CreditFiguresStore.wan(yuan).toPlainString()));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/credit").queryParam("year", year)
                .queryParamIfPresent("area", java.util.Optional.ofNullable(area).filter(s -> !s.isBlank()))
                .build().toUriString();
    }

    @GetMapping("/credit/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                HttpServletResponse response) throws IOException {
        AreaScope a = CurrentUsers.areaInView(area);
        int y = year(year);
        Table t = table(a, y);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "micro-credit figures " + y);
        String areaName = names.area(a.areaCode());
        String title = names.msg("credit.overview.title");
        XlsxWriter x = names.excel(response, names.heading(a.areaCode(), title, y)
                        .with(names.msg("credit.year"), String.valueOf(y)),
                List.of(names.msg("credit.col.area"), names.msg("credit.col.target"), names.msg("credit.col.loansInYear"),
                        names.msg("credit.col.lentInYear"), names.msg("credit.col.percent"), names.msg("credit.col.open"),
                        names.msg("credit.col.outstandingWan"), names.msg("credit.col.overdue"),
                        names.msg("credit.col.overdueWan")));
        List<Row> all = new ArrayList<>(t.rows());
        all.add(new Row(t.sum().code(), names.msg("credit.sum"), t.sum().line()));
        for (Row r : all) {
            var l = r.line();
            x.row(r.name(), CreditFiguresStore.wan(l.target()), l.loansInYear(), CreditFiguresStore.wan(l.lentInYear()),
                    l.percent(), l.open(), CreditFiguresStore.wan(l.outstanding()), l.overdue(),
                    CreditFiguresStore.wan(l.overdueOutstanding()));
        }
        Names.finish(x, response);
    }
}
