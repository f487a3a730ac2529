package cn.shouwang.server.villagearchive.checklist;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.villagearchive.ArchiveCodes;
import cn.shouwang.server.villagearchive.ArchiveRoles;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's list of 九有六无 items ({@code /villages/checklist-items}): the seed articles name the standard
 * but not all fifteen items, so the list starts with those article 004 gives and is completed here. An item is renamed,
 * reordered or switched off, never deleted (the villages' records keep their code).
 */
@Controller
class ChecklistItemsController {
    private final ArchiveCodes codes;
    private final MessageSource messages;

    ChecklistItemsController(ArchiveCodes codes, MessageSource messages) {
        this.codes = codes;
        this.messages = messages;
    }

    private CurrentUser admin() {
        CurrentUser me = CurrentUsers.require();
        ArchiveRoles.requireRead(me);
        if (!ArchiveRoles.mayEditItems(me)) throw new AccessDeniedException("checklist items by " + me.role());
        return me;
    }

    @GetMapping("/villages/checklist-items")
    String list(Model model) {
        admin();
        model.addAttribute("items", codes.list(ArchiveCodes.CHECK_ITEM, false));
        return "villagearchive/items";
    }

    @PostMapping("/villages/checklist-items")
    String add(@RequestParam(required = false) String code, @RequestParam(required = false) String nameZh,
               @RequestParam(required = false) String nameEn, @RequestParam(defaultValue = "100") int sort,
               RedirectAttributes ra) {
        admin();
        return done(ra, () -> codes.add(ArchiveCodes.CHECK_ITEM, code, nameZh, nameEn, sort), nameZh);
    }

    @PostMapping("/villages/checklist-items/{code}")
    String update(@PathVariable String code, @RequestParam(required = false) String nameZh,
                  @RequestParam(required = false) String nameEn, @RequestParam(defaultValue = "100") int sort,
                  @RequestParam(defaultValue = "false") boolean active, @RequestParam(defaultValue = "0") int version,
                  RedirectAttributes ra) {
        admin();
        return done(ra, () -> codes.update(ArchiveCodes.CHECK_ITEM, code, nameZh, nameEn, sort, active, version), nameZh);
    }

    private String done(RedirectAttributes ra, Runnable change, String name) {
        try {
            change.run();
            ra.addFlashAttribute("itemsDone", messages.getMessage("villagearchive.items.done", new Object[] {name},
                    LocaleContextHolder.getLocale()));
        } catch (cn.shouwang.server.platform.RefusedInputException e) {
            ra.addFlashAttribute("itemsErrors", e.problems().stream()
                    .map(p -> messages.getMessage(p, LocaleContextHolder.getLocale())).toList());
        } catch (ArchiveCodes.ConcurrentEdit e) {
            ra.addFlashAttribute("itemsErrors", java.util.List.of(messages.getMessage("villagearchive.concurrent", null,
                    LocaleContextHolder.getLocale())));
        }
        return "redirect:/villages/checklist-items";
    }
}
