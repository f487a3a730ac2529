package cn.shouwang.server.casework.elimination;

import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.casework.DataQualityRule;
import cn.shouwang.core.casework.EliminationCheck;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import java.util.ArrayList;
import java.util.List;
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
    private final MonitoredStore monitored;
    private final AreaApi areas;

    EliminationController(CaseworkService service, MonitoredStore monitored, AreaApi areas) {
        this.service = service;
        this.monitored = monitored;
        this.areas = areas;
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    /** A candidate for elimination and what its check says today. */
    record Candidate(long householdId, String villageName, String headName, EliminationCheck check,
                     List<DataQualityRule> findings) {}

    /** At most this many households are checked on one page view; the list says when there are more. */
    static final int CHECK_LIMIT = 200;

    @GetMapping("/elimination")
    String elimination(Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        List<Candidate> ready = new ArrayList<>();
        List<Candidate> notYet = new ArrayList<>();
        List<Long> ids = monitored.monitoredIds(scope, CHECK_LIMIT + 1);
        for (Long id : ids.subList(0, Math.min(ids.size(), CHECK_LIMIT))) {
            MonitoredStore.MonitoredRow r = service.requireMonitored(id);
            Candidate c = new Candidate(id, name(r.household().village().value()), r.household().headName(),
                    service.eliminationCheck(id), service.dataQuality(id));
            (c.check().passes() ? ready : notYet).add(c);
        }
        model.addAttribute("ready", ready);
        model.addAttribute("notYet", notYet);
        model.addAttribute("truncated", ids.size() > CHECK_LIMIT);
        model.addAttribute("limit", CHECK_LIMIT);
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
