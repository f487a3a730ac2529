package cn.shouwang.server.fieldwork.visits;

import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.fieldwork.FieldRoles;
import cn.shouwang.server.fieldwork.grids.Grids;
import cn.shouwang.server.fieldwork.rhythm.Rhythm;
import cn.shouwang.server.fieldwork.rhythm.RhythmStore;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.platform.RefusedInputException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A household's visits ({@code /visits/households/{id}}: its head, village group and members on top, the last visits,
 * 新增走访) and the visit form, prefilled from the last visit so that a routine visit is a few taps. The household
 * is read within the account's area (404 outside); a data officer gets 403.
 */
@Controller
class VisitController {
    private final Visits visits;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final RhythmStore rhythm;
    private final MessageSource messages;
    private final Clock clock;
    private final Grids grids;

    VisitController(Visits visits, HouseholdApi households, CaseworkApi casework, RhythmStore rhythm,
                    MessageSource messages, Clock clock, Grids grids) {
        this.grids = grids;
        this.visits = visits;
        this.households = households;
        this.casework = casework;
        this.rhythm = rhythm;
        this.messages = messages;
        this.clock = clock;
    }

    /** The household as the visit pages show it on top. */
    record Head(long id, String householdNo, String villageCode, @Nullable String villageName,
                @Nullable String villageGroup, String headName, long members, Rhythm.Kind kind, int version) {}

    private Head head(long id, CurrentUser me) {
        Views.Household h = households.findHousehold(id, me.scope()).orElseThrow(() -> new OutOfScopeException("household"));
        boolean monitored = casework.monitoredIn(new AreaScope(h.villageCode())).contains(id);
        Views.Member head = h.head();
        long members = h.members().stream().filter(m -> "ACTIVE".equals(m.status())).count();
        return new Head(h.id(), h.householdNo(), h.villageCode(), h.villageName(), h.villageGroup(),
                head == null ? "" : head.name(), members, Rhythm.Kind.of(monitored, h.formerlyPoor()), h.version());
    }

    @GetMapping("/visits/households/{id}")
    String household(@PathVariable long id, Model model) {
        CurrentUser me = FieldRoles.reader();
        Head h = head(id, me);
        List<Visits.Visit> list = visits.ofHousehold(id, me.scope(), 20);
        Rhythm r = rhythm.current();
        LocalDate last = list.isEmpty() ? null : list.get(0).visitedOn();
        LocalDate due = r.dueOn(h.kind(), last);
        model.addAttribute("h", h).addAttribute("visits", list)
                .addAttribute("riskNames", riskNames(h.villageCode(), list))
                .addAttribute("dueOn", due).addAttribute("standing", Rhythm.standing(due, LocalDate.now(clock)))
                .addAttribute("mayRecord", FieldRoles.mayRecord(me))
                .addAttribute("place", grids.placeOf(id, me.scope()).orElse(null));
        return "fieldwork/household";
    }

    /** Names of the codes the visits name (deactivated ones too: code lists keep them), in the page's language. */
    private Map<String, String> riskNames(String villageCode, List<Visits.Visit> list) {
        Map<String, String> names = new java.util.HashMap<>();
        boolean zh = !"en".equals(LocaleContextHolder.getLocale().getLanguage());
        visits.riskOptions(villageCode).values().forEach(o -> names.put(o.code(), zh ? o.nameZh() : o.nameEn()));
        for (Visits.Visit v : list) for (String c : v.riskCodes()) names.putIfAbsent(c, c);
        return names;
    }

    @GetMapping("/visits/households/{id}/new")
    String newVisit(@PathVariable long id, Model model) {
        CurrentUser me = FieldRoles.recorder();
        Head h = head(id, me);
        List<Visits.Visit> last = visits.ofHousehold(id, me.scope(), 1);
        String key = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(clock);
        VisitCmd cmd = last.isEmpty() ? VisitCmd.blank(key, today) : VisitCmd.after(last.get(0), key, today);
        return form(h, cmd, last.isEmpty() ? null : last.get(0).visitedOn(), List.of(), model);
    }

    private String form(Head h, VisitCmd cmd, @Nullable LocalDate lastOn, List<String> errors, Model model) {
        boolean zh = !"en".equals(LocaleContextHolder.getLocale().getLanguage());
        model.addAttribute("h", h).addAttribute("cmd", cmd).addAttribute("lastOn", lastOn)
                .addAttribute("errors", errors).addAttribute("today", LocalDate.now(clock))
                .addAttribute("risks", visits.riskOptions(h.villageCode()).values().stream()
                        .map(o -> new Option(o.code(), zh ? o.nameZh() : o.nameEn())).toList());
        return "fieldwork/visit-form";
    }

    record Option(String code, String name) {}

    @PostMapping("/visits/households/{id}")
    String save(@PathVariable long id, @Valid @ModelAttribute("cmd") VisitCmd cmd, BindingResult binding,
                @RequestParam(name = "photo", required = false) @Nullable MultipartFile photo, Model model,
                RedirectAttributes ra, HttpServletResponse response) throws IOException {
        CurrentUser me = FieldRoles.recorder();
        Head h = head(id, me);
        List<String> errors = new ArrayList<>();
        binding.getAllErrors().forEach(e -> errors.add(messages.getMessage(e, LocaleContextHolder.getLocale())));
        if (errors.isEmpty()) {
            try {
                byte[] bytes = photo == null || photo.isEmpty() && (photo.getOriginalFilename() == null
                        || photo.getOriginalFilename().isBlank()) ? null : photo.getBytes();
                if (photo != null && photo.getSize() > Visits.MAX_PHOTO_BYTES) {
                    throw new RefusedInputException("photo", "fieldwork.visit.error.photoLarge");
                }
                Visits.Saved s = visits.record(id, cmd, bytes, me);
                ra.addFlashAttribute("savedVisit", s.visitId());
                if (s.intake() != null) ra.addFlashAttribute("intake", s.intake().outcome().name());
                return "redirect:/visits/households/" + id;
            } catch (RefusedInputException e) {
                e.problems().forEach(p -> errors.add(messages.getMessage(p, LocaleContextHolder.getLocale())));
            } catch (CaseworkException e) {
                errors.add(messages.getMessage("casework.problem." + e.problem().name(), null,
                        e.problem().name(), LocaleContextHolder.getLocale()));
            }
        }
        response.setStatus(422);
        List<Visits.Visit> last = visits.ofHousehold(id, me.scope(), 1);
        return form(h, cmd, last.isEmpty() ? null : last.get(0).visitedOn(), errors, model);
    }

    @GetMapping("/visits/photos/{visitId}")
    void photo(@PathVariable long visitId, HttpServletResponse response) throws IOException {
        CurrentUser me = FieldRoles.reader();
        Visits.Visit v = visits.find(visitId, me.scope()).filter(Visits.Visit::hasPhoto)
                .orElseThrow(() -> new OutOfScopeException("visit photo"));
        response.setContentType("PNG".equals(v.photoKind()) ? "image/png" : "image/jpeg");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "private, no-store");
        visits.openPhoto(v, response.getOutputStream());
    }
}
