package cn.shouwang.server.access;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Something outside the account's area is answered exactly like something that does not exist (404); a change that
 * reaches beyond an administrator's own area, to something they may see, is refused with 403 and its reason.
 */
@ControllerAdvice
class AccessErrorAdvice {

    @ExceptionHandler(OutOfScopeException.class)
    Object outOfScope(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
        }
        ModelAndView mv = new ModelAndView("error/404");
        mv.setStatus(HttpStatus.NOT_FOUND);
        return mv;
    }

    /** A change beyond the administrator's own area: 403 with the reason in words (page) or as a problem (API). */
    @ExceptionHandler(BeyondOwnAreaException.class)
    Object beyondOwnArea(BeyondOwnAreaException e, HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "applies beyond your own area: " + e.messageKey());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
        }
        ModelAndView mv = new ModelAndView("error/403");
        mv.addObject("reason", e.messageKey());
        mv.addObject("reasonArea", e.areaName());
        mv.setStatus(HttpStatus.FORBIDDEN);
        return mv;
    }
}
