package cn.shouwang.server.employment;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page of the module refuses a data officer (403) before its handler runs; writes check their role themselves. */
@ControllerAdvice(basePackages = "cn.shouwang.server.employment")
class EmploymentReaders {
    @ModelAttribute
    void refuseDataOfficers() {
        Access.requireReader();
    }
}
