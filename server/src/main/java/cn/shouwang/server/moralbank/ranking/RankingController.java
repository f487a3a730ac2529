package cn.shouwang.server.moralbank.ranking;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.moralbank.MoralBankRefusal;
import cn.shouwang.server.moralbank.Places;
import java.time.Clock;
import java.time.LocalDate;
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

/** The public ranking of a village, its printable A4 board (积分榜) and the tier thresholds (administrators). */
@Controller
class RankingController {
    private final Ranking ranking;
    private final Places places;
    private final MessageSource messages;
    private final Clock clock;

    RankingController(Ranking ranking, Places places, MessageSource messages, Clock clock) {
        this.ranking = ranking;
        this.places = places;
        this.messages = messages;
        this.clock = clock;
    }

    /** The village of the page: the one asked (inside the area in view), else the area in view if it is a village. */
    private @Nullable String village(@Nullable String village) {
        AreaScope view = CurrentUsers.areaInView(village);
        return view.areaCode().endsWith("000") ? null : view.areaCode();
    }

    @GetMapping("/moral-bank/ranking")
    String ranking(@RequestParam(required = false) @Nullable String village, Model model) {
        String v = village(village);
        model.addAttribute("village", v).addAttribute("villageName", v == null ? "" : places.name(v))
                .addAttribute("lines", v == null ? List.of() : ranking.village(v, 100))
                .addAttribute("villages", places.villages(CurrentUsers.viewScope()))
                .addAttribute("tiers", ranking.tiers())
                .addAttribute("isAdmin", CurrentUsers.require().role() == cn.shouwang.server.access.Role.ADMIN);
        return "moralbank/ranking";
    }

    /** The notice-board sheet: A4, large print, heads' names, points and tiers only. */
    @GetMapping("/moral-bank/board")
    String board(@RequestParam(required = false) @Nullable String village, Model model) {
        String v = village(village);
        if (v == null) return "redirect:/moral-bank/ranking";
        model.addAttribute("villageName", places.name(v)).addAttribute("lines", ranking.village(v, 60))
                .addAttribute("tiers", ranking.tiers()).addAttribute("today", LocalDate.now(clock));
        return "moralbank/board";
    }

    @PostMapping("/moral-bank/settings")
    String settings(@RequestParam int silver, @RequestParam int gold, @RequestParam int diamond, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        var l = LocaleContextHolder.getLocale();
        try {
            ranking.saveTiers(silver, gold, diamond, u);
            ra.addFlashAttribute("done", messages.getMessage("moralbank.done.tiers", null, l));
        } catch (MoralBankRefusal r) {
            ra.addFlashAttribute("error", List.of(messages.getMessage(r.messageKey(), r.args(), l)));
        }
        return "redirect:/moral-bank/ranking";
    }
}
