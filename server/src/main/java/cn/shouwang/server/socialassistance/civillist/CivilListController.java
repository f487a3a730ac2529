package cn.shouwang.server.socialassistance.civillist;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.XlsxWriter;
import cn.shouwang.server.socialassistance.SocialTexts;
import cn.shouwang.server.socialassistance.Sa;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 民政名单: the import of the civil-affairs list (refusals listed and downloadable) and the reconciliation (比对). */
@Controller
class CivilListController {
    private final ExcelExports exports;
    private final CivilListImport importer;
    private final CivilListStore store;
    private final CivilListReconciliation reconciliation;
    private final AuditApi audit;
    private final SocialTexts names;
    private final Clock clock;

    CivilListController(CivilListImport importer, CivilListStore store, CivilListReconciliation reconciliation, AuditApi audit,
                        SocialTexts names, Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.importer = importer;
        this.store = store;
        this.reconciliation = reconciliation;
        this.audit = audit;
        this.names = names;
        this.clock = clock;
    }

    @GetMapping("/social-assistance/civil-list")
    String page(@RequestParam(name = "import", required = false) Long importId, Model model) {
        CurrentUser u = CurrentUsers.require();
        AreaScope scope = CurrentUsers.viewScope();
        List<CivilListStore.ImportRow> imports = store.imports(scope, 10);
        model.addAttribute("imports", imports);
        Map<String, String> areaNames = names.areas(imports.stream().map(CivilListStore.ImportRow::areaCode).distinct().toList());
        model.addAttribute("areaNames", areaNames);
        if (importId != null) {
            CivilListStore.ImportRow imp = store.importOf(importId, u.scope());
            if (imp == null) throw new OutOfScopeException("import");
            model.addAttribute("shown", imp);
            model.addAttribute("problems", store.problems(imp.id()));
        }
        model.addAttribute("mayImport", Sa.mayPay(u));
        model.addAttribute("areaName", names.area(scope.areaCode()));
        return "socialassistance/civil-list";
    }

    /** The upload: into a temporary file (the reader streams it), imported whole or refused whole, then deleted. */
    @PostMapping("/social-assistance/civil-list")
    String upload(@RequestParam("file") MultipartFile file, RedirectAttributes ra) throws IOException {
        CurrentUser u = CurrentUsers.require();
        if (!Sa.mayPay(u)) throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        if (file.isEmpty()) {
            ra.addFlashAttribute("error", names.msg("socialassistance.civil.noFile"));
            return "redirect:/social-assistance/civil-list";
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload"
                // control characters (a NUL byte) taken out: a Path refuses them with an exception
                : Path.of(file.getOriginalFilename().replaceAll("\\p{Cntrl}", "")).getFileName().toString();
        Path tmp = Files.createTempFile("civil-list", ".upload");
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            // the view's area: a county analyst who chose a township imports that township's list
            CivilListImport.Result r = importer.importFile(tmp, name, CurrentUsers.viewScope(), u.accountId(),
                    LocaleContextHolder.getLocale());
            ra.addFlashAttribute(r.accepted() ? "done" : "error", r.accepted()
                    ? names.msg("socialassistance.civil.accepted", r.rows(), r.matched(), r.layersAdded())
                    : names.msg("socialassistance.civil.refused", r.problems().size()));
            return "redirect:/social-assistance/civil-list?import=" + r.importId();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @GetMapping("/social-assistance/civil-list/{id}/problems")
    void problems(@PathVariable long id, HttpServletResponse response) throws IOException {
        CivilListStore.ImportRow imp = store.importOf(id, CurrentUsers.require().scope());
        if (imp == null) throw new OutOfScopeException("import");
        response.setContentType(XlsxWriter.CONTENT_TYPE);
        response.setHeader("Content-Disposition", Sa.attachment(names.msg("socialassistance.civil.problemsFile", imp.id()) + ".xlsx",
                "civil-list-problems.xlsx"));
        try (XlsxWriter x = new XlsxWriter(names.msg("socialassistance.civil.problems"), List.of(
                names.msg("socialassistance.civil.sheet"), names.msg("socialassistance.civil.line"),
                names.msg("socialassistance.civil.column"), names.msg("socialassistance.civil.problem")))) {
            for (CivilListStore.Problem p : store.problems(imp.id())) x.row(p.sheet(), p.line(), p.column(), p.message());
            x.writeTo(response.getOutputStream());
        }
    }

    @GetMapping("/social-assistance/reconciliation")
    String reconciliation(@RequestParam(required = false) String area, Model model) {
        AreaScope scope = CurrentUsers.areaInView(area);
        CivilListReconciliation.Report r = reconciliation.report(scope);
        model.addAttribute("report", r);
        model.addAttribute("areaNames", names.areas(r.byArea().keySet()));
        model.addAttribute("area", area);
        model.addAttribute("areaName", names.area(scope.areaCode()));
        return "socialassistance/reconciliation";
    }

    @GetMapping("/social-assistance/reconciliation/export")
    void reconciliationExport(@RequestParam(required = false) String area, HttpServletResponse response) throws IOException {
        AreaScope scope = CurrentUsers.areaInView(area);
        CivilListReconciliation.Report r = reconciliation.report(scope);
        Map<String, String> areaNames = names.areas(r.byArea().keySet());
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(), "civil-affairs reconciliation");
        ExcelExports.Heading h = exports.heading(names.path(scope.areaCode()),
                names.msg("socialassistance.reconciliation.file"), LocalDate.now(clock));
        try (XlsxWriter x = exports.open(response, h, List.of(
                names.msg("socialassistance.village"), names.msg("socialassistance.reconciliation.difference"),
                names.msg("socialassistance.householdNo"), names.msg("socialassistance.name"),
                names.msg("socialassistance.idNumber"), names.msg("socialassistance.civil.column.layer")))) {
            for (CivilListReconciliation.Line l : r.lines()) {
                x.row(areaNames.getOrDefault(l.areaCode(), l.areaCode()),
                        names.msg("socialassistance.reconciliation." + l.difference()), l.householdNo(), l.name(),
                        l.idNumberMasked(), l.layer() == null ? null : names.msg("socialassistance.layer." + l.layer()));
            }
            x.writeTo(response.getOutputStream());
        }
    }
}
