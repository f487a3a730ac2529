package cn.shouwang.server.employment.targets;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.employment.Access;
import cn.shouwang.server.employment.Names;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

/** 就业帮扶 ({@code /employment}): jobs held in a year against the targets, per child area, 导出Excel, targets set. */
@Controller
class EmploymentController {
    private final EmploymentTargets targets;
    private final AuditApi audit;
    private final Names names;

    EmploymentController(EmploymentTargets targets, AuditApi audit, Names names) {
        this.targets = targets;
        this.audit = audit;
        this.names = names;
    }

    /** The area's lines per child area (or the village itself), and the area's own line last. */
    record Table(List<Row> rows, Row sum, boolean drill) {}

    record Row(String code, String name, EmploymentTargets.Line line) {}

    Table table(AreaScope a, int year) {
        int digits = a.childDigits();
        boolean drill = digits > a.prefix().length();
        Map<String, String> children = new LinkedHashMap<>();
        if (drill) for (AreaInfo c : names.children(a.areaCode())) children.put(c.code(), c.shortName());
        Map<String, long[]> counts = targets.counts(a, digits, year);
        List<String> codes = new ArrayList<>(children.keySet());
        codes.add(a.areaCode());
        Map<String, Integer> t = targets.targets(codes, year);
        List<Row> rows = new ArrayList<>();
        long jobs = 0;
        long places = 0;
        for (Map.Entry<String, String> c : children.entrySet()) {
            long[] n = counts.getOrDefault(c.getKey(), new long[2]);
            jobs += n[0];
            places += n[1];
            rows.add(new Row(c.getKey(), c.getValue(), new EmploymentTargets.Line(c.getKey(), t.get(c.getKey()), n[0], n[1])));
        }
        if (!drill) {
            long[] n = counts.getOrDefault(a.areaCode(), new long[2]);
            jobs = n[0];
            places = n[1];
        }
        Row sum = new Row(a.areaCode(), names.area(a.areaCode()), new EmploymentTargets.Line(a.areaCode(),
                t.get(a.areaCode()), jobs, places));
        return new Table(rows, sum, drill);
    }

    private int year(@Nullable Integer year) {
        int now = targets.today().getYear();
        return year == null || year < 2000 || year > now + 1 ? now : year;
    }

    @GetMapping("/employment")
    String overview(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                    Model model) {
        AreaScope a = CurrentUsers.areaInView(area);
        int y = year(year);
        Table t = table(a, y);
        int now = targets.today().getYear();
        model.addAttribute("table", t).addAttribute("year", y).addAttribute("years", List.of(now + 1, now, now - 1, now - 2))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("areaName", names.area(a.areaCode()))
                .addAttribute("maySetTargets", Access.maySetTargets())
                .addAttribute("targetAreas", targetAreas(a, t));
        return "employment/overview";
    }

    /** The areas whose target the user may set from this page: the rows (and the county itself for a county). */
    private List<Row> targetAreas(AreaScope a, Table t) {
        if (!Access.maySetTargets()) return List.of();
        AreaScope own = CurrentUsers.require().scope();
        List<Row> out = new ArrayList<>();
        if (own.areaCode().equals(a.areaCode()) && own.level() == 3) out.add(t.sum());
        for (Row r : t.rows()) if (own.covers(r.code()) && !own.areaCode().equals(r.code())) out.add(r);
        if (!t.drill() && !own.areaCode().equals(a.areaCode())) out.add(t.sum());
        return out;
    }

    @PostMapping("/employment/targets")
    String setTarget(@RequestParam String areaCode, @RequestParam int year,
                     @RequestParam(required = false) Integer jobs, @RequestParam(required = false) String area,
                     RedirectAttributes ra) {
        if (!Access.maySetTargets()) throw new org.springframework.security.access.AccessDeniedException("targets");
        try {
            // the table's year is 2000–2100 (a smallint with a check): refused in words, not a 500 from the database
            if (year < 2000 || year > 2100) throw new Access.Refused("employment.refused.year");
            if (jobs == null) throw new Access.Refused("employment.refused.target");
            targets.set(areaCode, year, jobs, CurrentUsers.require());
            ra.addFlashAttribute("done", names.msg("employment.target.done", names.area(areaCode), year, jobs));
        } catch (Access.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.key(), e.args()));
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/employment").queryParam("year", year)
                .queryParamIfPresent("area", java.util.Optional.ofNullable(area).filter(s -> !s.isBlank()))
                .build().toUriString();
    }

    @GetMapping("/employment/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) Integer year,
                HttpServletResponse response) throws IOException {
        AreaScope a = CurrentUsers.areaInView(area);
        int y = year(year);
        Table t = table(a, y);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "employment targets " + y);
        String areaName = names.area(a.areaCode());
        String title = names.msg("employment.overview.title");
        XlsxWriter x = names.excel(response, names.heading(a.areaCode(), title, y)
                        .with(names.msg("employment.year"), String.valueOf(y)),
                List.of(names.msg("employment.col.area"), names.msg("employment.col.target"),
                        names.msg("employment.col.jobs"), names.msg("employment.col.workshopPlaces"),
                        names.msg("employment.col.total"), names.msg("employment.col.percent")));
        List<Row> all = new ArrayList<>(t.rows());
        all.add(new Row(t.sum().code(), names.msg("employment.sum"), t.sum().line()));
        for (Row r : all) {
            var l = r.line();
            x.row(r.name(), l.target(), l.jobs(), l.workshopPlaces(), l.total(), l.percent());
        }
        Names.finish(x, response);
    }
}
