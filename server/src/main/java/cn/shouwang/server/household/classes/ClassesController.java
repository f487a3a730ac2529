package cn.shouwang.server.household.classes;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 脱贫户分类 ({@code /households/classes}): the worklist of formerly-poor households not yet classified or due for their
 * yearly review, with the figures per child area and class (the area tree: each child links to its own list), paged,
 * 导出Excel, classify in bulk; and the classification of one household from its page.
 */
@Controller
class ClassesController {

    private final ExcelExports exports;
    private final FormerlyPoorClasses classes;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;

    ClassesController(FormerlyPoorClasses classes, AreaApi areas, AuditApi audit, MessageSource messages, ExcelExports exports) {
        this.exports = exports;
        this.classes = classes;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
    }

    static boolean mayClassify() {
        return FormerlyPoorClasses.mayClassify(CurrentUsers.require().role());
    }



    /** One child area's row of the figures: per class code (key "" = unclassified), and the reviews due. */
    record AreaRow(String code, String name, Map<String, Long> byClass, long due, long total) {}

    @GetMapping("/households/classes")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String show,
                @RequestParam(required = false) String cls, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String dir, Model model) {
        AreaScope a = CurrentUsers.areaInView(area);
        FormerlyPoorClasses.Show s = show(show);
        Map<String, FormerlyPoorClasses.ClassCode> codes = classes.byCode(a.areaCode());
        String c = cls != null && codes.containsKey(cls) ? cls : null;
        FormerlyPoorClasses.Filter f = new FormerlyPoorClasses.Filter(a, s, c);
        int p = Paging.page(page);
        int z = Paging.size(size);
        int total = classes.count(f);
        String sk = sort != null && FormerlyPoorClasses.SORTS.containsKey(sort) ? sort : null;
        List<FormerlyPoorClasses.Row> rows = classes.list(f, p, z, sk, dir);
        Paging.toModel(model, p, z, total);
        Map<String, String> villages = new HashMap<>();
        rows.forEach(r -> villages.computeIfAbsent(r.villageCode(), this::shortName));
        model.addAttribute("rows", rows).addAttribute("villages", villages)
                .addAttribute("codes", codes).addAttribute("shows", FormerlyPoorClasses.Show.values())
                .addAttribute("show", s).addAttribute("cls", c).addAttribute("sort", sk)
                .addAttribute("dir", "desc".equals(dir) ? "desc" : "asc")
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("areaName", name(a.areaCode()))
                .addAttribute("up", up(a))
                .addAttribute("today", classes.today())
                .addAttribute("mayClassify", mayClassify())
                .addAttribute("choices", codes.values().stream().filter(FormerlyPoorClasses.ClassCode::active).toList());
        figures(a, codes, model);
        return "household/classes";
    }

    /** The area one level up, if still inside the area in view (a link back up the tree). */
    private @Nullable String up(AreaScope a) {
        AreaScope view = CurrentUsers.viewScope();
        if (a.areaCode().equals(view.areaCode())) return null;
        return areas.find(a.areaCode()).map(AreaInfo::parentCode).filter(view::covers).orElse(null);
    }

    /** The figures of the area per child area and class, and their sum: what the workbench shows too. */
    void figures(AreaScope a, Map<String, FormerlyPoorClasses.ClassCode> codes, Model model) {
        int digits = a.childDigits();
        Map<String, String> names = new LinkedHashMap<>();
        if (digits > a.prefix().length()) areas.children(a.areaCode()).forEach(x -> names.put(x.code(), x.name()));
        Map<String, Map<String, Long>> by = new LinkedHashMap<>();
        Map<String, Long> due = new HashMap<>();
        for (FormerlyPoorClasses.Figure fig : classes.figures(a, digits)) {
            by.computeIfAbsent(fig.areaCode(), k -> new HashMap<>()).merge(fig.classCode() == null ? "" : fig.classCode(),
                    fig.households(), Long::sum);
            due.merge(fig.areaCode(), fig.due(), Long::sum);
        }
        List<AreaRow> rows = new ArrayList<>();
        Map<String, Long> sum = new HashMap<>();
        long sumDue = 0;
        long sumTotal = 0;
        for (Map.Entry<String, Map<String, Long>> e : by.entrySet()) {
            long t = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            rows.add(new AreaRow(e.getKey(), names.getOrDefault(e.getKey(), name(e.getKey())), e.getValue(),
                    due.getOrDefault(e.getKey(), 0L), t));
            e.getValue().forEach((k, v) -> sum.merge(k, v, Long::sum));
            sumDue += due.getOrDefault(e.getKey(), 0L);
            sumTotal += t;
        }
        model.addAttribute("figureRows", rows)
                .addAttribute("figureSum", new AreaRow(a.areaCode(), name(a.areaCode()), sum, sumDue, sumTotal))
                .addAttribute("drill", digits > a.prefix().length());
    }

    private static FormerlyPoorClasses.Show show(@Nullable String s) {
        for (FormerlyPoorClasses.Show x : FormerlyPoorClasses.Show.values()) if (x.name().equals(s)) return x;
        return FormerlyPoorClasses.Show.TODO;
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private String shortName(String code) {
        return areas.find(code).map(AreaInfo::shortName).orElse(code);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /** 导出Excel of what the filters show (every page), audited with the filter. */
    @GetMapping("/households/classes/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String show,
                @RequestParam(required = false) String cls, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String dir, HttpServletResponse response) throws IOException {
        AreaScope a = CurrentUsers.areaInView(area);
        FormerlyPoorClasses.Show s = show(show);
        Map<String, FormerlyPoorClasses.ClassCode> codes = classes.byCode(a.areaCode());
        String c = cls != null && codes.containsKey(cls) ? cls : null;
        FormerlyPoorClasses.Filter f = new FormerlyPoorClasses.Filter(a, s, c);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "formerly-poor classes " + s
                + (c == null ? "" : " " + c));
        Locale locale = LocaleContextHolder.getLocale();
        LocalDate today = classes.today();
        ExcelExports.Heading h = exports.heading(areas.pathName(a.areaCode()), msg("classes.title"), today)
                .with(msg("classes.filter.show"), msg("classes.show." + s))
                .with(msg("classes.col.class"), c == null ? exports.any() : codes.get(c).name(locale));
        Map<String, String> villages = new HashMap<>();
        try (XlsxWriter x = exports.open(response, h, List.of(msg("classes.col.village"),
                msg("classes.col.householdNo"), msg("classes.col.head"), msg("classes.col.exitYear"),
                msg("classes.col.class"), msg("classes.col.classifiedOn"), msg("classes.col.reviewDue"),
                msg("classes.col.state"), msg("classes.col.by")))) {
            for (int p = 1; ; p++) {
                List<FormerlyPoorClasses.Row> batch = classes.list(f, p, 1000, sort, dir);
                for (FormerlyPoorClasses.Row r : batch) {
                    FormerlyPoorClasses.ClassCode k = r.classCode() == null ? null : codes.get(r.classCode());
                    x.row(villages.computeIfAbsent(r.villageCode(), this::shortName), r.householdNo(), r.headName(),
                            r.exitYear(), k == null ? (r.classCode() == null ? "" : r.classCode()) : k.name(locale),
                            r.classifiedOn(), r.reviewDue(), msg("classes.state." + r.state(today)),
                            r.byName() == null ? "" : r.byName());
                }
                if (batch.size() < 1000) break;
            }
            x.writeTo(response.getOutputStream());
        }
    }

    /** Classify the ticked households of the list at once. */
    @PostMapping("/households/classes")
    String classifyMany(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String cls,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                        @RequestParam(required = false) String reason,
                        @RequestParam(required = false) String area, @RequestParam(required = false) String show,
                        @RequestParam(required = false) String filterCls, RedirectAttributes ra) {
        String back = UriComponentsBuilder.fromPath("/households/classes").queryParamIfPresent("area", opt(area))
                .queryParamIfPresent("show", opt(show)).queryParamIfPresent("cls", opt(filterCls)).build().encode()
                .toUriString();
        return classify(ids == null ? List.of() : ids, cls, on, reason, ra, back);
    }

    /** Classify one household from its page. */
    @PostMapping("/households/{id}/class")
    String classifyOne(@PathVariable long id, @RequestParam(required = false) String cls,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                       @RequestParam(required = false) String reason, RedirectAttributes ra) {
        return classify(List.of(id), cls, on, reason, ra, "/households/" + id + "#classes");
    }

    private String classify(List<Long> ids, @Nullable String cls, @Nullable LocalDate on, @Nullable String reason,
                            RedirectAttributes ra, String back) {
        CurrentUser me = CurrentUsers.require();
        if (!FormerlyPoorClasses.mayClassify(me.role())) {
            throw new org.springframework.security.access.AccessDeniedException("classification by " + me.role());
        }
        try {
            if (cls == null || cls.isBlank()) throw new FormerlyPoorClasses.Refused("classes.class.required");
            int n = classes.classify(ids, me.scope(), cls, on == null ? classes.today() : on,
                    reason == null ? "" : reason, me);
            ra.addFlashAttribute("classDone", n);
        } catch (FormerlyPoorClasses.Refused e) {
            ra.addFlashAttribute("classError", e.key());
            ra.addFlashAttribute("classReason", reason);
        }
        return "redirect:" + back;
    }

    private static java.util.Optional<String> opt(@Nullable String s) {
        return s == null || s.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(s);
    }
}
