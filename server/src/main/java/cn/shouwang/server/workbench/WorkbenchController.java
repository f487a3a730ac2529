package cn.shouwang.server.workbench;

import cn.shouwang.server.access.CurrentUsers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 工作台: the first page after sign-in. */
@Controller
class WorkbenchController {

    @GetMapping("/")
    String workbench(Model model) {
        model.addAttribute("user", CurrentUsers.require());
        return "workbench/index";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
