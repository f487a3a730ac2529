package cn.shouwang.server.household.imports;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.PersonListColumn;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 农户档案 › 导入: upload, progress, preview (counts and lists, column mapping), apply, problem rows, template. For
 * county staff and above; every import is read within the account's area (another area's import is 404).
 */
@Controller
class ImportController {
    /** Who may import: county level and above (a township or village account keeps its registry by hand). */
    static final Set<Role> IMPORTERS = EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST);

    private final RegistryImports imports;
    private final ImportStore store;
    private final PreviewPages pages;
    private final ImportTemplate template;
    private final MessageSource messages;

    ImportController(RegistryImports imports, ImportStore store, PreviewPages pages, ImportTemplate template, MessageSource messages) {
        this.imports = imports;
        this.store = store;
        this.pages = pages;
        this.template = template;
        this.messages = messages;
    }

    private static CurrentUser importer() {
        CurrentUser u = CurrentUsers.require();
        if (!IMPORTERS.contains(u.role())) throw new AccessDeniedException("registry import is for county staff and above");
        return u;
    }

    private ImportStore.Import find(long id, CurrentUser u) {
        return store.find(id, u.scope()).orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("registry import"));
    }

    @GetMapping("/households/imports")
    String list(Model model) {
        CurrentUser u = importer();
        model.addAttribute("imports", store.list(u.scope(), 100));
        return "household/imports";
    }

    @PostMapping("/households/imports")
    String upload(@RequestParam(required = false) @Nullable MultipartFile file,
                  @RequestParam(defaultValue = "PERSONS") String kind, RedirectAttributes redirect) throws IOException {
        CurrentUser u = importer();
        String name = file == null ? null : file.getOriginalFilename();
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (file == null || file.isEmpty() || !(lower.endsWith(".xlsx") || lower.endsWith(".xls") || lower.endsWith(".csv"))) {
            redirect.addFlashAttribute("uploadError", true);
            return "redirect:/households/imports";
        }
        long id;
        try (var in = file.getInputStream()) {
            id = imports.upload("INCOMES".equals(kind) ? ImportStore.Kind.INCOMES : ImportStore.Kind.PERSONS, in, name, u);
        }
        return "redirect:/households/imports/" + id;
    }

    @GetMapping("/households/imports/template.xlsx")
    void template(HttpServletResponse response, Locale locale) throws IOException {
        CurrentUser u = importer();
        String name = messages.getMessage("registry.import.templateFile", null, locale);
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"template.xlsx\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + ".xlsx");
        template.write(u.scope(), messages.getMessage("registry.import.templateSheet", null, locale),
                messages.getMessage("registry.import.exampleName", null, locale), response.getOutputStream());
    }

    /** The income file's template (收入导入): the columns and one example row of a household of the caller's area. */
    @GetMapping("/households/imports/incomes-template.xlsx")
    void incomeTemplate(HttpServletResponse response, Locale locale) throws IOException {
        CurrentUser u = importer();
        String name = messages.getMessage("registry.import.income.templateFile", null, locale);
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"incomes-template.xlsx\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + ".xlsx");
        template.writeIncomes(u.scope(), messages.getMessage("registry.import.income.templateSheet", null, locale),
                response.getOutputStream());
    }

    @GetMapping("/households/imports/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "problems") String kind,
                @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size,
                Model model, Locale locale, @RequestHeader(value = "HX-Request", required = false) @Nullable String hx) {
        CurrentUser u = importer();
        ImportStore.Import imp = find(id, u);
        model.addAttribute("imp", imp);
        if (imp.state().running()) return hx != null ? "household/import :: progress" : "household/import";
        List<PreviewPages.Kind> kinds = PreviewPages.Kind.of(imp.kind());
        PreviewPages.Kind k = kinds.stream().filter(x -> x.name().equals(kind)).findFirst()
                .orElse(PreviewPages.Kind.problems);
        model.addAttribute("kinds", kinds);
        model.addAttribute("kind", k);
        if (imp.state() == ImportStore.State.PREVIEWED) {
            int p = Paging.page(page);
            int s = Paging.size(size);
            PreviewPages.Page result = pages.page(id, k, u.scope(), p, s, locale);
            model.addAttribute("lines", result.lines());
            Paging.toModel(model, p, s, result.total());
            model.addAttribute("columns", PersonListColumn.layout().stream()
                    .filter(c -> c.level() != PersonListColumn.Level.IGNORED).toList());
        }
        if (hx != null && imp.state() == ImportStore.State.PREVIEWED && page != null) return "household/import :: list";
        return "household/import";
    }

    /** The progress bar's poll: the bar while running, and a full reload (HX-Refresh) once the job is done. */
    @GetMapping("/households/imports/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        CurrentUser u = importer();
        ImportStore.Import imp = find(id, u);
        model.addAttribute("imp", imp);
        if (!imp.state().running()) response.setHeader("HX-Refresh", "true");
        return "household/import :: progress";
    }

    @PostMapping("/households/imports/{id}/mapping")
    String mapping(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        CurrentUser u = importer();
        ImportStore.Import imp = find(id, u);
        Map<String, PersonListColumn> mapping = new LinkedHashMap<>();
        List<String> unknown = imp.unknownHeaders();
        for (int i = 0; i < unknown.size(); i++) {
            String v = form.get("col" + i);
            if (v == null || v.isBlank()) continue;
            try {
                mapping.put(unknown.get(i), PersonListColumn.valueOf(v));
            } catch (IllegalArgumentException e) {
                // not a column: ignored
            }
        }
        try {
            imports.map(id, mapping, u);
        } catch (RegistryImports.NotApplicable e) {
            redirect.addFlashAttribute("refusal", e.code);
        }
        return "redirect:/households/imports/" + id;
    }

    @PostMapping("/households/imports/{id}/apply")
    String apply(@PathVariable long id, @RequestParam(defaultValue = "false") boolean skipProblems, RedirectAttributes redirect) {
        CurrentUser u = importer();
        find(id, u);
        try {
            imports.startApply(id, skipProblems, u);
        } catch (RegistryImports.NotApplicable e) {
            redirect.addFlashAttribute("refusal", e.code);
        }
        return "redirect:/households/imports/" + id;
    }

    @PostMapping("/households/imports/{id}/discard")
    String discard(@PathVariable long id, RedirectAttributes redirect) {
        CurrentUser u = importer();
        try {
            imports.discard(id, u.scope());
        } catch (RegistryImports.NotApplicable e) {
            redirect.addFlashAttribute("refusal", e.code);
            return "redirect:/households/imports/" + id;
        }
        return "redirect:/households/imports";
    }

    @GetMapping("/households/imports/{id}/problems.xlsx")
    void problems(@PathVariable long id, HttpServletResponse response, Locale locale) throws IOException {
        CurrentUser u = importer();
        ImportStore.Import imp = find(id, u);
        String base = imp.fileName().contains(".") ? imp.fileName().substring(0, imp.fileName().lastIndexOf('.')) : imp.fileName();
        String name = messages.getMessage("registry.import.problemFile", new Object[] {base}, locale);
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"problems.xlsx\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + ".xlsx");
        imports.problemRows(id, u.scope(), response.getOutputStream(), locale);
    }
}
