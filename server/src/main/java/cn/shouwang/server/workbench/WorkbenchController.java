package cn.shouwang.server.workbench;

import cn.shouwang.server.access.AreaSelector;
import cn.shouwang.server.access.CurrentUsers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 工作台: the first page after sign-in — who I am, which area I am looking at, what I can open. */
@Controller
class WorkbenchController {
    private final AreaSelector areaSelector;
    private final Navigation navigation;

    WorkbenchController(AreaSelector areaSelector, Navigation navigation) {
        this.areaSelector = areaSelector;
        this.navigation = navigation;
    }

    @GetMapping("/")
    String workbench(Model model) {
        model.addAttribute("user", CurrentUsers.require())
                .addAttribute("area", areaSelector.view())
                .addAttribute("menu", navigation.menu())
                .addAttribute("below", areaSelector.countsBelowView());
        return "workbench/index";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
