package cn.shouwang.server.casework.shared;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.casework.assistance.AssistanceController;
import cn.shouwang.server.casework.elimination.EliminationController;
import cn.shouwang.server.casework.identification.LeadController;
import cn.shouwang.server.casework.monitoring.MonitoredController;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * City analysts and administrators read casework ({@link cn.shouwang.core.casework.CaseRole#readsOnly()}): every write to the casework pages
 * by them is refused with 403 before the handler runs, whatever a page or a hand-made request offers. (The core
 * would refuse each step for these roles too; this makes the refusal one rule instead of many.)
 */
@ControllerAdvice(assignableTypes = {LeadController.class, MonitoredController.class, AssistanceController.class,
        EliminationController.class, cn.shouwang.server.casework.recheck.RecheckController.class})
class ReadOnlyRoles {

    @ModelAttribute
    void refuseWrites(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) return;
        CurrentUser u = CurrentUsers.find();
        if (u != null && u.role().caseRole().readsOnly()) {
            throw new AccessDeniedException("casework is read-only for " + u.role());
        }
    }
}
