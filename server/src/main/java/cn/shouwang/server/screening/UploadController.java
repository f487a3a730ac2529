package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 数据上报: department files per county and month. An upload that would replace a current file waits on this page,
 * with its counts and the current file, for its uploader to confirm (确认替换) or abandon (放弃) it.
 */
@Controller
class UploadController {
    private final UploadService uploads;
    private final ScreeningStore store;
    private final PendingUploads pending;
    private final UploadCheck check;

    UploadController(UploadService uploads, ScreeningStore store, PendingUploads pending, UploadCheck check) {
        this.uploads = uploads;
        this.store = store;
        this.pending = pending;
        this.check = check;
    }

    /** A pending upload as the page shows it, with its reasons in words. */
    record PendingView(PendingUploads.Pending p, String reasons) {}

    static boolean mayUpload(CurrentUser u) {
        return u.is(Role.DATA_OFFICER) || u.is(Role.COUNTY_ANALYST) || u.is(Role.CITY_ANALYST) || u.is(Role.ADMIN);
    }

    @GetMapping("/uploads")
    String page(@RequestParam(required = false) @Nullable String period, Model model) {
        fill(model, period, null, null);
        return "screening/uploads";
    }

    private void fill(Model model, @Nullable String period, @Nullable String kind, @Nullable String error) {
        AreaScope scope = CurrentUsers.viewScope();
        CurrentUser user = CurrentUsers.require();
        if (model.getAttribute("accepted") instanceof UploadService.Accepted a) {
            model.addAttribute("acceptedReasons", a.reasons().isEmpty() ? "" : check.reasons(a.reasons(), LocaleContextHolder.getLocale()));
        }
        List<PendingView> waiting = !mayUpload(user) ? List.of() : pending.of(user.username(), scope).stream()
                .map(p -> new PendingView(p, p.reasons().isEmpty() ? "" : check.reasons(p.reasons(), LocaleContextHolder.getLocale()))).toList();
        model.addAttribute("pending", waiting);
        // an officer is offered only their department's kinds (the upload refuses the others anyway)
        model.addAttribute("kinds", KindNames.uploadable(user));
        model.addAttribute("noDepartment", user.is(Role.DATA_OFFICER) && user.department() == null);
        model.addAttribute("department", user.department());
        model.addAttribute("period", period == null ? "" : period);
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("error", error);
        model.addAttribute("county", scope.level() == 3);
        model.addAttribute("mayUpload", mayUpload(CurrentUsers.require()));
        model.addAttribute("rows", store.uploads(scope, period == null || period.isBlank() ? null : period));
    }

    @PostMapping("/uploads")
    String upload(@RequestParam(required = false) @Nullable String kind, @RequestParam(required = false) @Nullable String period,
                  @RequestParam(required = false) @Nullable MultipartFile file, Model model, RedirectAttributes flash,
                  HttpServletResponse response) {
        CurrentUser user = CurrentUsers.require();
        if (!mayUpload(user)) throw new AccessDeniedException("upload");
        AreaScope scope = CurrentUsers.viewScope();
        String p = period == null ? "" : period.strip();
        try {
            if (scope.level() != 3) throw new UploadService.UploadRefusedException("screening.run.needCounty");
            FeedKind k;
            try {
                k = kind == null ? null : FeedKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                k = null;
            }
            if (file == null || file.isEmpty()) throw new UploadService.UploadRefusedException("screening.upload.noFile");
            UploadService.Accepted a;
            try (InputStream in = file.getInputStream()) {
                a = uploads.upload(k, p, scope.areaCode(), file.getOriginalFilename(), in, user);
            }
            // a pending upload is shown from the database (the page lists the user's pending uploads)
            if (!a.pending()) flash.addFlashAttribute("accepted", a);
            return "redirect:/uploads?period=" + p;
        } catch (UploadService.UploadRefusedException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, shownPeriod(p), kind, check.message(e, LocaleContextHolder.getLocale()));
            return "screening/uploads";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The month the page lists after a refusal: what was typed if it is one (YYYY-MM), else none — a refused period
     * (a NUL byte, a word) is refused with its message, never sent to the database as a filter.
     */
    static String shownPeriod(String typed) {
        return typed.matches("\\d{4}-\\d{2}") ? typed : "";
    }

    /** 确认替换: the pending upload becomes current; {@code current} is the current file the page showed (none: empty). */
    @PostMapping("/uploads/{id}/confirm")
    String confirm(@PathVariable long id, @RequestParam(required = false) @Nullable Long current,
                   @RequestParam(required = false) @Nullable String period, Model model, RedirectAttributes flash,
                   HttpServletResponse response) {
        CurrentUser user = CurrentUsers.require();
        if (!mayUpload(user)) throw new AccessDeniedException("upload");
        String p = period == null ? "" : period.strip();
        try {
            PendingUploads.Pending done = pending.confirm(id, user.username(), CurrentUsers.viewScope(), current);
            flash.addFlashAttribute("confirmed", done.fileName());
            return "redirect:/uploads?period=" + done.period();
        } catch (PendingUploads.CurrentChangedException e) {
            // someone replaced the current file meanwhile: show what is current now and ask again
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("changed", id);
            fill(model, shownPeriod(p), null, null);
            return "screening/uploads";
        }
    }

    /** 放弃: the pending upload and its file are deleted; the current file stays. */
    @PostMapping("/uploads/{id}/discard")
    String discard(@PathVariable long id, RedirectAttributes flash) {
        CurrentUser user = CurrentUsers.require();
        if (!mayUpload(user)) throw new AccessDeniedException("upload");
        PendingUploads.Pending done = pending.discard(id, user.username(), CurrentUsers.viewScope());
        flash.addFlashAttribute("discarded", done.fileName());
        return "redirect:/uploads?period=" + done.period();
    }
}
