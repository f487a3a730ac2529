package cn.shouwang.server.household;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.SchoolingStage;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 农户档案 pages. Each handler serves the full page, or only the part htmx asked for (HX-Request header).
 * Refused forms come back with what was typed and a message beside each wrong field.
 */
@Controller
class HouseholdController {
    private final Registry registry;
    private final Forms forms;
    private final AreaApi areas;
    private final HouseholdExport export;
    private final SearchTokens tokens;

    private final org.springframework.beans.factory.ObjectProvider<HouseholdCasesApi> cases;
    private final java.time.Clock clock;
    private final NationalExport national;
    private final cn.shouwang.server.household.classes.FormerlyPoorClasses classes;

    private final IncomeCredits incomeCredits;

    HouseholdController(Registry registry, Forms forms, AreaApi areas, HouseholdExport export, SearchTokens tokens,
                        org.springframework.beans.factory.ObjectProvider<HouseholdCasesApi> cases, java.time.Clock clock,
                        NationalExport national, cn.shouwang.server.household.classes.FormerlyPoorClasses classes,
                        Assets assets, NationalExportJobs nationalJobs, IncomeCredits incomeCredits) {
        this.incomeCredits = incomeCredits;
        this.nationalJobs = nationalJobs;
        this.classes = classes;
        this.assets = assets;
        this.clock = clock;
        this.national = national;
        this.cases = cases;
        this.tokens = tokens;
        this.registry = registry;
        this.forms = forms;
        this.areas = areas;
        this.export = export;
    }

    private final Assets assets;
    private final NationalExportJobs nationalJobs;

    private static AreaScope scope() {
        return CurrentUsers.require().scope();
    }

    private static void vocab(Model model) {
        model.addAttribute("relations", Relation.values());
        model.addAttribute("labourCapacities", LabourCapacity.values());
        model.addAttribute("healths", HealthStatus.values());
        model.addAttribute("schoolingStages", SchoolingStage.values());
    }

    // ---------------------------------------------------------------- list, search, export

    @GetMapping("/households")
    String list(@ModelAttribute("filter") HouseholdFilter filter, @RequestParam(required = false) @Nullable String qt,
                HttpServletRequest req, Model model, @RequestHeader(value = "HX-Request", required = false) @Nullable String hx) {
        if (SearchTokens.looksLikeIdNumber(filter.q())) {
            // an old bookmark or a typed address: take the id number out of it at once
            return "redirect:" + listUrl(filter.withQ(null), tokens.issue(req.getSession(), filter.q()));
        }
        return results(filter, blank(qt) ? null : qt, req, model, hx != null);
    }

    /**
     * The search form posts here, so that what was typed is not in the address; the answer is the list's address
     * with an id number replaced by a session token ({@link SearchTokens}): a redirect, or for htmx the results
     * and that address in HX-Push-Url.
     */
    @PostMapping("/households/search")
    String search(@ModelAttribute("filter") HouseholdFilter filter, HttpServletRequest req, HttpServletResponse resp,
                  Model model, @RequestHeader(value = "HX-Request", required = false) @Nullable String hx) {
        String qt = SearchTokens.looksLikeIdNumber(filter.q()) ? tokens.issue(req.getSession(), filter.q()) : null;
        HouseholdFilter first = filter.withPage(1);
        String url = listUrl(qt == null ? first : first.withQ(null), qt);
        if (hx == null) return "redirect:" + url;
        resp.setHeader("HX-Push-Url", req.getContextPath() + url);
        return results(first, qt, req, model, true);
    }

    private String results(HouseholdFilter filter, @Nullable String qt, HttpServletRequest req, Model model, boolean fragment) {
        HouseholdFilter f = filter;
        boolean expired = false;
        if (qt != null) {
            String q = tokens.resolve(req.getSession(false), qt);
            expired = q == null;
            f = filter.withQ(q);
        }
        model.addAttribute("filter", f);
        model.addAttribute("searchExpired", expired);
        // links (paging, sorting, export) carry the token instead of an id number
        model.addAttribute("qLink", qt == null ? f.q() : null);
        model.addAttribute("qt", qt);
        // lists follow the area chosen in the selector at the top (always inside the account's scope); an expired
        // search shows nothing rather than the whole area
        model.addAttribute("result", expired ? new Views.Page<Views.HouseholdRow>(java.util.List.of(), 0, 1, f.sizeOrDefault())
                : registry.search(f, CurrentUsers.viewScope()));
        model.addAttribute("villages", villagesForFilter());
        model.addAttribute("nationalInFull", NationalExport.inFull(CurrentUsers.require().role()));
        // the user's exports of the last day, to come back to
        model.addAttribute("nationalJobs", nationalJobs.recent(CurrentUsers.require()));
        return fragment ? "household/list :: results" : "household/list";
    }

    /** The list's address for a filter (without an id number: callers pass a token instead). */
    static String listUrl(HouseholdFilter f, @Nullable String qt) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/households");
        if (qt != null) b.queryParam("qt", qt);
        else if (!blank(f.q())) b.queryParam("q", f.q().strip());
        if (!blank(f.area())) b.queryParam("area", f.area());
        if (f.formerlyPoor() != null) b.queryParam("formerlyPoor", f.formerlyPoor());
        if (!blank(f.sort())) b.queryParam("sort", f.sort());
        if (!blank(f.dir())) b.queryParam("dir", f.dir());
        if (f.size() != null) b.queryParam("size", f.sizeOrDefault());
        if (f.page() != null && f.page() > 1) b.queryParam("page", f.page());
        return b.encode().build().toUriString();
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private java.util.List<cn.shouwang.server.area.AreaInfo> villagesForFilter() {
        // the areas directly below the user's own area, for the filter's area choice
        return areas.children(CurrentUsers.viewScope().areaCode());
    }

    @GetMapping("/households/export")
    void exportXlsx(@ModelAttribute HouseholdFilter filter, @RequestParam(required = false) @Nullable String qt,
                    HttpServletRequest req, HttpServletResponse response) throws IOException {
        if (!blank(qt)) {
            String q = tokens.resolve(req.getSession(false), qt);
            if (q == null) {
                response.sendRedirect(req.getContextPath() + listUrl(filter.withQ(null), qt));
                return;
            }
            filter = filter.withQ(q);
        }
        export.send(filter, CurrentUsers.viewScope(), response);
    }

    /**
     * The registry of the area in view (or of {@code area} inside it: a township or a village of the filter) as the
     * national person list. Outside the area in view: 404, like any out-of-scope address.
     */
    @GetMapping("/households/export/national")
    void exportNational(@RequestParam(required = false) @Nullable String area,
                        @RequestParam(required = false) @Nullable Integer year, HttpServletResponse response)
            throws IOException {
        AreaScope target = NationalExportController.target(area);
        String file = forms.message("registry.national.fileName",
                areas.find(target.areaCode()).map(a -> a.shortName()).orElse(target.areaCode()),
                java.time.LocalDate.now(clock).toString());
        XlsxWriter.attachment(response, file + ".xlsx");
        int y = year != null && year >= Registry.FIRST_INCOME_YEAR && year <= java.time.LocalDate.now(clock).getYear()
                ? year : national.defaultYear(target);
        national.write(target, NationalExport.inFull(CurrentUsers.require().role()), y, response.getOutputStream());
    }

    // ---------------------------------------------------------------- one household

    @GetMapping("/households/{id}")
    String show(@PathVariable long id, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        model.addAttribute("h", h);
        // monitored or with an open lead, and the income lines: asked of the casework module, if it is there
        HouseholdCasesApi c = cases.getIfAvailable();
        int active = activeMembers(h);
        model.addAttribute("activeMembers", active);
        model.addAttribute("incomes", IncomeFigures.of(registry.incomes(id, scope()), active,
                c == null ? java.util.Map.of() : c.incomeLines(h.villageCode())));
        model.addAttribute("credits", incomeCredits.credits(id));
        model.addAttribute("history", registry.history(id, scope()));
        model.addAttribute("cases", c == null ? null : c.casesOf(id, scope()));
        if (h.formerlyPoor() || !classes.history(id, scope()).isEmpty()) {
            // 脱贫户分类: the class in force, its history and the form (household.classes)
            var codes = classes.byCode(h.villageCode());
            model.addAttribute("classHistory", classes.history(id, scope()));
            model.addAttribute("classCodes", codes);
            model.addAttribute("classChoices", codes.values().stream().filter(k -> k.active()).toList());
            model.addAttribute("mayClassify", h.formerlyPoor()
                    && cn.shouwang.server.household.classes.FormerlyPoorClasses.mayClassify(CurrentUsers.require().role()));
            model.addAttribute("today", classes.today());
        }
        addAssets(model, id, h.villageCode(), c);
        return "household/detail";
    }

    /** An asset with the local limit of its kind (casework's settings) and whether it is above it. */
    public record AssetLine(HouseholdAssetsApi.Asset asset, java.math.@Nullable BigDecimal limit, boolean above) {}

    private void addAssets(Model model, long id, String village, @Nullable HouseholdCasesApi c) {
        java.util.List<HouseholdAssetsApi.Asset> list = assets.assets(id, scope());
        java.util.Map<cn.shouwang.core.household.AssetKind, java.math.BigDecimal> limits =
                c == null ? java.util.Map.of() : c.assetLimits(village);
        java.math.BigDecimal deposits = null;
        for (HouseholdAssetsApi.Asset a : list) {
            if (a.kind() == cn.shouwang.core.household.AssetKind.DEPOSIT) {
                deposits = (deposits == null ? java.math.BigDecimal.ZERO : deposits).add(a.value());
            }
        }
        java.math.BigDecimal depositLimit = limits.get(cn.shouwang.core.household.AssetKind.DEPOSIT);
        // deposits count as their sum (core's AssetCheck): each deposit row shows whether the sum is above
        boolean depositsAbove = deposits != null && depositLimit != null && deposits.compareTo(depositLimit) > 0;
        model.addAttribute("assets", list.stream().map(a -> {
            java.math.BigDecimal l = limits.get(a.kind());
            boolean above = a.kind() == cn.shouwang.core.household.AssetKind.DEPOSIT ? depositsAbove
                    : l != null && a.value().compareTo(l) > 0;
            return new AssetLine(a, l, above);
        }).toList());
        model.addAttribute("depositTotal", deposits);
    }

    // ---------------------------------------------------------------- assets (household V12)

    @GetMapping("/households/{id}/assets/new")
    String newAsset(@PathVariable long id, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Forms.blank(model, "cmd", AssetCmd.blank(h.version()));
        return assetPage(h, null, model);
    }

    private String assetPage(Views.Household h, @Nullable Long assetId, Model model) {
        model.addAttribute("h", h);
        model.addAttribute("assetId", assetId);
        model.addAttribute("kinds", cn.shouwang.core.household.AssetKind.values());
        return "household/asset";
    }

    @PostMapping("/households/{id}/assets")
    String addAsset(@PathVariable long id, @Valid @ModelAttribute("cmd") AssetCmd cmd, BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        BindingResult form = Forms.shown(br, cmd, model);
        forms.otherRules(form, cmd); // a value that cannot be read skips Bean Validation: the other fields still say theirs
        if (Forms.save(form, () -> assets.save(id, null, cmd, scope()))) return "redirect:/households/" + id + "#assets";
        return assetPage(h, null, model);
    }

    @GetMapping("/households/{id}/assets/{assetId}")
    String editAsset(@PathVariable long id, @PathVariable long assetId, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Forms.blank(model, "cmd", AssetCmd.of(assets.find(id, assetId, scope()), h.version()));
        return assetPage(h, assetId, model);
    }

    @PostMapping("/households/{id}/assets/{assetId}")
    String correctAsset(@PathVariable long id, @PathVariable long assetId, @Valid @ModelAttribute("cmd") AssetCmd cmd,
                        BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        assets.find(id, assetId, scope());
        BindingResult form = Forms.shown(br, cmd, model);
        forms.otherRules(form, cmd);
        if (Forms.save(form, () -> assets.save(id, assetId, cmd, scope()))) return "redirect:/households/" + id + "#assets";
        return assetPage(h, assetId, model);
    }

    @PostMapping("/households/{id}/assets/{assetId}/delete")
    String deleteAsset(@PathVariable long id, @PathVariable long assetId,
                       @RequestParam(required = false) @Nullable Integer householdVersion) {
        assets.delete(id, assetId, householdVersion, scope());
        return "redirect:/households/" + id + "#assets";
    }

    private static int activeMembers(Views.Household h) {
        return (int) h.members().stream().filter(m -> "ACTIVE".equals(m.status())).count();
    }

    // ---------------------------------------------------------------- incomes

    @GetMapping("/households/{id}/incomes/new")
    String newIncome(@PathVariable long id, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        // last year's income is the one usually recorded (policy.md §2: the calendar year for the annual check)
        Forms.blank(model, "cmd", IncomeCmd.blank(java.time.Year.now(clock).getValue() - 1, h.version()));
        return incomePage(h, null, model);
    }

    /** The income form: a new year ({@code year} null) or the correction of a stored year. */
    private String incomePage(Views.Household h, @Nullable Integer year, Model model) {
        model.addAttribute("h", h);
        model.addAttribute("correcting", year);
        return "household/income";
    }

    @PostMapping("/households/{id}/incomes")
    String addIncome(@PathVariable long id, @Valid @ModelAttribute("cmd") IncomeCmd cmd, BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        BindingResult form = Forms.shown(br, cmd, model);
        forms.otherRules(form, cmd);
        if (Forms.save(form, () -> registry.saveIncome(id, null, cmd, scope()))) {
            return "redirect:/households/" + id + "#incomes";
        }
        return incomePage(h, null, model);
    }

    @GetMapping("/households/{id}/incomes/{year}")
    String editIncome(@PathVariable long id, @PathVariable int year, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Views.Income i = registry.incomes(id, scope()).stream().filter(x -> x.year() == year).findFirst()
                .orElseThrow(Registry.NotFound::new);
        Forms.blank(model, "cmd", IncomeCmd.of(i, h.version()));
        return incomePage(h, year, model);
    }

    @PostMapping("/households/{id}/incomes/{year}")
    String correctIncome(@PathVariable long id, @PathVariable int year, @Valid @ModelAttribute("cmd") IncomeCmd cmd,
                         BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        // the year is the address's: a correction never moves the income to another year
        IncomeCmd c = cmd.withYear(year);
        BindingResult form = Forms.shown(br, c, model);
        forms.otherRules(form, c);
        if (Forms.save(form, () -> registry.saveIncome(id, year, c, scope()))) {
            return "redirect:/households/" + id + "#incomes";
        }
        return incomePage(h, year, model);
    }

    @GetMapping("/households/new")
    String newForm(Model model) {
        Forms.blank(model, "cmd", new NewHouseholdCmd(blankHousehold(), "", ""));
        model.addAttribute("villages", villageChoices());
        return "household/form";
    }

    private static HouseholdCmd blankHousehold() {
        return new HouseholdCmd("", null, "", "", false, null, "", null);
    }

    private java.util.List<cn.shouwang.server.area.AreaInfo> villageChoices() {
        // the villages a new household may be registered in: those of the area being looked at
        return areas.villages(CurrentUsers.viewScope().prefix(), 3000);
    }

    @PostMapping("/households")
    String create(@Valid @ModelAttribute("cmd") NewHouseholdCmd cmd, BindingResult br, Model model) {
        boolean noHousehold = cmd.household() == null;
        // no household field was sent at all: the form's fields come back empty
        if (noHousehold) cmd = new NewHouseholdCmd(blankHousehold(), cmd.headName(), cmd.headIdNumber());
        BindingResult form = Forms.shown(br, cmd, model);
        if (noHousehold) form.rejectValue("household.villageCode", "registry.village.required");
        NewHouseholdCmd c = cmd;
        long[] created = new long[1];
        if (Forms.save(form, () -> created[0] = registry.create(c, scope()))) {
            return "redirect:/households/" + created[0];
        }
        model.addAttribute("villages", villageChoices());
        return "household/form";
    }

    @GetMapping("/households/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        // the phone is never shown in full: left blank, it keeps the stored one
        Forms.blank(model, "cmd", new HouseholdCmd(null, h.villageCode(), h.villageGroup() == null ? "" : h.villageGroup(),
                h.address() == null ? "" : h.address(), h.formerlyPoor(), h.exitYear(), "", h.version()));
        return editPage(h, model);
    }

    private String editPage(Views.Household h, Model model) {
        model.addAttribute("h", h);
        model.addAttribute("villages", villageChoices());
        return "household/edit";
    }

    @PostMapping("/households/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("cmd") HouseholdCmd cmd, BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        BindingResult form = Forms.shown(br, cmd, model);
        if (Forms.save(form, () -> registry.update(id, cmd, scope()))) {
            return "redirect:/households/" + id;
        }
        return editPage(h, model);
    }

    @PostMapping("/households/{id}/phone")
    String revealPhone(@PathVariable long id, Model model) {
        model.addAttribute("value", registry.revealPhone(id, scope()));
        return "household/revealed";
    }

    // ---------------------------------------------------------------- members

    @GetMapping("/households/{id}/members/new")
    String newMember(@PathVariable long id, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Forms.blank(model, "cmd", MemberCmd.blank(h.version()));
        return memberPage(h, null, model);
    }

    /** The member page: the member form ({@code cmd}) and, for a member, the move and death forms. */
    private String memberPage(Views.Household h, Views.@Nullable Member m, Model model) {
        model.addAttribute("h", h);
        model.addAttribute("m", m);
        if (!model.containsAttribute("move")) Forms.blank(model, "move", new MoveMemberCmd("", Relation.CHILD, h.version()));
        if (!model.containsAttribute("death")) Forms.blank(model, "death", new DeathCmd(null, h.version()));
        vocab(model);
        return "household/member";
    }

    @PostMapping("/households/{id}/members")
    String addMember(@PathVariable long id, @Valid @ModelAttribute("cmd") MemberCmd cmd, BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        BindingResult form = Forms.shown(br, cmd, model);
        if (Forms.save(form, () -> registry.addMember(id, cmd, scope()))) {
            return "redirect:/households/" + id;
        }
        return memberPage(h, null, model);
    }

    private Views.Member memberOf(Views.Household h, long memberId) {
        return h.members().stream().filter(x -> x.id() == memberId).findFirst().orElseThrow(Registry.NotFound::new);
    }

    @GetMapping("/households/{id}/members/{memberId}")
    String editMember(@PathVariable long id, @PathVariable long memberId, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Views.Member m = memberOf(h, memberId);
        Forms.blank(model, "cmd", memberValues(h, m));
        return memberPage(h, m, model);
    }

    /** The member form shows the stored health status in its choice: a full view, decrypted and audited. */
    private MemberCmd memberValues(Views.Household h, Views.Member m) {
        HealthDetails health = registry.revealHealth(m.id(), scope());
        return new MemberCmd("", m.name(), Relation.valueOf(m.relation()), LabourCapacity.valueOf(m.labourCapacity()),
                health.status(), health.disabilityGrade(), SchoolingStage.valueOf(m.schoolingStage()), m.medicalInsurance(),
                h.version());
    }

    @PostMapping("/households/{id}/members/{memberId}")
    String updateMember(@PathVariable long id, @PathVariable long memberId, @Valid @ModelAttribute("cmd") MemberCmd cmd,
                        BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Views.Member m = memberOf(h, memberId);
        BindingResult form = Forms.shown(br, cmd, model);
        if (Forms.save(form, () -> registry.updateMember(memberId, cmd, scope()))) {
            return "redirect:/households/" + id;
        }
        return memberPage(h, m, model);
    }

    /** A refused move or death form comes back alone, with a link to the member form (health stays sealed). */
    @PostMapping("/households/{id}/members/{memberId}/move")
    String move(@PathVariable long id, @PathVariable long memberId, @Valid @ModelAttribute("move") MoveMemberCmd cmd,
                BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Views.Member m = memberOf(h, memberId);
        BindingResult form = Forms.shown(br, cmd, model);
        if (Forms.save(form, () -> registry.moveMember(memberId, cmd, scope()))) {
            return "redirect:/households/" + id;
        }
        // the member form is not shown beside the refused one: it would have to decrypt (and audit) the member's health,
        // which nobody asked to see; a link leads to it
        return memberPage(h, m, model);
    }

    @PostMapping("/households/{id}/members/{memberId}/death")
    String death(@PathVariable long id, @PathVariable long memberId, @Valid @ModelAttribute("death") DeathCmd cmd,
                 BindingResult br, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        Views.Member m = memberOf(h, memberId);
        BindingResult form = Forms.shown(br, cmd, model);
        if (Forms.save(form, () -> registry.recordDeath(memberId, cmd, scope()))) {
            return "redirect:/households/" + id;
        }
        return memberPage(h, m, model); // without the member form, as for a refused move
    }

    /** Health is personal information too: hidden on the page until asked for, and every view is audited. */
    @PostMapping("/households/{id}/members/{memberId}/health")
    String revealHealth(@PathVariable long id, @PathVariable long memberId, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        memberOf(h, memberId);
        HealthDetails m = registry.revealHealth(memberId, scope());
        String text = forms.message("registry.health." + m.status())
                + (m.disabilityGrade() == null ? "" : " " + forms.message("registry.disabilityGradeN", m.disabilityGrade()));
        model.addAttribute("value", text);
        return "household/revealed";
    }

    @PostMapping("/households/{id}/members/{memberId}/id-number")
    String revealIdNumber(@PathVariable long id, @PathVariable long memberId, Model model) {
        Views.Household h = registry.findHousehold(id, scope()).orElseThrow(Registry.NotFound::new);
        memberOf(h, memberId);
        // the full birth date is revealed here with the number that carries it (elsewhere only the birth year)
        Views.RevealedIdNumber r = registry.revealIdNumber(memberId, scope());
        model.addAttribute("value", forms.message("registry.idNumber.revealed", r.value(), r.birthDate().toString()));
        return "household/revealed";
    }
}
