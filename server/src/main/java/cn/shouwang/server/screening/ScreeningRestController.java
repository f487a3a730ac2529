package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.RefusedInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 数据上报 and 监测预警 for department systems, under /api/v1: the same services, scope and roles as the pages
 * ({@link UploadController}, {@link WarningController}). A department data officer uploads the files of their
 * department and sees uploads only (the security filter refuses them the runs and warnings, 403); runs are started by
 * county analysts, city analysts and administrators of a county account; warnings come with masked id numbers.
 * Everything outside the account's area answers 404. The API has no area selector: the account's own area is the
 * scope, so uploads and runs need an account of a county.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "screening", description = "Department files (upload, checks, confirm a replacement), comparison runs "
        + "(start, poll) and their warnings")
class ScreeningRestController {
    private final UploadService uploads;
    private final ScreeningStore store;
    private final PendingUploads pending;
    private final UploadCheck check;
    private final RunService runs;
    private final MessageSource messages;

    ScreeningRestController(UploadService uploads, ScreeningStore store, PendingUploads pending, UploadCheck check,
                            RunService runs, MessageSource messages) {
        this.uploads = uploads;
        this.store = store;
        this.pending = pending;
        this.check = check;
        this.runs = runs;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- uploads

    /** CURRENT: compared by the next run; PENDING: waits for its uploader to confirm or discard it; REPLACED: history. */
    enum UploadState { CURRENT, PENDING, REPLACED }

    /** A reason rows were rejected, in words, and how many rows had it. */
    record Check(long rows, String reason) {}

    /** A department file as stored: what it holds and its checks. {@code replaces}: the current file a pending one would replace. */
    record UploadJson(long id, FeedKind kind, String kindName, String period, String countyCode, String fileName,
                      String sha256, long sizeBytes, long rows, long rejected, List<Check> checks, String uploadedBy,
                      OffsetDateTime uploadedAt, UploadState state, @Nullable Long replaces) {}

    /** The multipart form of an upload, as the description shows it (the handler reads the three parts). */
    @Schema(requiredProperties = {"kind", "period", "file"})
    record UploadForm(FeedKind kind, @Schema(description = "YYYY-MM", example = "2026-11") String period,
                      @Schema(type = "string", format = "binary", description = "The department's file: .csv (UTF-8 or "
                              + "GBK), .xlsx or .xls") String file) {}

    private UploadJson json(ScreeningStore.UploadRow u) {
        Locale l = LocaleContextHolder.getLocale();
        FeedKind kind = FeedKind.valueOf(u.kind());
        List<Check> checks = store.uploadReasons(u.id()).stream()
                .map(r -> new Check(r.rows(), check.reason(r.reason(), l))).toList();
        UploadState state = u.current() ? UploadState.CURRENT : u.pending() ? UploadState.PENDING : UploadState.REPLACED;
        return new UploadJson(u.id(), kind, messages.getMessage(KindNames.key(kind), null, u.kind(), l), u.period(),
                u.countyCode(), u.fileName(), u.sha256(), u.size(), u.rows(), u.rejected(), checks, u.uploadedBy(),
                u.uploadedAt(), state, state == UploadState.PENDING ? store.currentBeside(u.id()).orElse(null) : null);
    }

    private ScreeningStore.UploadRow upload(long id) {
        return store.upload(id, CurrentUsers.viewScope()).orElseThrow(() -> new OutOfScopeException("upload"));
    }

    private static CurrentUser uploader() {
        CurrentUser user = CurrentUsers.require();
        if (!UploadController.mayUpload(user)) throw new AccessDeniedException("upload");
        return user;
    }

    @Operation(operationId = "listUploads", summary = "Department files of the account's area, newest period first "
            + "(at most 500); period = YYYY-MM narrows them")
    @GetMapping("/uploads")
    List<UploadJson> listUploads(@Parameter(description = "YYYY-MM") @RequestParam(required = false) @Nullable String period) {
        String p = period == null || period.isBlank() ? null : period.strip();
        if (p != null && !p.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST,
                    messages.getMessage("screening.run.badPeriod", null, LocaleContextHolder.getLocale()));
        }
        return store.uploads(CurrentUsers.viewScope(), p).stream().map(this::json).toList();
    }

    @Operation(operationId = "uploadFile", summary = "Uploads a department file (.csv, .xlsx or .xls) of a kind and period "
            + "for the account's county. It is checked at once: refused whole (422, the reasons in words), or stored "
            + "with its rows and the rejected rows' reasons. When the period and kind already have a current file, "
            + "the upload is PENDING until confirmed (POST /uploads/{id}/confirm) or discarded. A department data "
            + "officer uploads only their department's kinds")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class)))
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadJson> uploadFile(@Parameter(hidden = true) @RequestParam FeedKind kind,
                                          @Parameter(hidden = true) @RequestParam String period,
                                          @Parameter(hidden = true) @RequestParam MultipartFile file) {
        CurrentUser user = uploader();
        AreaScope scope = CurrentUsers.viewScope();
        if (scope.level() != 3) throw new UploadService.UploadRefusedException("screening.api.needCounty");
        if (file.isEmpty()) throw new UploadService.UploadRefusedException("screening.upload.noFile");
        UploadService.Accepted a;
        try (InputStream in = file.getInputStream()) {
            a = uploads.upload(kind, period.strip(), scope.areaCode(), file.getOriginalFilename(), in, user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.created(URI.create("/api/v1/uploads/" + a.id())).body(json(upload(a.id())));
    }

    @Operation(operationId = "getUpload", summary = "One department file with its checks (404 outside your area)")
    @GetMapping("/uploads/{id}")
    UploadJson getUpload(@PathVariable long id) {
        return json(upload(id));
    }

    @Operation(operationId = "confirmUpload", summary = "Makes your PENDING upload current, replacing the current "
            + "file; send as replaces the current file's id you saw (none: leave it out). 409 when the current file "
            + "changed meanwhile; 404 when the upload is not yours, not pending, expired or outside your area")
    @PostMapping("/uploads/{id}/confirm")
    UploadJson confirmUpload(@PathVariable long id, @RequestParam(required = false) @Nullable Long replaces) {
        CurrentUser user = uploader();
        pending.confirm(id, user.username(), CurrentUsers.viewScope(), replaces);
        return json(upload(id));
    }

    @Operation(operationId = "discardUpload", summary = "Deletes your PENDING upload and its file; the current file "
            + "stays (404 when it is not yours, not pending or outside your area)")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/uploads/{id}/discard")
    ResponseEntity<Void> discardUpload(@PathVariable long id) {
        CurrentUser user = uploader();
        pending.discard(id, user.username(), CurrentUsers.viewScope());
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- runs

    record StartRun(@NotNull String period) {}

    /** A comparison run: RUNNING until DONE or FAILED; progress and failure in words. */
    record RunJson(long id, String period, String countyCode, RunStatus status, @Nullable String progress,
                   String startedBy, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt,
                   @Nullable Long warnings, @Nullable Long newWarnings, @Nullable Long rejects,
                   @Nullable Integer households, @Nullable Integer persons, @Nullable Long millis,
                   @Nullable String failure, @Nullable LocalDate standardAsOf) {}

    private RunJson json(ScreeningStore.RunRow r) {
        Locale l = LocaleContextHolder.getLocale();
        String live = r.running() ? runs.progress(r.id()) : null;
        return new RunJson(r.id(), r.period(), r.countyCode(), r.status(),
                RunText.render(live != null ? live : r.progress(), messages, l), r.startedBy(), r.startedAt(),
                r.finishedAt(), r.warnings(), r.newWarnings(), r.rejects(), r.households(), r.persons(), r.millis(),
                RunText.render(r.error(), messages, l), r.standardAsOf());
    }

    private ScreeningStore.RunRow run(long id) {
        return store.run(id, CurrentUsers.viewScope()).orElseThrow(() -> new OutOfScopeException("screening run"));
    }

    @Operation(operationId = "startRun", summary = "Starts a comparison of the account's county for a period "
            + "(YYYY-MM) with its current department files; answers at once (202) with the run, RUNNING: poll "
            + "GET /runs/{id} until DONE or FAILED. County, city analysts and administrators of a county account only")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/runs")
    ResponseEntity<RunJson> startRun(@Valid @RequestBody StartRun cmd) {
        CurrentUser user = CurrentUsers.require();
        if (!WarningController.mayRun(user)) throw new AccessDeniedException("run");
        AreaScope scope = CurrentUsers.viewScope();
        if (scope.level() != 3) throw new UploadService.UploadRefusedException("screening.api.needCounty");
        String p = period(cmd.period().strip());
        long id = runs.start(p, scope, user);
        return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + id)).body(json(run(id)));
    }

    @Operation(operationId = "listRuns", summary = "The latest 50 comparison runs of the counties your area covers or lies in")
    @GetMapping("/runs")
    List<RunJson> listRuns() {
        return store.runs(CurrentUsers.viewScope()).stream().map(this::json).toList();
    }

    @Operation(operationId = "getRun", summary = "A comparison run's state and progress: poll while RUNNING")
    @GetMapping("/runs/{id}")
    RunJson getRun(@PathVariable long id) {
        return json(run(id));
    }

    // ---------------------------------------------------------------- warnings

    /**
     * A warning: the household, the rule (code and name), the reason as a sentence, the person's id number masked,
     * and what has been done about it ({@code status}).
     */
    record WarningJson(long id, String period, long householdId, String householdNo, String villageCode, Rule rule,
                       String ruleName, String reason, String idNumberMasked, @Nullable String riskType, String source,
                       @Nullable Integer line, @Nullable BigDecimal amount, WarningStatus status, int seenCount,
                       long firstRunId, long lastRunId, @Nullable Long leadId, @Nullable String assignedArea,
                       @Nullable LocalDate assignedDue, @Nullable String dismissedReason) {}

    record WarningPage(List<WarningJson> rows, long total, int page, int size) {}

    @Operation(operationId = "listRunWarnings", summary = "The warnings of the run's period within the run's county "
            + "and your area, as the latest run of the period left them, 20 (or size: 20, 50, 100) a page, ordered by "
            + "household number and rule; id numbers masked. status: ACTIVE (default: all but dismissed), OPEN, NEW, "
            + "AGAIN, RETURNED, ASSIGNED, DISMISSED, LEAD or ALL")
    @GetMapping("/runs/{id}/warnings")
    WarningPage listRunWarnings(@PathVariable long id, @RequestParam(required = false) @Nullable Rule rule,
                                @RequestParam(required = false) @Nullable WarningStatus status,
                                @Parameter(description = "from 1") @RequestParam(required = false) @Nullable Integer page,
                                @Parameter(description = "20, 50 or 100") @RequestParam(required = false) @Nullable Integer size) {
        ScreeningStore.RunRow run = run(id);
        AreaScope scope = CurrentUsers.viewScope();
        // a city's account sees the run's county only; a township's its township within it
        AreaScope area = scope.covers(run.countyCode()) ? new AreaScope(run.countyCode()) : scope;
        ScreeningStore.WarningFilter f = new ScreeningStore.WarningFilter(run.period(), area,
                rule == null ? null : rule.name(), status == null ? WarningStatus.ACTIVE : status, null, null);
        int pg = Paging.page(page);
        int s = Paging.size(size);
        Locale l = LocaleContextHolder.getLocale();
        List<WarningJson> rows = store.warnings(f, pg, s).stream().map(w -> new WarningJson(w.id(), w.period(),
                w.householdId(), w.householdNo(), w.villageCode(), Rule.valueOf(w.rule()),
                messages.getMessage("screening.rule." + w.rule(), null, w.rule(), l),
                WarningReasons.sentence(w.rule(), w.detail(), messages, l), w.maskedIdNumber(), w.riskType(), w.source(),
                w.line(), w.amount(), w.status(), w.seenCount(), w.firstRunId(), w.lastRunId(), w.leadId(),
                w.assignedArea(), w.assignedDue(), w.dismissedReason())).toList();
        return new WarningPage(rows, store.countWarnings(f), pg, s);
    }

    // ---------------------------------------------------------------- errors

    /** A period as YYYY-MM, else 422 with the message the pages show. */
    private static String period(String p) {
        try {
            return Period.parse(p).toString();
        } catch (RuntimeException e) {
            throw new UploadService.UploadRefusedException("screening.run.badPeriod");
        }
    }

    @ExceptionHandler(RefusedInputException.class)
    ResponseEntity<ProblemDetail> refused(RefusedInputException e) {
        Locale l = LocaleContextHolder.getLocale();
        String detail = e instanceof UploadService.UploadRefusedException u ? check.message(u, l)
                : messages.getMessage(e.problems().get(0), l);
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

    @ExceptionHandler(PendingUploads.CurrentChangedException.class)
    ResponseEntity<ProblemDetail> currentChanged(PendingUploads.CurrentChangedException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                messages.getMessage("screening.api.currentChanged", null, LocaleContextHolder.getLocale()));
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }
}
