package cn.shouwang.server.villagearchive.checklist;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.platform.RefusedInputException;
import cn.shouwang.server.villagearchive.ArchiveRoles;
import cn.shouwang.server.villagearchive.ArchiveVillages;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Marks one item of a village's 九有六无 checklist (village, township, county). */
@Controller
class ChecklistController {
    private final Checklist checklist;
    private final ArchiveVillages villages;
    private final MessageSource messages;
    private final Clock clock;

    ChecklistController(Checklist checklist, ArchiveVillages villages, MessageSource messages, Clock clock) {
        this.checklist = checklist;
        this.villages = villages;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping("/villages/{code}/checklist/{item}")
    String check(@PathVariable String code, @PathVariable String item, @RequestParam(required = false) String status,
                 @RequestParam(required = false) String note, @RequestParam(required = false) @Nullable Long documentId,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate checkedOn,
                 @RequestParam(defaultValue = "-1") int version, RedirectAttributes ra) {
        CurrentUser me = CurrentUsers.require();
        ArchiveRoles.requireRead(me);
        villages.require(code, me.scope());
        ArchiveRoles.requireWrite(me);
        try {
            checklist.check(code, new Checklist.CheckCmd(item, status, note, documentId, checkedOn, version), me,
                    LocalDate.now(clock));
            ra.addFlashAttribute("checkDone", item);
        } catch (RefusedInputException e) {
            ra.addFlashAttribute("checkErrors", e.problems().stream()
                    .map(p -> messages.getMessage(p, LocaleContextHolder.getLocale())).toList());
            ra.addFlashAttribute("checkItem", item);
        } catch (Checklist.ConcurrentEdit e) {
            ra.addFlashAttribute("checkErrors", java.util.List.of(messages.getMessage("villagearchive.concurrent", null,
                    LocaleContextHolder.getLocale())));
            ra.addFlashAttribute("checkItem", item);
        }
        return "redirect:/villages/" + code + "#check-" + item;
    }
}
