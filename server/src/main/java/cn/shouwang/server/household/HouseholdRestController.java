package cn.shouwang.server.household;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.platform.RefusedInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry as JSON under /api/v1, scoped exactly like the pages (the same {@link Registry} calls). Personal
 * values come masked (id numbers, phones) or not at all (health status, disability grade); the reveal endpoints
 * return them in full, one member or household at a time, and are audited.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "registry", description = "农户档案: households and members")
class HouseholdRestController {
    private final Registry registry;
    private final MessageSource messages;

    private final Assets assets;

    HouseholdRestController(Registry registry, MessageSource messages, Assets assets) {
        this.assets = assets;
        this.registry = registry;
        this.messages = messages;
    }

    private static AreaScope scope() {
        return CurrentUsers.require().scope();
    }

    record Created(long id) {}

    record Revealed(String value) {}

    @Operation(operationId = "listHouseholds", summary = "Households in your area; q = household number or part of a name. A q that looks like an "
            + "id number is refused (400): use POST /households/search, so that the number stays out of URLs and logs")
    @GetMapping("/households")
    Views.Page<Views.HouseholdRow> list(@ParameterObject @ModelAttribute HouseholdFilter filter, HttpServletRequest request) {
        if (idNumberLike(filter.q()) || request.getParameter("idNumber") != null) {
            throw new IdNumberInUrl("/api/v1/households/search");
        }
        return registry.search(filter, scope());
    }

    /** Anything shaped like an id number (valid or not, spaces or dashes between the digits) stays out of URLs. */
    static boolean idNumberLike(@Nullable String q) {
        return q != null && SearchTokens.looksLikeIdNumber(q.replaceAll("[\\s-]", ""));
    }

    /** A GET that carries (or may carry) an id number in its address: refused before anything is looked up. */
    static final class IdNumberInUrl extends RuntimeException {
        final String search;

        IdNumberInUrl(String search) {
            super("an id number belongs in the body of POST " + search, null, false, false);
            this.search = search;
        }
    }

    @Operation(operationId = "searchHouseholds", summary = "The same search with the filter in the body, so that an id number stays out of the URL")
    @PostMapping("/households/search")
    Views.Page<Views.HouseholdRow> search(@RequestBody HouseholdFilter filter) {
        // a NUL character cannot be sent to PostgreSQL: refused as the query-string search refuses it (400)
        if (filter.q() != null && filter.q().indexOf('\u0000') >= 0) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "q: a NUL character");
        }
        return registry.search(filter, scope());
    }

    record IdNumberQuery(String idNumber) {}

    @Operation(operationId = "findMemberByIdNumber", summary = "Find a member by id number given in the body (exact, via the keyed hash)")
    @PostMapping("/members/search")
    Views.Member memberSearch(@RequestBody IdNumberQuery query) {
        return byIdNumber(query.idNumber() == null ? "" : query.idNumber());
    }

    @Operation(operationId = "getHousehold", summary = "One household with its members (masked)")
    @GetMapping("/households/{id}")
    Views.Household get(@PathVariable long id) {
        return registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
    }

    @Operation(operationId = "getHouseholdHistory", summary = "The household's history: who changed what, when (personal values masked)")
    @GetMapping("/households/{id}/history")
    List<Views.HistoryEntry> history(@PathVariable long id) {
        return registry.history(id, scope());
    }

    @Operation(operationId = "createHousehold", summary = "Create a household with its head")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/households")
    ResponseEntity<Created> create(@Valid @RequestBody NewHouseholdCmd cmd) {
        long id = registry.create(cmd, scope());
        return ResponseEntity.created(URI.create("/api/v1/households/" + id)).body(new Created(id));
    }

    @Operation(operationId = "updateHousehold", summary = "Change a household; send the version you read (409 if someone saved in between)")
    @PutMapping("/households/{id}")
    Views.Household update(@PathVariable long id, @Valid @RequestBody HouseholdCmd cmd) {
        registry.update(id, cmd, scope());
        return get(id);
    }

    @Operation(operationId = "addMember", summary = "Add a member; send householdVersion")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/households/{id}/members")
    ResponseEntity<Created> addMember(@PathVariable long id, @Valid @RequestBody MemberCmd cmd) {
        long memberId = registry.addMember(id, cmd, scope());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(memberId));
    }

    @Operation(operationId = "updateMember", summary = "Change a member; a blank idNumber keeps the stored one")
    @PutMapping("/members/{id}")
    Views.Member updateMember(@PathVariable long id, @Valid @RequestBody MemberCmd cmd) {
        registry.updateMember(id, cmd, scope());
        return registry.member(id, scope()).orElseThrow(Registry.NotFound::new);
    }

    @Operation(operationId = "moveMember", summary = "Move a member to another household (by household number)")
    @PostMapping("/members/{id}/move")
    Views.Member move(@PathVariable long id, @Valid @RequestBody MoveMemberCmd cmd) {
        registry.moveMember(id, cmd, scope());
        return registry.member(id, scope()).orElseThrow(Registry.NotFound::new);
    }

    @Operation(operationId = "recordDeath", summary = "Record a member's death")
    @PostMapping("/members/{id}/death")
    Views.Member death(@PathVariable long id, @Valid @RequestBody DeathCmd cmd) {
        registry.recordDeath(id, cmd, scope());
        return registry.member(id, scope()).orElseThrow(Registry.NotFound::new);
    }

    /** The former {@code GET /members?idNumber=}: refused, whatever it carries (an id number does not go into a URL). */
    @Operation(hidden = true)
    @GetMapping("/members")
    Views.Member byIdNumberInUrl() {
        throw new IdNumberInUrl("/api/v1/members/search");
    }

    private Views.Member byIdNumber(String idNumber) {
        return IdNumber.parse(idNumber).flatMap(id -> registry.findMember(id, scope())).orElseThrow(Registry.NotFound::new);
    }

    @Operation(operationId = "revealIdNumber", summary = "The member's full id number and the full birth date it carries (audited; members come "
            + "with the masked id number and only the birth year)")
    @PostMapping("/members/{id}/id-number")
    Views.RevealedIdNumber revealIdNumber(@PathVariable long id) {
        return registry.revealIdNumber(id, scope());
    }

    @Operation(operationId = "revealHealth", summary = "The member's health status and disability grade (audited; members come without them)")
    @PostMapping("/members/{id}/health")
    HealthDetails revealHealth(@PathVariable long id) {
        return registry.revealHealth(id, scope());
    }

    @Operation(operationId = "revealPhone", summary = "The household's full phone number (audited)")
    @PostMapping("/households/{id}/phone")
    Revealed revealPhone(@PathVariable long id) {
        return new Revealed(registry.revealPhone(id, scope()));
    }

    // ---------------------------------------------------------------- assets (household V12)

    @Operation(operationId = "listAssets", summary = "The household's assets (vehicles, commercial housing, business registrations, deposits), "
            + "by hand or from the comparison's department files; 404 outside your area")
    @GetMapping("/households/{id}/assets")
    List<HouseholdAssetsApi.Asset> assets(@PathVariable long id) {
        registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        return assets.assets(id, scope());
    }

    @Operation(operationId = "addAsset", summary = "Records an asset by hand (kind VEHICLE, COMMERCIAL_HOUSING, BUSINESS or DEPOSIT, value in yuan); "
            + "householdVersion as read (409 when someone saved first); audited")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/households/{id}/assets")
    ResponseEntity<Created> addAsset(@PathVariable long id, @Valid @RequestBody AssetCmd cmd) {
        long assetId = assets.save(id, null, cmd, scope());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(assetId));
    }

    // ---------------------------------------------------------------- errors as problem details

    @ExceptionHandler(RefusedInputException.class)
    ProblemDetail refused(RefusedInputException r) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (RefusedInputException.Problem p : r.problems()) {
            errors.putIfAbsent(p.field() == null ? "form" : p.field(), messages.getMessage(p, LocaleContextHolder.getLocale()));
        }
        return invalid(errors);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail notValid(MethodArgumentNotValidException e) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (var err : e.getBindingResult().getAllErrors()) {
            String field = err instanceof FieldError fe ? fe.getField() : err.getObjectName();
            errors.putIfAbsent(field, messages.getMessage(err, LocaleContextHolder.getLocale()));
        }
        return invalid(errors);
    }

    private ProblemDetail invalid(Map<String, String> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("registry.api.invalid", null, LocaleContextHolder.getLocale()));
        pd.setProperty("errors", errors);
        return pd;
    }

    /** 400, saying where the number goes instead. */
    @ExceptionHandler(IdNumberInUrl.class)
    ResponseEntity<ProblemDetail> idNumberInUrl(IdNumberInUrl e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("registry.api.idNumberInUrl", new Object[] {e.search}, LocaleContextHolder.getLocale()));
        pd.setProperty("search", e.search);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

    @ExceptionHandler(ConcurrentEditException.class)
    ProblemDetail conflict(ConcurrentEditException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                messages.getMessage("registry.conflict", null, LocaleContextHolder.getLocale()));
    }

    @ExceptionHandler(Registry.NotFound.class)
    ProblemDetail notFound(Registry.NotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                messages.getMessage("registry.api.notFound", null, LocaleContextHolder.getLocale()));
    }
}
