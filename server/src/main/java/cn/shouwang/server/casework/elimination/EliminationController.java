package cn.shouwang.server.casework.elimination;

import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.casework.CaseworkService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 风险消除: the monitored households of the area split into ready and not yet, and the village monitor's proposal. */
@Controller
public class EliminationController {
    private final CaseworkService service;
    private final EliminationCandidates candidates;

    EliminationController(CaseworkService service, EliminationCandidates candidates) {
        this.service = service;
        this.candidates = candidates;
    }

    @GetMapping("/elimination")
    String elimination(Model model) {
        EliminationCandidates.Candidates c = candidates.of(CurrentUsers.viewScope());
        model.addAttribute("ready", c.ready());
        model.addAttribute("notYet", c.notYet());
        model.addAttribute("truncated", c.truncated());
        model.addAttribute("limit", EliminationCandidates.CHECK_LIMIT);
        return "casework/elimination";
    }

    @PostMapping("/elimination/{householdId}")
    String propose(@PathVariable long householdId, RedirectAttributes ra) {
        try {
            long leadId = service.openElimination(householdId);
            ra.addFlashAttribute("done", "casework.elimination.opened");
            return "redirect:/leads/" + leadId;
        } catch (CaseworkException e) {
            ra.addFlashAttribute("error", "casework.problem." + e.problem().name());
            return "redirect:/monitored/" + householdId;
        }
    }
}
