package cn.shouwang.server.eldervisits.people;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.eldervisits.ElderPlaces;
import cn.shouwang.server.eldervisits.ElderRefusal;
import cn.shouwang.server.eldervisits.classes.ElderClasses;
import cn.shouwang.server.eldervisits.visitors.Visitors;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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

/**
 * 巡访关爱: the older people of the area in view (overdue and due first), a visitor's own list on the phone, one
 * person with the visit form, the enrolment from the registry, coverage per village, and the exports.
 */
@Controller
class PeopleController {
    private final ExcelExports exports;
    private final People people;
    private final ElderClasses classes;
    private final Visitors visitors;
    private final ElderPlaces places;
    private final HouseholdApi households;
    private final MessageSource messages;
    private final AuditApi audit;

    PeopleController(People people, ElderClasses classes, Visitors visitors, ElderPlaces places, HouseholdApi households,
                     MessageSource messages, AuditApi audit, ExcelExports exports) {
        this.exports = exports;
        this.people = people;
        this.classes = classes;
        this.visitors = visitors;
        this.places = places;
        this.households = households;
        this.messages = messages;
        this.audit = audit;
    }

    private static boolean en() {
        return LocaleContextHolder.getLocale().getLanguage().equals("en");
    }

    private static People.@Nullable Standing standing(@Nullable String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return People.Standing.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void listModel(Model model, People.Filter f, int p, int s) {
        long total = people.count(f);
        List<People.Person> rows = people.list(f, (p - 1) * s, s);
        Paging.toModel(model, p, s, total);
        model.addAttribute("rows", rows).addAttribute("today", people.today())
                .addAttribute("villageNames", places.names(rows.stream().map(People.Person::villageCode).distinct().toList()))
                .addAttribute("classNames", classes.names(en()));
    }

    @GetMapping("/elder-visits")
    String list(@RequestParam(required = false) @Nullable String area, @RequestParam(required = false) @Nullable String cls,
                @RequestParam(required = false) @Nullable Long visitor, @RequestParam(required = false) @Nullable String standing,
                @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable Integer page,
                @RequestParam(required = false) @Nullable Integer size, Model model) {
        AreaScope view = CurrentUsers.areaInView(area);
        People.Filter f = new People.Filter(view, blank(cls), visitor, standing(standing), blank(q), null);
        listModel(model, f, Paging.page(page), Paging.size(size));
        LocalDate today = people.today();
        List<People.Coverage> cov = people.coverage(view, today.withDayOfMonth(1), today);
        model.addAttribute("area", area == null ? "" : area).addAttribute("cls", cls == null ? "" : cls)
                .addAttribute("visitor", visitor).addAttribute("standing", standing == null ? "" : standing)
                .addAttribute("q", q == null ? "" : q)
                .addAttribute("villages", places.villages(CurrentUsers.viewScope()))
                .addAttribute("classes", classes.active()).addAttribute("visitors", visitors.inArea(view, true))
                .addAttribute("areaName", places.name(view.areaCode()))
                .addAttribute("peopleTotal", cov.stream().mapToLong(People.Coverage::people).sum())
                .addAttribute("visitedThisMonth", cov.stream().mapToLong(People.Coverage::visited).sum())
                .addAttribute("overdueTotal", cov.stream().mapToLong(People.Coverage::overdue).sum())
                .addAttribute("mayWrite", ElderPlaces.mayWrite(CurrentUsers.require()));
        return "eldervisits/people";
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The visitor's own people (the visitor records linked to the signed-in account), overdue and due first. */
    @GetMapping("/elder-visits/mine")
    String mine(@RequestParam(required = false) @Nullable Integer page, Model model) {
        CurrentUser u = CurrentUsers.require();
        List<Long> mine = visitors.ofAccount(u.accountId());
        People.Filter f = new People.Filter(u.scope(), null, null, null, null, mine);
        listModel(model, f, Paging.page(page), 50);
        model.addAttribute("linked", !mine.isEmpty());
        return "eldervisits/mine";
    }

    @GetMapping("/elder-visits/people/{id}")
    String person(@PathVariable long id, Model model) {
        People.Person p = people.find(id, CurrentUsers.viewScope()).orElseThrow(() -> new OutOfScopeException("person"));
        model.addAttribute("p", p).addAttribute("today", people.today())
                .addAttribute("villageName", places.name(p.villageCode()))
                .addAttribute("classNames", classes.names(en())).addAttribute("classes", classes.active())
                .addAttribute("visitors", visitors.inArea(new AreaScope(p.villageCode()), true))
                .addAttribute("visits", people.visits(id))
                .addAttribute("groups", Finding.Group.values())
                .addAttribute("findings", java.util.Arrays.stream(Finding.Group.values())
                        .collect(Collectors.toMap(g -> g, Finding::of)))
                .addAttribute("mayWrite", ElderPlaces.mayWrite(CurrentUsers.require()));
        return "eldervisits/person";
    }

    @PostMapping("/elder-visits/people/{id}/visits")
    String visit(@PathVariable long id, @Valid @ModelAttribute PeopleCmd.Visit cmd, BindingResult binding,
                 RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        ElderPlaces.requireWriter(u);
        Locale l = LocaleContextHolder.getLocale();
        return run(binding, ra, () -> {
            People.Person p = people.find(id, u.scope()).orElseThrow(() -> new OutOfScopeException("person"));
            String found = cmd.findingList().stream().filter(Finding::risk)
                    .map(f -> messages.getMessage("eldervisits.finding." + f, null, l)).collect(Collectors.joining(", "));
            String description = messages.getMessage("eldervisits.lead.description",
                    new Object[] {p.name(), cmd.visitedOn().toString(), found, cmd.noteText()}, l);
            people.visit(id, cmd, description, u);
        }, "eldervisits.done.visit", "/elder-visits/people/" + id);
    }

    @PostMapping("/elder-visits/people/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute PeopleCmd.Update cmd, BindingResult binding,
                  RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        ElderPlaces.requireWriter(u);
        return run(binding, ra, () -> people.update(id, cmd, u), "eldervisits.done.person", "/elder-visits/people/" + id);
    }

    /** Enrolment: find the household (number or name), then choose the member, the classes and the visitor. */
    @GetMapping("/elder-visits/new")
    String enrolForm(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String no,
                     Model model) {
        CurrentUser u = CurrentUsers.require();
        ElderPlaces.requireWriter(u);
        model.addAttribute("q", q == null ? "" : q)
                .addAttribute("picks", q == null || q.isBlank() ? List.of() : households.pick(q.strip(), u.scope(), 20));
        if (no != null && !no.isBlank()) {
            HouseholdApi.Ref ref = households.refByNo(no.strip(), u.scope()).orElseThrow(() -> new OutOfScopeException("household"));
            Views.Household h = households.findHousehold(ref.id(), u.scope()).orElseThrow(() -> new OutOfScopeException("household"));
            int year = people.today().getYear();
            model.addAttribute("h", h).addAttribute("villageName", places.name(h.villageCode()))
                    .addAttribute("members", h.members().stream()
                            .filter(m -> m.status().equals("ACTIVE") && year - m.birthYear() >= People.MIN_AGE).toList())
                    .addAttribute("year", year)
                    .addAttribute("classes", classes.active()).addAttribute("en", en())
                    .addAttribute("visitors", visitors.inArea(new AreaScope(h.villageCode()), true));
        }
        return "eldervisits/enrol";
    }

    @PostMapping("/elder-visits/people")
    String enrol(@Valid @ModelAttribute PeopleCmd.Enrol cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        ElderPlaces.requireWriter(u);
        Locale l = LocaleContextHolder.getLocale();
        if (!binding.hasErrors()) {
            try {
                long id = people.enrol(cmd, u);
                ra.addFlashAttribute("done", messages.getMessage("eldervisits.done.enrol", null, l));
                return "redirect:/elder-visits/people/" + id;
            } catch (ElderRefusal r) {
                ra.addFlashAttribute("error", List.of(messages.getMessage(r.messageKey(), r.args(), l)));
            }
        } else {
            ra.addFlashAttribute("error", binding.getAllErrors().stream().map(e -> messages.getMessage(e, l)).distinct().toList());
        }
        String no = cmd.householdId() == null ? null
                : households.ref(cmd.householdId(), u.scope()).map(HouseholdApi.Ref::householdNo).orElse(null);
        return no == null ? "redirect:/elder-visits/new" : "redirect:/elder-visits/new?no=" + no;
    }

    @GetMapping("/elder-visits/coverage")
    String coverage(@RequestParam(required = false) @Nullable String area,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
                    Model model) {
        AreaScope view = CurrentUsers.areaInView(area);
        LocalDate[] period = period(from, to);
        List<People.Coverage> rows = people.coverage(view, period[0], period[1]);
        model.addAttribute("rows", rows).addAttribute("from", period[0]).addAttribute("to", period[1])
                .addAttribute("area", area == null ? "" : area).addAttribute("areaName", places.name(view.areaCode()))
                .addAttribute("villageNames", places.names(rows.stream().map(People.Coverage::villageCode).toList()))
                .addAttribute("villages", places.villages(CurrentUsers.viewScope()));
        return "eldervisits/coverage";
    }

    /** The period asked, else this month so far; a reversed period is turned round. */
    private LocalDate[] period(@Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate today = people.today();
        LocalDate f = from == null ? today.withDayOfMonth(1) : from;
        LocalDate t = to == null ? today : to;
        return f.isAfter(t) ? new LocalDate[] {t, f} : new LocalDate[] {f, t};
    }

    @GetMapping("/elder-visits/export")
    void export(@RequestParam(required = false) @Nullable String area, @RequestParam(required = false) @Nullable String cls,
                @RequestParam(required = false) @Nullable Long visitor, @RequestParam(required = false) @Nullable String standing,
                @RequestParam(required = false) @Nullable String q, HttpServletResponse response) throws IOException {
        AreaScope view = CurrentUsers.areaInView(area);
        People.Filter f = new People.Filter(view, blank(cls), visitor, standing(standing), blank(q), null);
        Locale l = LocaleContextHolder.getLocale();
        Map<String, String> classNames = classes.names(en());
        String title = messages.getMessage("eldervisits.people.title", null, l);
        List<String> headers = List.of("village", "name", "age", "classes", "visitor", "lastVisit", "dueOn", "standing")
                .stream().map(k -> messages.getMessage("eldervisits.col." + k, null, l)).toList();
        ExcelExports.Heading h = exports.heading(places.path(view.areaCode()), title, people.today())
                .with(messages.getMessage("eldervisits.col.classes", null, l), f.elderClass() == null ? exports.any()
                        : classNames.getOrDefault(f.elderClass(), f.elderClass()))
                .with(messages.getMessage("eldervisits.col.standing", null, l), standing(standing) == null ? exports.any()
                        : messages.getMessage("eldervisits.standing." + standing(standing), null, l))
                .with(messages.getMessage("xlsx.search", null, l), blank(q));
        send(response, view, h, headers, x -> {
            LocalDate today = people.today();
            int n = 0;
            for (int off = 0; ; off += 500) {
                List<People.Person> page = people.list(f, off, 500);
                Map<String, String> names = places.names(page.stream().map(People.Person::villageCode).distinct().toList());
                for (People.Person p : page) {
                    x.row(names.getOrDefault(p.villageCode(), p.villageCode()), p.name(), p.age(today),
                            p.classesIn(classNames, messages.getMessage("eldervisits.separator", null, l)),
                            p.visitorName(), p.lastVisit(), p.dueOn(),
                            messages.getMessage("eldervisits.standing." + p.standing(today), null, l));
                }
                n += page.size();
                if (page.size() < 500) return n;
            }
        });
    }

    @GetMapping("/elder-visits/coverage/export")
    void exportCoverage(@RequestParam(required = false) @Nullable String area,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
                        HttpServletResponse response) throws IOException {
        AreaScope view = CurrentUsers.areaInView(area);
        LocalDate[] period = period(from, to);
        Locale l = LocaleContextHolder.getLocale();
        String title = messages.getMessage("eldervisits.coverage.title", null, l);
        List<String> headers = List.of("village", "people", "visited", "share", "visits", "overdue").stream()
                .map(k -> messages.getMessage("eldervisits.col." + k, null, l)).toList();
        ExcelExports.Heading h = exports.heading(places.path(view.areaCode()), title, people.today())
                .with(messages.getMessage("eldervisits.coverage.period", null, l), period[0] + " ~ " + period[1]);
        send(response, view, h, headers, x -> {
            List<People.Coverage> rows = people.coverage(view, period[0], period[1]);
            Map<String, String> names = places.names(rows.stream().map(People.Coverage::villageCode).toList());
            for (People.Coverage c : rows) {
                x.row(names.getOrDefault(c.villageCode(), c.villageCode()), c.people(), c.visited(), c.percent(),
                        c.visits(), c.overdue());
            }
            return rows.size();
        });
    }

    interface Rows {
        int write(XlsxWriter x) throws IOException;
    }

    private void send(HttpServletResponse response, AreaScope view, ExcelExports.Heading h, List<String> headers, Rows rows)
            throws IOException {
        String title = h.what();
        int n;
        try (XlsxWriter x = exports.open(response, h, headers)) {
            n = rows.write(x);
            x.writeTo(response.getOutputStream());
        }
        audit.record(AuditAction.EXPORT, null, null, view.areaCode(), List.of(), "elder-visits " + title + " " + n + " rows");
    }

    private String run(BindingResult binding, RedirectAttributes ra, Runnable change, String done, String back) {
        Locale l = LocaleContextHolder.getLocale();
        if (binding.hasErrors()) {
            ra.addFlashAttribute("error", binding.getAllErrors().stream().map(e -> messages.getMessage(e, l)).distinct().toList());
        } else {
            try {
                change.run();
                ra.addFlashAttribute("done", messages.getMessage(done, null, l));
            } catch (ElderRefusal r) {
                ra.addFlashAttribute("error", List.of(messages.getMessage(r.messageKey(), r.args(), l)));
            }
        }
        return "redirect:" + back;
    }
}
