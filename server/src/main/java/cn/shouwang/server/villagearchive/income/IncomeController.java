package cn.shouwang.server.villagearchive.income;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.villagearchive.ArchiveRoles;
import cn.shouwang.server.villagearchive.ArchiveVillages;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Records a year of the village's collective economy income (village, township, county). */
@Controller
class IncomeController {
    private final CollectiveIncomes incomes;
    private final ArchiveVillages villages;
    private final MessageSource messages;

    IncomeController(CollectiveIncomes incomes, ArchiveVillages villages, MessageSource messages) {
        this.incomes = incomes;
        this.villages = villages;
        this.messages = messages;
    }

    @PostMapping("/villages/{code}/income")
    String save(@PathVariable String code, @Valid @ModelAttribute CollectiveIncomes.IncomeCmd cmd, BindingResult b,
                RedirectAttributes ra) {
        CurrentUser me = CurrentUsers.require();
        ArchiveRoles.requireRead(me);
        villages.require(code, me.scope());
        ArchiveRoles.requireWrite(me);
        if (b.hasErrors()) {
            ra.addFlashAttribute("incomeErrors", b.getAllErrors().stream()
                    .map(e -> messages.getMessage(e, LocaleContextHolder.getLocale())).distinct().toList());
            return "redirect:/villages/" + code + "#income";
        }
        try {
            incomes.save(code, cmd, me);
            ra.addFlashAttribute("incomeDone", cmd.year());
        } catch (CollectiveIncomes.ConcurrentEdit e) {
            ra.addFlashAttribute("incomeErrors", List.of(messages.getMessage("villagearchive.concurrent", null,
                    LocaleContextHolder.getLocale())));
        }
        return "redirect:/villages/" + code + "?year=" + cmd.year() + "#income";
    }
}
