package cn.shouwang.server.villagearchive.documents;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.platform.RefusedInputException;
import cn.shouwang.server.villagearchive.ArchiveRoles;
import cn.shouwang.server.villagearchive.ArchiveVillages;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A village's documents: upload (village, township, county), download (streamed, audited, never a file path or
 * name in the URL: the document's number only), deletion (the county only, audited).
 */
@Controller
class DocumentController {
    private final Documents documents;
    private final ArchiveVillages villages;
    private final MessageSource messages;

    DocumentController(Documents documents, ArchiveVillages villages, MessageSource messages) {
        this.documents = documents;
        this.villages = villages;
        this.messages = messages;
    }

    @PostMapping("/villages/{code}/documents")
    String upload(@PathVariable String code, @RequestParam(required = false) String docType,
                  @RequestParam(required = false) String title,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate docDate,
                  @RequestParam(required = false) @Nullable MultipartFile file, RedirectAttributes ra) throws IOException {
        CurrentUser me = CurrentUsers.require();
        ArchiveRoles.requireRead(me);
        villages.require(code, me.scope());
        ArchiveRoles.requireWrite(me);
        try {
            if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
                throw new RefusedInputException("file", "villagearchive.doc.error.noFile");
            }
            String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
            documents.upload(code, new Documents.NewDocument(docType, title, docDate, name, file.getSize()),
                    file::getInputStream, me);
            ra.addFlashAttribute("docDone", msg("villagearchive.doc.done", title == null ? "" : title.strip()));
        } catch (RefusedInputException e) {
            ra.addFlashAttribute("docErrors", e.problems().stream()
                    .map(p -> messages.getMessage(p, LocaleContextHolder.getLocale())).toList());
            ra.addFlashAttribute("docTitle", title);
        }
        return "redirect:/villages/" + code + "#documents";
    }

    @GetMapping("/villages/{code}/documents/{id}")
    void download(@PathVariable String code, @PathVariable long id, HttpServletResponse response) throws IOException {
        CurrentUser me = CurrentUsers.require();
        ArchiveRoles.requireRead(me);
        villages.require(code, me.scope());
        Documents.Doc d = documents.find(id, code, me.scope()).orElseThrow(() -> new OutOfScopeException("document"));
        response.setContentType(d.kind().mediaType());
        String name = d.title() + "." + d.kind().extension();
        response.setHeader("Content-Disposition", "attachment; filename=\"document-" + d.id() + "."
                + d.kind().extension() + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLengthLong(d.sizeBytes());
        documents.download(d, response.getOutputStream());
    }

    @PostMapping("/villages/{code}/documents/{id}/delete")
    String delete(@PathVariable String code, @PathVariable long id, RedirectAttributes ra) {
        CurrentUser me = CurrentUsers.require();
        ArchiveRoles.requireRead(me);
        villages.require(code, me.scope());
        Documents.Doc d = documents.find(id, code, me.scope()).orElseThrow(() -> new OutOfScopeException("document"));
        if (!ArchiveRoles.mayDelete(me)) throw new AccessDeniedException("document deletion by " + me.role());
        documents.delete(d);
        ra.addFlashAttribute("docDone", msg("villagearchive.doc.deleted", d.title()));
        return "redirect:/villages/" + code + "#documents";
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
