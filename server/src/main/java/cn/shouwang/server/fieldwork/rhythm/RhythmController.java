package cn.shouwang.server.fieldwork.rhythm;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.fieldwork.FieldRoles;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 走访频次: the administrator's visit rhythm ({@code /visits/rhythm}), audited, with a version against lost updates. */
@Controller
class RhythmController {
    private final RhythmStore store;
    private final MessageSource messages;

    RhythmController(RhythmStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    @GetMapping("/visits/rhythm")
    String form(Model model) {
        FieldRoles.rhythmEditor();
        Rhythm r = store.current();
        return page(new RhythmCmd(r.monitoredMonths(), r.formerlyPoorMonths(), r.otherMonths(), r.version()), List.of(), model);
    }

    private String page(RhythmCmd cmd, List<String> errors, Model model) {
        model.addAttribute("cmd", cmd).addAttribute("errors", errors);
        return "fieldwork/rhythm";
    }

    @PostMapping("/visits/rhythm")
    String save(@Valid @ModelAttribute("cmd") RhythmCmd cmd, BindingResult binding, Model model, RedirectAttributes ra,
                HttpServletResponse response) {
        CurrentUser me = FieldRoles.rhythmEditor();
        List<String> errors = new ArrayList<>();
        binding.getAllErrors().forEach(e -> errors.add(messages.getMessage(e, LocaleContextHolder.getLocale())));
        if (errors.isEmpty()) {
            try {
                store.update(cmd, me);
                ra.addFlashAttribute("rhythmSaved", true);
                return "redirect:/visits/rhythm";
            } catch (RhythmStore.Conflict e) {
                response.setStatus(409);
                errors.add(messages.getMessage("fieldwork.rhythm.error.conflict", null, LocaleContextHolder.getLocale()));
            }
        } else {
            response.setStatus(422);
        }
        return page(cmd, errors, model);
    }
}
