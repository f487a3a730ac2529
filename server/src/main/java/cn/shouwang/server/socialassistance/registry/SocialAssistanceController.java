package cn.shouwang.server.socialassistance.registry;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.XlsxWriter;
import cn.shouwang.server.socialassistance.Kinds.Frequency;
import cn.shouwang.server.socialassistance.Kinds.GrantKind;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.Kinds.LayerSource;
import cn.shouwang.server.socialassistance.MonitoredLayer;
import cn.shouwang.server.socialassistance.SocialTexts;
import cn.shouwang.server.socialassistance.Sa;
import cn.shouwang.server.socialassistance.Schedule;
import cn.shouwang.server.socialassistance.civillist.CivilListStore;
import cn.shouwang.server.socialassistance.payments.AssistancePaymentStore;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
 * 社会救助: the households of the area with their low-income layers and grants (list, 导出Excel), and one household's
 * view — its layers (the 防止返贫致贫对象 layer read from casework), grants with their next payments, payments, the
 * civil-affairs list's lines about it — with the forms to record layers and grants.
 */
@Controller
class SocialAssistanceController {
    private final ExcelExports exports;
    private final SocialList list;
    private final SocialRegistry registry;
    private final LowIncomeLayerStore layers;
    private final AssistanceGrantStore grants;
    private final AssistancePaymentStore payments;
    private final CivilListStore civil;
    private final MonitoredLayer monitoring;
    private final HouseholdApi households;
    private final AuditApi audit;
    private final SocialTexts names;
    private final Clock clock;

    SocialAssistanceController(SocialList list, SocialRegistry registry, LowIncomeLayerStore layers, AssistanceGrantStore grants,
                               AssistancePaymentStore payments, CivilListStore civil, MonitoredLayer monitoring,
                               HouseholdApi households, AuditApi audit, SocialTexts names, Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.list = list;
        this.registry = registry;
        this.layers = layers;
        this.grants = grants;
        this.payments = payments;
        this.civil = civil;
        this.monitoring = monitoring;
        this.households = households;
        this.audit = audit;
        this.names = names;
        this.clock = clock;
    }

    /** One line of the list: the household, its open layers (monitored included) and running grants. */
    record Row(long id, String householdNo, String villageName, String headName, List<Layer> layers,
               List<AssistanceGrantStore.GrantRow> grants) {}

    private List<Row> rows(List<SocialList.Entry> entries, AreaScope scope, LocalDate today, Map<Long, String> monitored) {
        List<Long> ids = entries.stream().map(SocialList.Entry::householdId).toList();
        Map<Long, HouseholdApi.Ref> refs = households.refs(ids, scope);
        Map<Long, List<Layer>> ls = new LinkedHashMap<>();
        for (LowIncomeLayerStore.LayerRow l : layers.ofHouseholds(ids, scope)) {
            if (!l.openOn(today)) continue;
            List<Layer> mine = ls.computeIfAbsent(l.householdId(), k -> new ArrayList<>());
            if (!mine.contains(l.layer())) mine.add(l.layer());
        }
        Map<Long, List<AssistanceGrantStore.GrantRow>> gs = new LinkedHashMap<>();
        for (AssistanceGrantStore.GrantRow g : grants.ofHouseholds(ids, scope)) {
            if (g.openOn(today)) gs.computeIfAbsent(g.householdId(), k -> new ArrayList<>()).add(g);
        }
        Map<String, String> villages = names.areas(entries.stream().map(SocialList.Entry::villageCode).distinct().toList());
        List<Row> out = new ArrayList<>();
        for (SocialList.Entry e : entries) {
            HouseholdApi.Ref ref = refs.get(e.householdId());
            List<Layer> mine = new ArrayList<>(ls.getOrDefault(e.householdId(), List.of()));
            if (monitored.containsKey(e.householdId())) mine.add(Layer.MONITORED);
            out.add(new Row(e.householdId(), ref == null ? "" : ref.householdNo(),
                    villages.getOrDefault(e.villageCode(), e.villageCode()), ref == null ? "" : ref.headName(), mine,
                    gs.getOrDefault(e.householdId(), List.of())));
        }
        return out;
    }

    @GetMapping("/social-assistance")
    String index(@RequestParam(required = false) Layer layer, @RequestParam(required = false) GrantKind kind,
                 @RequestParam(required = false) String area, @RequestParam(required = false) Integer page,
                 @RequestParam(required = false) Integer size, Model model) {
        AreaScope scope = CurrentUsers.areaInView(area);
        LocalDate today = LocalDate.now(clock);
        int p = Paging.page(page);
        int s = Paging.size(size);
        Layer stored = layer == Layer.MONITORED ? null : layer;
        SocialList.Filter f = new SocialList.Filter(scope, stored, kind, today);
        Map<Long, String> monitored = monitoring.monitored(scope);
        model.addAttribute("rows", rows(list.page(f, p, s), scope, today, monitored));
        Paging.toModel(model, p, s, list.count(f));
        model.addAttribute("layerCounts", list.layerCounts(scope, today));
        model.addAttribute("monitoredCount", monitored.size());
        model.addAttribute("grantFigures", list.grantFigures(scope, today));
        model.addAttribute("layer", stored);
        model.addAttribute("kind", kind);
        model.addAttribute("area", area == null || area.isBlank() ? null : area);
        model.addAttribute("areaName", names.area(scope.areaCode()));
        model.addAttribute("layers", List.of(Layer.MINIMUM_LIVING, Layer.EXTREME_POVERTY, Layer.MARGINAL,
                Layer.RIGID_EXPENDITURE, Layer.OTHER));
        model.addAttribute("kinds", GrantKind.values());
        model.addAttribute("mayPay", Sa.mayPay(CurrentUsers.require()));
        model.addAttribute("period", YearMonth.now(clock));
        return "socialassistance/index";
    }

    /** 导出Excel of what the filters show: every page, names not codes, amounts as numbers. */
    @GetMapping("/social-assistance/export")
    void export(@RequestParam(required = false) Layer layer, @RequestParam(required = false) GrantKind kind,
                @RequestParam(required = false) String area, HttpServletResponse response) throws IOException {
        AreaScope scope = CurrentUsers.areaInView(area);
        LocalDate today = LocalDate.now(clock);
        Layer stored = layer == Layer.MONITORED ? null : layer;
        SocialList.Filter f = new SocialList.Filter(scope, stored, kind, today);
        Map<Long, String> monitored = monitoring.monitored(scope);
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(),
                "social assistance" + (stored == null ? "" : " " + stored) + (kind == null ? "" : " " + kind));
        ExcelExports.Heading h = exports.heading(names.path(scope.areaCode()), names.msg("socialassistance.export.file"), today)
                .with(names.msg("socialassistance.layers"), layer == null ? exports.any() : names.msg("socialassistance.layer." + layer))
                .with(names.msg("socialassistance.grant.kind"), kind == null ? exports.any() : names.msg("socialassistance.kind." + kind));
        try (XlsxWriter x = exports.open(response, h, List.of(names.msg("socialassistance.village"),
                names.msg("socialassistance.householdNo"), names.msg("socialassistance.headName"),
                names.msg("socialassistance.layers"), names.msg("socialassistance.grant.kind"),
                names.msg("socialassistance.grant.recipient"), names.msg("socialassistance.grant.amount"),
                names.msg("socialassistance.grant.frequency"), names.msg("socialassistance.grant.start")))) {
            for (int p = 1; ; p++) {
                List<SocialList.Entry> batch = list.page(f, p, 500);
                for (Row r : rows(batch, scope, today, monitored)) {
                    String ls = String.join(names.msg("list.separator"), r.layers().stream().map(l -> names.msg("socialassistance.layer." + l)).toList());
                    if (r.grants().isEmpty()) {
                        x.row(r.villageName(), r.householdNo(), r.headName(), ls, null, null, null, null, null);
                    }
                    for (AssistanceGrantStore.GrantRow g : r.grants()) {
                        x.row(r.villageName(), r.householdNo(), r.headName(), ls, names.msg("socialassistance.kind." + g.kind()),
                                g.recipientName(), g.amount(), names.msg("socialassistance.frequency." + g.frequency()),
                                g.startedOn());
                    }
                }
                if (batch.size() < 500) break;
            }
            x.writeTo(response.getOutputStream());
        }
    }

    /** From a household number to its view (household numbers are not personal data: GET is fine). */
    @GetMapping("/social-assistance/find")
    String find(@RequestParam(required = false) String no, RedirectAttributes ra) {
        var ref = no == null || no.isBlank() ? java.util.Optional.<HouseholdApi.Ref>empty()
                : households.refByNo(no.strip(), CurrentUsers.require().scope());
        if (ref.isEmpty()) {
            ra.addFlashAttribute("error", names.msg("socialassistance.find.none"));
            return "redirect:/social-assistance";
        }
        return "redirect:/social-assistance/households/" + ref.get().id();
    }

    @GetMapping("/social-assistance/households/{id}")
    String household(@PathVariable long id, Model model) {
        CurrentUser u = CurrentUsers.require();
        Views.Household h = registry.household(id, u.scope());
        if (!model.containsAttribute("layerCmd")) {
            model.addAttribute("layerCmd", new Cmds.LayerCmd(null, null, LayerSource.COUNTY_DECISION, LocalDate.now(clock), null, ""));
        }
        if (!model.containsAttribute("grantCmd")) {
            model.addAttribute("grantCmd", new Cmds.GrantCmd(null, null, null, Frequency.MONTHLY, LocalDate.now(clock), null, "", null, ""));
        }
        return page(h, u, model);
    }

    private String page(Views.Household h, CurrentUser u, Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("h", h);
        model.addAttribute("villageName", names.area(h.villageCode()));
        model.addAttribute("layerRows", layers.ofHousehold(h.id(), u.scope()));
        String since = monitoring.monitored(new AreaScope(h.villageCode())).get(h.id());
        model.addAttribute("monitoredSince", since);
        List<AssistanceGrantStore.GrantRow> gs = grants.ofHousehold(h.id(), u.scope());
        model.addAttribute("grantRows", gs);
        Map<Long, List<Schedule.Due>> next = new LinkedHashMap<>();
        YearMonth now = YearMonth.from(today);
        for (AssistanceGrantStore.GrantRow g : gs) {
            next.put(g.id(), Schedule.dues(g.frequency(), g.amount(), g.startedOn(), g.endedOn(), now, now.plusMonths(11))
                    .stream().limit(4).toList());
        }
        model.addAttribute("nextDues", next);
        Map<Long, String> memberNames = new LinkedHashMap<>();
        h.members().forEach(m -> memberNames.put(m.id(), m.name()));
        model.addAttribute("memberNames", memberNames);
        model.addAttribute("members", h.members().stream().filter(m -> "ACTIVE".equals(m.status())).toList());
        model.addAttribute("paymentRows", payments.ofHousehold(h.id(), u.scope()));
        model.addAttribute("civilRows", civil.ofHousehold(h.id(), u.scope()));
        var measures = registry.floorMeasures(h.id(), u.scope());
        model.addAttribute("measures", measures);
        Map<Long, String> measureTexts = new LinkedHashMap<>();
        measures.forEach(m -> measureTexts.put(m.id(), m.description()));
        model.addAttribute("measureTexts", measureTexts);
        model.addAttribute("mayEdit", Sa.mayEdit(u));
        model.addAttribute("storedLayers", List.of(Layer.MINIMUM_LIVING, Layer.EXTREME_POVERTY, Layer.MARGINAL,
                Layer.RIGID_EXPENDITURE, Layer.OTHER));
        model.addAttribute("sources", LayerSource.values());
        model.addAttribute("kinds", GrantKind.values());
        model.addAttribute("frequencies", Frequency.values());
        model.addAttribute("today", today);
        return "socialassistance/household";
    }

    private CurrentUser editor() {
        CurrentUser u = CurrentUsers.require();
        if (!Sa.mayEdit(u)) throw new org.springframework.web.server.ResponseStatusException(HttpStatus.FORBIDDEN);
        return u;
    }

    @PostMapping("/social-assistance/households/{id}/layers")
    String addLayer(@PathVariable long id, @Valid @ModelAttribute("layerCmd") Cmds.LayerCmd c, BindingResult b,
                    Model model, RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser u = editor();
        Views.Household h = registry.household(id, u.scope());
        if (!b.hasErrors()) {
            try {
                registry.addLayer(id, c, u);
                ra.addFlashAttribute("done", names.msg("socialassistance.saved"));
                return "redirect:/social-assistance/households/" + id;
            } catch (SocialRegistry.Refused e) {
                b.rejectValue(e.field, e.messageKey, names.msg(e.messageKey));
            }
        }
        model.addAttribute("grantCmd", new Cmds.GrantCmd(null, null, null, Frequency.MONTHLY, LocalDate.now(clock), null, "", null, ""));
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(h, u, model);
    }

    @PostMapping("/social-assistance/households/{id}/layers/{layerId}/end")
    String endLayer(@PathVariable long id, @PathVariable long layerId, @Valid Cmds.LayerEndCmd c, BindingResult b,
                    RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser u = editor();
        if (b.hasErrors()) {
            ra.addFlashAttribute("error", names.msg("socialassistance.end.required"));
            return "redirect:/social-assistance/households/" + id;
        }
        try {
            registry.endLayer(id, layerId, c, u);
            ra.addFlashAttribute("done", names.msg("socialassistance.saved"));
        } catch (SocialRegistry.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.messageKey));
        }
        return "redirect:/social-assistance/households/" + id;
    }

    @PostMapping("/social-assistance/households/{id}/grants")
    String addGrant(@PathVariable long id, @Valid @ModelAttribute("grantCmd") Cmds.GrantCmd c, BindingResult b,
                    Model model, RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser u = editor();
        Views.Household h = registry.household(id, u.scope());
        if (!b.hasErrors()) {
            try {
                registry.addGrant(id, c, u);
                ra.addFlashAttribute("done", names.msg("socialassistance.saved"));
                return "redirect:/social-assistance/households/" + id;
            } catch (SocialRegistry.Refused e) {
                b.rejectValue(e.field, e.messageKey, names.msg(e.messageKey));
            }
        }
        model.addAttribute("layerCmd", new Cmds.LayerCmd(null, null, LayerSource.COUNTY_DECISION, LocalDate.now(clock), null, ""));
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(h, u, model);
    }

    @PostMapping("/social-assistance/households/{id}/grants/{grantId}")
    String updateGrant(@PathVariable long id, @PathVariable long grantId, @Valid Cmds.GrantUpdateCmd c, BindingResult b,
                       RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser u = editor();
        if (b.hasErrors()) {
            ra.addFlashAttribute("error", names.msg("socialassistance.grant.invalid"));
            return "redirect:/social-assistance/households/" + id;
        }
        try {
            registry.updateGrant(id, grantId, c, u);
            ra.addFlashAttribute("done", names.msg("socialassistance.saved"));
        } catch (SocialRegistry.Refused e) {
            ra.addFlashAttribute("error", names.msg(e.messageKey));
        }
        return "redirect:/social-assistance/households/" + id;
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(SocialRegistry.Stale.class)
    String stale(HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        return "socialassistance/stale";
    }
}
