package cn.shouwang.server.casework.wording;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 系统管理 › 名称与表述 ({@code /admin/words}): the words of the deployment, each with who set it and when, the last
 * changes, and the category names of the code list (changed on 代码表). Any administrator reads it; only an
 * administrator of the whole province saves ({@link WordingAdmin}). {@code ?preset=before2026} or {@code 2026} fills
 * the form with that wording, to be saved like any other change.
 */
@Controller
@RequestMapping("/admin/words")
class WordingController {
    static final List<String> PRESETS = List.of("2026", "before2026");

    private final WordingAdmin admin;
    private final Wording wording;
    private final JdbcClient jdbc;

    WordingController(WordingAdmin admin, Wording wording, JdbcClient jdbc) {
        this.admin = admin;
        this.wording = wording;
        this.jdbc = jdbc;
    }

    private static CurrentUser requireAdmin() {
        CurrentUser me = CurrentUsers.require();
        if (!me.is(Role.ADMIN)) throw new AccessDeniedException("administrators only");
        return me;
    }

    /** A category of the code list and its names (shown; changed on 代码表). */
    record Category(String code, String nameZh, String nameEn, boolean active) {}

    @GetMapping
    String page(@RequestParam(required = false) @Nullable String preset, Model model) {
        CurrentUser me = requireAdmin();
        String p = preset != null && PRESETS.contains(preset) ? preset : null;
        return page(me, admin.inForce(p), admin.latest(), Map.of(), p, model);
    }

    private String page(CurrentUser me, Map<Term, WordingAdmin.Typed> shown, long seen,
                        Map<String, WordingAdmin.Problem> problems, @Nullable String preset, Model model) {
        model.addAttribute("terms", Term.values());
        model.addAttribute("shown", shown);
        model.addAttribute("seen", seen);
        model.addAttribute("problems", problems);
        model.addAttribute("preset", preset);
        model.addAttribute("set", wording.set());
        model.addAttribute("history", wording.history(50));
        model.addAttribute("mayChange", admin.mayChange(me));
        model.addAttribute("categories", jdbc.sql("select code, name_zh, name_en, active from casework_code "
                + "where kind = :k order by sort, code").param("k", CodeKind.CATEGORY.name()).query(Category.class).list());
        return "admin/casework/words";
    }

    @PostMapping
    String save(@RequestParam Map<String, String> form, Model model, RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        admin.requireMayChange(me);
        Map<Term, WordingAdmin.Typed> typed = new LinkedHashMap<>();
        for (Term t : Term.values()) {
            String en = form.getOrDefault("en." + t.name(), "");
            typed.put(t, new WordingAdmin.Typed(form.getOrDefault("zh." + t.name(), ""), en,
                    t.counted() ? form.getOrDefault("plural." + t.name(), "") : en));
        }
        long seen;
        try {
            seen = Long.parseLong(form.getOrDefault("seen", "-1"));
        } catch (NumberFormatException e) {
            seen = -1;
        }
        Map<String, WordingAdmin.Problem> problems = new LinkedHashMap<>();
        for (WordingAdmin.Problem p : WordingAdmin.check(typed)) problems.putIfAbsent(p.field(), p);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(me, typed, seen, problems, null, model);
        }
        try {
            int changed = admin.save(me, typed, seen);
            ra.addFlashAttribute("done", changed == 0 ? "admin.words.unchanged" : "admin.words.saved");
        } catch (ConcurrentEditException e) {
            model.addAttribute("refused", "admin.words.concurrent");
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(me, admin.inForce(null), admin.latest(), Map.of(), null, model);
        }
        return "redirect:/admin/words";
    }
}
