package cn.shouwang.server.eldervisits.visitors;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.eldervisits.ElderPlaces;
import cn.shouwang.server.eldervisits.ElderRefusal;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 巡访员: the visitors of the area in view, a new visitor, a visitor switched off. */
@Controller
class VisitorsController {
    private final Visitors visitors;
    private final ElderPlaces places;
    private final MessageSource messages;

    VisitorsController(Visitors visitors, ElderPlaces places, MessageSource messages) {
        this.visitors = visitors;
        this.places = places;
        this.messages = messages;
    }

    @GetMapping("/elder-visits/visitors")
    String list(@RequestParam(required = false) @Nullable String area, Model model) {
        AreaScope view = CurrentUsers.areaInView(area);
        var list = visitors.inArea(view, false);
        model.addAttribute("visitors", list)
                .addAttribute("villageNames", places.names(list.stream().map(Visitors.Visitor::villageCode).distinct().toList()))
                .addAttribute("villages", places.villages(view)).addAttribute("kinds", Visitors.Kind.values())
                .addAttribute("areaName", places.name(view.areaCode()))
                .addAttribute("mayWrite", ElderPlaces.mayWrite(CurrentUsers.require()));
        return "eldervisits/visitors";
    }

    @PostMapping("/elder-visits/visitors")
    String add(@Valid @ModelAttribute VisitorCmd cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        ElderPlaces.requireWriter(u);
        return run(binding, ra, () -> visitors.add(cmd, u));
    }

    @PostMapping("/elder-visits/visitors/{id}/active")
    String active(@PathVariable long id, @RequestParam int version, @RequestParam boolean active, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        ElderPlaces.requireWriter(u);
        return run(null, ra, () -> visitors.setActive(id, version, active, u));
    }

    @PostMapping("/elder-visits/visitors/{id}/claim")
    String claim(@PathVariable long id, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        ElderPlaces.requireWriter(u);
        run(null, ra, () -> visitors.claim(id, u));
        return "redirect:/elder-visits/mine";
    }

    private String run(@Nullable BindingResult binding, RedirectAttributes ra, Runnable change) {
        Locale l = LocaleContextHolder.getLocale();
        if (binding != null && binding.hasErrors()) {
            ra.addFlashAttribute("error", binding.getAllErrors().stream().map(e -> messages.getMessage(e, l)).distinct().toList());
        } else {
            try {
                change.run();
                ra.addFlashAttribute("done", messages.getMessage("eldervisits.done.visitor", null, l));
            } catch (ElderRefusal r) {
                ra.addFlashAttribute("error", List.of(messages.getMessage(r.messageKey(), r.args(), l)));
            }
        }
        return "redirect:/elder-visits/visitors";
    }
}
