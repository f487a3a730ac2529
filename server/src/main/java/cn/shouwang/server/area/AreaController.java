package cn.shouwang.server.area;

import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.server.access.BeyondOwnAreaException;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import jakarta.servlet.http.HttpServletResponse;

/** 行政区划: the area tree (lazy children through htmx), search, and the import of an edition (administrators). */
@Controller
class AreaController {
    private final AreaApi areas;
    private final AreaImportApi importer;

    AreaController(AreaApi areas, AreaImportApi importer) {
        this.areas = areas;
        this.importer = importer;
    }

    @GetMapping("/areas")
    String tree(@RequestParam(required = false) @Nullable String code,
                @RequestParam(required = false) @Nullable Integer edition,
                @RequestParam(required = false) @Nullable String q,
                Model model) {
        CurrentUser user = CurrentUsers.require();
        List<AreaEdition> editions = areas.editions();
        model.addAttribute("editions", editions);
        model.addAttribute("canImport", user.is(Role.ADMIN) && areas.coversEverything(user.scope()));
        AreaEdition ed = pickEdition(editions, edition);
        model.addAttribute("edition", ed);
        model.addAttribute("q", q == null ? "" : q);
        if (ed == null) return "area/tree";
        String root = user.scope().areaCode();
        String at = code != null && user.scope().covers(code) ? code : root;
        AreaInfo area = areas.find(ed.id(), at).orElseGet(() -> areas.find(ed.id(), root).orElse(null));
        model.addAttribute("area", area);
        if (area != null) {
            List<AreaInfo> path = areas.path(ed.id(), area.code()).stream()
                    .filter(a -> user.scope().covers(a.code())).toList();
            model.addAttribute("path", path);
            model.addAttribute("children", areas.children(ed.id(), area.code()));
        }
        if (q != null && !q.isBlank()) {
            model.addAttribute("results", areas.search(ed.id(), user.scope().prefix(), q, 100));
        }
        return "area/tree";
    }

    /** The children of one area as tree items (an htmx partial). */
    @GetMapping("/areas/children")
    String children(@RequestParam String code, @RequestParam int edition, Model model) {
        CurrentUser user = CurrentUsers.require();
        if (!user.scope().covers(code)) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        model.addAttribute("children", areas.children(edition, code));
        model.addAttribute("edition", areas.editions().stream().filter(e -> e.id() == edition).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "area/tree :: items";
    }

    @GetMapping("/areas/import")
    String importForm(Model model) {
        requireAdmin();
        model.addAttribute("editions", areas.editions());
        return "area/import";
    }

    @PostMapping("/areas/import")
    String importFile(@RequestParam("edition") String edition,
                      @RequestParam(value = "makeCurrent", defaultValue = "false") boolean makeCurrent,
                      @RequestParam("file") MultipartFile file,
                      Model model) throws IOException {
        CurrentUser user = requireAdmin();
        model.addAttribute("editionName", edition);
        if (file.isEmpty()) {
            model.addAttribute("fileError", true);
        } else {
            DivisionFile.Result parsed;
            String fileName = file.getOriginalFilename() == null ? "upload.csv"
                    : java.nio.file.Path.of(file.getOriginalFilename().replace('\\', '/')).getFileName().toString();
            model.addAttribute("fileName", fileName);
            // UTF-8 or GBK as detected: a GBK file once loaded as names like ����ʡ
            try (var in = file.getInputStream()) {
                parsed = DivisionFile.read(in, fileName);
            }
            // an edition applies to every area it holds: none may lie outside the administrator's own
            for (var d : parsed.divisions()) {
                if (!user.scope().covers(d.code())) throw new BeyondOwnAreaException(BeyondOwnAreaException.AREA,
                        d.name() + " (" + d.code() + ")");
            }
            AreaImportApi.Outcome outcome = importer.importEdition(edition, parsed, makeCurrent, user.username());
            model.addAttribute("outcome", outcome);
        }
        model.addAttribute("editions", areas.editions());
        return "area/import";
    }

    /** 删除: asks to confirm (no script: a page of its own state) before {@link #delete}. */
    @GetMapping("/areas/editions/{id}/delete")
    String confirmDelete(@PathVariable int id, Model model) {
        requireAdmin();
        List<AreaEdition> editions = areas.editions();
        AreaEdition e = editions.stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("deleting", e);
        model.addAttribute("editions", editions);
        return "area/import";
    }

    /** Deletes an edition loaded by mistake, refused with a sentence while households refer to it. */
    @PostMapping("/areas/editions/{id}/delete")
    String delete(@PathVariable int id, Model model, RedirectAttributes flash, HttpServletResponse response) {
        requireAdmin();
        try {
            flash.addFlashAttribute("deleted", importer.deleteEdition(id));
            return "redirect:/areas/import";
        } catch (AreaImportApi.EditionNotDeleted e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("deleteRefused", e);
            model.addAttribute("editions", areas.editions());
            return "area/import";
        }
    }

    @PostMapping("/areas/editions/{id}/current")
    String makeCurrent(@PathVariable int id) {
        requireAdmin();
        importer.makeCurrent(id);
        return "redirect:/areas/import";
    }

    /**
     * An edition of the division codes applies everywhere: only an administrator of the whole province (whose area
     * holds every area of the current edition) imports one or switches to one; other administrators get 403 with
     * the reason, other roles 403.
     */
    private CurrentUser requireAdmin() {
        CurrentUser user = CurrentUsers.require();
        if (!user.is(Role.ADMIN)) throw new AccessDeniedException("administrators only");
        if (!areas.coversEverything(user.scope())) throw BeyondOwnAreaException.everywhere();
        return user;
    }

    private static @Nullable AreaEdition pickEdition(List<AreaEdition> editions, @Nullable Integer id) {
        if (id != null) {
            for (AreaEdition e : editions) if (e.id() == id) return e;
        }
        for (AreaEdition e : editions) if (e.current()) return e;
        return editions.isEmpty() ? null : editions.get(0);
    }

}
