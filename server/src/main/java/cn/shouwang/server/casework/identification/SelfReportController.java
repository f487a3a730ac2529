package cn.shouwang.server.casework.identification;

import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.admin.AreaContacts;
import cn.shouwang.server.personaldata.PersonalDataApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 农户自主申报: the public page a printed QR code opens, one per village (/report/{villageCode}). No sign-in, and
 * nothing shown back that says whether the person is registered, has an open lead or is monitored: every accepted
 * report gets the same page with a fresh random reference ({@link SelfReportReference}), after the same work and
 * no sooner than {@code shouwang.casework.self-report-min-millis}. Against robots: a picture of digits to type
 * ({@link SelfReportCaptcha}), a field people never see, and limits per address, village and id number
 * ({@link SelfReportLimiter}).
 */
@Controller
class SelfReportController {
    /** What the household picks: the kind maps to the risk type the verification will start from. */
    static final Map<String, String> KINDS = Map.of("ILLNESS", "ILLNESS", "ACCIDENT", "ACCIDENT",
            "DISASTER", "NATURAL_DISASTER", "LOST_WORK", "UNSTABLE_EMPLOYMENT", "SCHOOLING", "SCHOOLING",
            "HOUSING", "UNSAFE_HOUSING", "OTHER", "OTHER");
    static final List<String> KIND_ORDER = List.of("ILLNESS", "ACCIDENT", "DISASTER", "LOST_WORK", "SCHOOLING",
            "HOUSING", "OTHER");

    private final CaseworkService service;
    private final AreaApi areas;
    private final SelfReportLimiter limiter;
    private final SelfReportCaptcha captcha;
    private final PersonalDataApi personalData;
    private final AreaContacts contacts;
    private final Duration minResponse;

    SelfReportController(CaseworkService service, AreaApi areas, SelfReportLimiter limiter, SelfReportCaptcha captcha,
                         PersonalDataApi personalData, AreaContacts contacts,
                         @Value("${shouwang.casework.self-report-min-millis:800}") long minMillis) {
        this.service = service;
        this.areas = areas;
        this.limiter = limiter;
        this.captcha = captcha;
        this.personalData = personalData;
        this.contacts = contacts;
        this.minResponse = Duration.ofMillis(minMillis);
    }

    private AreaInfo village(String code) {
        if (!CaseworkService.isVillage(code)) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        return areas.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/report/{village}")
    String form(@PathVariable String village, Model model, HttpSession session) {
        if (!model.containsAttribute("cmd")) model.addAttribute("cmd", LeadCmd.SelfReport.empty());
        return page(village(village), model, session);
    }

    /** The form, always with a new picture: an answer, right or wrong, has used the last one up. */
    private String page(AreaInfo v, Model model, HttpSession session) {
        model.addAttribute("village", v);
        model.addAttribute("captchaNonce", captcha.issue(session).nonce());
        model.addAttribute("officePhone", contacts.phone(v.code()));
        model.addAttribute("kinds", KIND_ORDER);
        return "casework/self-report";
    }

    /** The session's picture. Never cached: the next challenge has the same address apart from its nonce. */
    @GetMapping(value = "/report/{village}/captcha.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> picture(@PathVariable String village, HttpSession session) {
        village(village);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(captcha.current(session).png());
    }

    /** 换一张: htmx swaps in a new picture; without script the link is a plain reload of the page. */
    @GetMapping("/report/{village}/captcha")
    String newPicture(@PathVariable String village, @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
                      Model model, HttpSession session) {
        AreaInfo v = village(village);
        if (htmx == null) return "redirect:/report/" + v.code();
        model.addAttribute("village", v);
        model.addAttribute("captchaNonce", captcha.issue(session).nonce());
        return "casework/self-report :: captcha";
    }

    @PostMapping("/report/{village}")
    String submit(@PathVariable String village, @Valid @ModelAttribute("cmd") LeadCmd.SelfReport cmd, BindingResult binding,
                  Model model, HttpSession session, HttpServletRequest request, RedirectAttributes ra)
            throws InterruptedException {
        long started = System.nanoTime();
        try {
            return receive(village(village), cmd, binding, model, session, request, ra);
        } finally {
            // the same time for every answer: no path (monitored, open lead, registered, unknown) returns sooner
            long left = minResponse.toNanos() - (System.nanoTime() - started);
            if (left > 0) java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private String receive(AreaInfo v, LeadCmd.SelfReport cmd, BindingResult binding, Model model, HttpSession session,
                           HttpServletRequest request, RedirectAttributes ra) {
        String done = "redirect:/report/" + v.code() + "/done";
        if (cmd.website() != null && !cmd.website().isBlank()) {
            // a robot filled in the field nobody sees: answer as if all went well, store nothing
            ra.addFlashAttribute("reference", SelfReportReference.next());
            return done;
        }
        if (!captcha.check(session, cmd.answer())) binding.rejectValue("answer", "casework.self.captcha.wrong");
        IdNumber id = null;
        if (cmd.idNumber() != null && !cmd.idNumber().isBlank()) {
            IdNumber.Problem p = IdNumber.problem(cmd.idNumber());
            if (p != null) binding.rejectValue("idNumber", "casework.self.idNumber." + p.name());
            else id = IdNumber.of(cmd.idNumber());
        }
        String kind = cmd.kind() == null ? "" : cmd.kind();
        if (!KINDS.containsKey(kind) && (cmd.description() == null || cmd.description().isBlank())) {
            binding.rejectValue("description", "casework.self.what.required");
        }
        if (binding.hasErrors() || id == null) return page(v, model, session);
        byte[] idHash = personalData.idNumberHash(id);
        if (!limiter.allow(request.getRemoteAddr(), v.code(), idHash)) {
            binding.reject("casework.self.tooMany");
            return page(v, model, session);
        }
        String description = (KINDS.containsKey(kind) ? "[" + kind + "] " : "")
                + (cmd.description() == null ? "" : cmd.description().strip());
        String reference = SelfReportReference.next();
        try {
            service.selfReport(v.code(), cmd.name(), cmd.phone(), id, idHash, description.strip(),
                    KINDS.containsKey(kind) ? List.of(KINDS.get(kind)) : List.of(), reference);
        } catch (CaseworkException e) {
            binding.reject("casework.problem." + e.problem().name());
            return page(v, model, session);
        }
        ra.addFlashAttribute("reference", reference);
        return done;
    }

    @GetMapping("/report/{village}/done")
    String done(@PathVariable String village, Model model) {
        model.addAttribute("village", village(village));
        return "casework/self-report-done";
    }
}
