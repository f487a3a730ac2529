package cn.shouwang.server.access;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Receives the area selector's form and returns to the page it came from. */
@Controller
class AreaSelectionController {
    private final AreaSelector selector;

    AreaSelectionController(AreaSelector selector) {
        this.selector = selector;
    }

    @PostMapping("/area-selection")
    String select(HttpSession session, @RequestParam(required = false) @Nullable String up,
                  @RequestParam(required = false) @Nullable String code,
                  @RequestParam(defaultValue = "/") String back) {
        String chosen = up != null && !up.isBlank() ? up : code;
        if (chosen != null && !chosen.isBlank()) {
            selector.select(session, chosen);
        }
        // only a path of this server: never an open redirect
        boolean local = back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        return "redirect:" + (local ? back : "/");
    }
}
