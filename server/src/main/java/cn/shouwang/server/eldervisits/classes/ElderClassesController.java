package cn.shouwang.server.eldervisits.classes;

import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.eldervisits.ElderRefusal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The class list with its visit rhythms: everyone reads it, administrators change it. */
@Controller
class ElderClassesController {
    private final ElderClasses classes;
    private final MessageSource messages;

    ElderClassesController(ElderClasses classes, MessageSource messages) {
        this.classes = classes;
        this.messages = messages;
    }

    @GetMapping("/elder-visits/classes")
    String list(Model model) {
        model.addAttribute("classes", classes.all())
                .addAttribute("en", LocaleContextHolder.getLocale().getLanguage().equals("en"))
                .addAttribute("isAdmin", CurrentUsers.require().role() == Role.ADMIN);
        return "eldervisits/classes";
    }

    @PostMapping("/elder-visits/classes")
    String save(@RequestParam String code, @RequestParam String nameZh, @RequestParam(required = false) @Nullable String nameEn,
                @RequestParam int rhythmMonths, @RequestParam(defaultValue = "false") boolean active, RedirectAttributes ra) {
        var l = LocaleContextHolder.getLocale();
        try {
            classes.save(code.strip(), nameZh, nameEn, rhythmMonths, active, CurrentUsers.require());
            ra.addFlashAttribute("done", messages.getMessage("eldervisits.done.class", null, l));
        } catch (ElderRefusal r) {
            ra.addFlashAttribute("error", List.of(messages.getMessage(r.messageKey(), r.args(), l)));
        }
        return "redirect:/elder-visits/classes";
    }
}
