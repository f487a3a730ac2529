package cn.shouwang.server.casework;

import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.security.SecureRandom;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 农户自主申报: the public page a printed QR code opens, one per village (/report/{villageCode}). No sign-in and
 * nothing personal shown back. Against robots: a small sum to solve (kept in the session), a field people never
 * see, and a limit of reports per IP address and hour.
 */
@Controller
class SelfReportController {
    static final String ANSWER = "shouwang.selfReport.answer";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the household picks: the kind maps to the risk type the verification will start from. */
    static final Map<String, String> KINDS = Map.of("ILLNESS", "ILLNESS", "ACCIDENT", "ACCIDENT",
            "DISASTER", "NATURAL_DISASTER", "LOST_WORK", "UNSTABLE_EMPLOYMENT", "SCHOOLING", "SCHOOLING",
            "HOUSING", "UNSAFE_HOUSING", "OTHER", "OTHER");
    static final List<String> KIND_ORDER = List.of("ILLNESS", "ACCIDENT", "DISASTER", "LOST_WORK", "SCHOOLING",
            "HOUSING", "OTHER");

    private final CaseworkService service;
    private final AreaApi areas;
    private final SelfReportLimiter limiter;

    SelfReportController(CaseworkService service, AreaApi areas, SelfReportLimiter limiter) {
        this.service = service;
        this.areas = areas;
        this.limiter = limiter;
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

    private String page(AreaInfo v, Model model, HttpSession session) {
        int a = 1 + RANDOM.nextInt(9);
        int b = 1 + RANDOM.nextInt(9);
        session.setAttribute(ANSWER, a + b);
        model.addAttribute("village", v);
        model.addAttribute("a", a);
        model.addAttribute("b", b);
        model.addAttribute("kinds", KIND_ORDER);
        return "casework/self-report";
    }

    @PostMapping("/report/{village}")
    String submit(@PathVariable String village, @Valid @ModelAttribute("cmd") LeadCmd.SelfReport cmd, BindingResult binding,
                  Model model, HttpSession session, HttpServletRequest request, RedirectAttributes ra) {
        AreaInfo v = village(village);
        Object expected = session.getAttribute(ANSWER);
        if (cmd.website() != null && !cmd.website().isBlank()) {
            // a robot filled in the field nobody sees: answer as if all went well, store nothing
            return "redirect:/report/" + village + "/done";
        }
        if (expected == null || cmd.answer() == null || !cmd.answer().strip().equals(String.valueOf(expected))) {
            binding.rejectValue("answer", "casework.self.answer.wrong");
        }
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
        if (binding.hasErrors()) return page(v, model, session);
        if (!limiter.allow(request.getRemoteAddr())) {
            binding.reject("casework.self.tooMany");
            return page(v, model, session);
        }
        String description = (KINDS.containsKey(kind) ? "[" + kind + "] " : "")
                + (cmd.description() == null ? "" : cmd.description().strip());
        try {
            CaseworkApi.IntakeResult r = service.selfReport(v.code(), cmd.name(), cmd.phone(), id, description.strip(),
                    KINDS.containsKey(kind) ? List.of(KINDS.get(kind)) : List.of());
            session.removeAttribute(ANSWER);
            ra.addFlashAttribute("reference", (r.outcome() == CaseworkApi.IntakeResult.Outcome.JOINED_MONITORED ? "J" : "L")
                    + r.id());
        } catch (CaseworkException e) {
            binding.reject("casework.problem." + e.problem().name());
            return page(v, model, session);
        }
        return "redirect:/report/" + village + "/done";
    }

    @GetMapping("/report/{village}/done")
    String done(@PathVariable String village, Model model) {
        model.addAttribute("village", village(village));
        return "casework/self-report-done";
    }
}
