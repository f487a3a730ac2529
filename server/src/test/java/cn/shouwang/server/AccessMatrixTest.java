package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import cn.shouwang.server.RouteCatalog.Route;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Department;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.ModuleSchemas;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 15 point 1: the access matrix, generated. Every route of the server (pages and {@code /api}, every method,
 * discovered from the handler mappings by {@link RouteCatalog}, so a new endpoint is in the matrix without editing this
 * test) is requested by every {@link Role}, signed in at an area A, with the ids of records of a sibling area B in its
 * path variables, request parameters and JSON body:
 * <ul>
 *   <li>area B is the demo village 团山子村 (220322103205, township 孤家子镇, county 梨树县), where the demo runners of
 *   every module have written their records through the modules' own code (households, members, leads, monitored
 *   households, measures, warnings, runs, uploads, claims, grants, jobs, loans, elder visits, moral-bank entries,
 *   village documents, visits, grids, sweeps, snapshots …); what the demo does not make (an export job, an API token,
 *   …) is made here through the module's own pages, as a user of B would;</li>
 *   <li>area A is, for every role, the village 化石山村 (220322101201: same county, another township) and the sibling
 *   county 伊通满族自治县 (220323000000; a grid worker, whose area is a village, at 建国村委会 220323100203). A record
 *   of the county 梨树县 itself (a policy, a run) is only foreign to the principals of 伊通.</li>
 * </ul>
 * Expected: a read with a B id in its path answers 403, 404, 400 or a redirect (never 2xx, never 5xx); any answer with
 * a body shows no household number outside the principal's area and no name only area B has (the values the request
 * itself sent are taken out first: an echoed filter is not a leak); a write changes no table (a checksum of every
 * module table but the audit log, compared after each route's batch). A path variable, request parameter or body
 * field that looks like an id and has no rule below fails the test with the route's name.
 * <p>
 * Role escalation: each role signed in at B's own area (village, township, county or city as its level is) requests
 * the routes {@link #DENIED} lists for it, with B's ids: a read answers 403/404/400/redirect, a write changes nothing.
 */
class AccessMatrixTest extends ServerTest {
    static final String B_VILLAGE = "220322103205";
    static final String B_TOWNSHIP = "220322103000";
    static final String B_COUNTY = "220322000000";
    static final String A_VILLAGE = "220322101201";
    static final String A_COUNTY = "220323000000";
    static final String A_COUNTY_VILLAGE = "220323100203";

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired AreaFixtures areas;
    @Autowired PersonalDataApi personalData;
    @Autowired RegistryFixtures registry;
    @Autowired List<ApplicationRunner> runners;

    // ---------------------------------------------------------------- what a path variable or parameter holds

    /**
     * Path variables: the longest rule whose pattern starts the route's pattern and names the variable decides; the
     * value is a column of one record of area B (see {@link #catalog}) or a fixed value ({@code =…}).
     */
    static final List<Rule> PATH_RULES = List.of(
            rule("/account/tokens/{id}", "id", "token.id"),
            rule("/api/v1/runs/{id}", "id", "run.id"),
            rule("/api/v1/uploads/{id}", "id", "upload.id"),
            rule("/admin/accounts/{id}", "id", "account.id"),
            rule("/admin/area-contacts/{code}", "code", "=" + B_VILLAGE),
            rule("/admin/codes/{kind}", "kind", "code.kind"),
            rule("/admin/codes/{kind}/{code}", "kind", "code.kind", "code", "code.code"),
            // comparison settings are a county's: a village's code shows its county's (梨树县, above 化石山村)
            rule("/admin/comparison-settings/{area}", "area", "=" + B_COUNTY),
            rule("/admin/formerly-poor-classes/{code}", "code", "class.code"),
            rule("/admin/income-lines/{area}/{year}", "area", "=" + B_VILLAGE, "year", "income.year"),
            rule("/admin/settings/{area}", "area", "=" + B_VILLAGE),
            rule("/api/v1/accounts/{id}", "id", "account.id"),
            rule("/api/v1/households/{id}", "id", "household.id"),
            rule("/api/v1/members/{id}", "id", "member.id"),
            rule("/areas/editions/{id}", "id", "edition.id"),
            rule("/credit/loans/{id}", "id", "loan.id"),
            rule("/elder-visits/people/{id}", "id", "elder.id"),
            rule("/elder-visits/visitors/{id}", "id", "visitor.id"),
            rule("/elimination/{householdId}", "householdId", "monitored.household_id"),
            rule("/employment/jobs/{id}", "id", "job.id"),
            rule("/employment/workshops/{id}", "id", "workshop.id"),
            rule("/households/export/national/jobs/{id}", "id", "exportjob.id"),
            rule("/households/imports/{id}", "id", "import.id"),
            rule("/households/{id}", "id", "household.id"),
            rule("/households/{id}/assets/{assetId}", "id", "asset.household_id", "assetId", "asset.id"),
            rule("/households/{id}/incomes/{year}", "id", "income.household_id", "year", "income.year"),
            rule("/households/{id}/members/{memberId}", "id", "member.household_id", "memberId", "member.id"),
            rule("/insurance/claims/{id}", "id", "claim.id"),
            rule("/insurance/policies/{id}", "id", "policy.id"),
            rule("/leads/{id}", "id", "lead.id"),
            rule("/monitored/{id}", "id", "monitored.household_id"),
            rule("/monitored/{id}/measures/{mid}", "id", "measure.household_id", "mid", "measure.id"),
            rule("/moral-bank/entries/{entryId}", "entryId", "entry.id"),
            rule("/moral-bank/goods/{id}", "id", "goods.id"),
            rule("/moral-bank/households/{id}", "id", "moralaccount.household_id"),
            rule("/moral-bank/items/{id}", "id", "item.id"),
            rule("/projects/assets/{id}", "id", "passet.id"),
            rule("/projects/dividends/{id}", "id", "dividend.id"),
            rule("/projects/{id}", "id", "project.id"),
            rule("/projects/{id}/households/{householdId}", "id", "phousehold.project_id",
                    "householdId", "phousehold.household_id"),
            rule("/projects/{projectId}", "projectId", "project.id"),
            rule("/report/{village}", "village", "=" + B_VILLAGE),
            rule("/social-assistance/civil-list/{id}", "id", "civil.id"),
            rule("/social-assistance/households/{id}", "id", "grant.household_id"),
            rule("/social-assistance/households/{id}/grants/{grantId}", "id", "grant.household_id", "grantId", "grant.id"),
            rule("/social-assistance/households/{id}/layers/{layerId}", "id", "layer.household_id", "layerId", "layer.id"),
            rule("/uploads/{id}", "id", "upload.id"),
            rule("/villages/checklist-items/{code}", "code", "checklist.code"),
            rule("/villages/{code}", "code", "=" + B_VILLAGE),
            rule("/villages/{code}/checklist/{item}", "code", "=" + B_VILLAGE, "item", "checklist.code"),
            rule("/villages/{code}/documents/{id}", "code", "document.village_code", "id", "document.id"),
            rule("/visits/grids/{id}", "id", "grid.id"),
            rule("/visits/groups/{id}", "id", "group.id"),
            rule("/visits/households/{id}", "id", "visit.household_id"),
            rule("/visits/photos/{visitId}", "visitId", "visit.id"),
            rule("/visits/sweeps/{id}", "id", "sweep.id"),
            rule("/warnings/runs/{id}", "id", "run.id"));

    /**
     * Request parameters (and JSON body fields) that name a record or an area, by name; {@code PARAM_OVERRIDES}
     * first, for the routes where the same name means something else.
     */
    static final Map<String, String> PARAM_RULES = Map.ofEntries(
            Map.entry("area", "=" + B_VILLAGE), Map.entry("areaCode", "=" + B_VILLAGE),
            Map.entry("village", "=" + B_VILLAGE), Map.entry("villageCode", "=" + B_VILLAGE),
            Map.entry("householdNo", "household.household_no"), Map.entry("no", "household.household_no"),
            Map.entry("targetHouseholdNo", "household.household_no"),
            Map.entry("household", "household.id"), Map.entry("householdId", "household.id"),
            Map.entry("memberId", "member.id"), Map.entry("measureId", "measure.id"),
            Map.entry("warning", "warning.id"), Map.entry("warningId", "warning.id"),
            Map.entry("visitorId", "visitor.id"), Map.entry("visitor", "visitor.id"),
            Map.entry("grid", "grid.id"), Map.entry("group", "group.id"),
            Map.entry("itemId", "item.id"), Map.entry("goodsId", "goods.id"),
            Map.entry("ids", "household.id"), Map.entry("import", "civil.id"), Map.entry("asset", "passet.id"),
            Map.entry("accountId", "account.id"), Map.entry("documentId", "document.id"),
            Map.entry("edition", "edition.id"), Map.entry("username", "account.username"),
            Map.entry("q", "name.any"), Map.entry("code", "=" + B_VILLAGE),
            // a look-up by id number: B's member's
            Map.entry("idNumber", "member.id_number"));

    static final List<Rule> PARAM_OVERRIDES = List.of(
            rule("/admin/codes/", "code", "=MATRIX"),
            rule("/elder-visits/classes", "code", "=MATRIX"),
            rule("/moral-bank/categories", "code", "=MATRIX"),
            rule("/villages/checklist-items", "code", "=MATRIX"),
            rule("/social-assistance/payments/paid", "ids", "payment.id"),
            rule("/visits/grids/place", "household", "household.id"),
            rule("/moral-bank/entries/", "household", "entry.household_id"),
            rule("/employment/workshops/", "memberId", "member.id"));

    /** Parameter names that look like they hold an id, an area or a number of a record: each needs a rule above. */
    static final Pattern ID_LIKE = Pattern.compile(
            "(?i).*(id|ids|no|code|area|village|household|member|measure|warning|visitor|grid|group|item|goods|import"
                    + "|asset|account|document|edition|username)");
    /** Id-like names that hold no record of an area (a code list's kind, a class, a request key), with the reason. */
    static final Set<String> NOT_A_RECORD = Set.of(
            "idempotencyKey", // a client's retry key
            "clientKey",      // idem
            "apiDocsUrl",     // springdoc
            "vg",             // a village group's name within the chosen village
            "villageGroup",   // idem
            "document",       // the number of the document behind an income line change, typed in
            "fullIds",        // yes or no: the ledger with full id numbers
            "categoryCode",   // a moral-bank category of the code list
            "paid",           // an amount
            "bankAccount");   // a bank account number, typed in

    record Rule(String pattern, Map<String, String> values) {}

    static Rule rule(String pattern, String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return new Rule(pattern, m);
    }

    // ---------------------------------------------------------------- role escalation: what each role may not use

    /** Routes (method + pattern prefix) a role may not use at all, whatever the area; checked in its own area B. */
    record Denied(String method, String prefix, Set<Role> roles, String why) {
        boolean covers(Route r, Role role) {
            return roles.contains(role) && (method.equals("*") || method.equals(r.method()))
                    && (r.pattern().equals(prefix) || r.pattern().startsWith(prefix.endsWith("/") ? prefix : prefix + "/")
                    || (prefix.endsWith("*") && r.pattern().startsWith(prefix.substring(0, prefix.length() - 1))));
        }
    }

    static Set<Role> allBut(Role... allowed) {
        EnumSet<Role> s = EnumSet.allOf(Role.class);
        for (Role r : allowed) s.remove(r);
        return s;
    }

    static final Role ADMIN = Role.ADMIN, CITY = Role.CITY_ANALYST, COUNTY = Role.COUNTY_ANALYST,
            TOWNSHIP = Role.TOWNSHIP_STAFF, VILLAGE = Role.VILLAGE_MONITOR, GRID = Role.GRID_WORKER;

    static final List<Denied> DENIED = List.of(
            new Denied("*", "/admin", allBut(ADMIN), "system administration"),
            new Denied("*", "/api/v1/accounts", allBut(ADMIN), "accounts"),
            new Denied("*", "/areas/editions", allBut(ADMIN), "division editions"),
            new Denied("POST", "/areas/import", allBut(ADMIN), "division import"),
            new Denied("POST", "/reports/snapshots", allBut(ADMIN), "month-end snapshot by hand"),
            new Denied("POST", "/villages/checklist-items", allBut(ADMIN), "checklist items apply everywhere"),
            new Denied("*", "/audit", allBut(ADMIN, CITY, COUNTY), "audit log"),
            new Denied("*", "/reports", allBut(ADMIN, CITY, COUNTY, TOWNSHIP), "dashboard"),
            new Denied("*", "/what-if", allBut(ADMIN, CITY, COUNTY), "what-if of the line"),
            new Denied("POST", "/warnings/runs", allBut(ADMIN, CITY, COUNTY), "comparison runs"),
            new Denied("POST", "/warnings/intake", allBut(COUNTY, TOWNSHIP), "warnings into leads"),
            new Denied("POST", "/uploads", allBut(ADMIN, CITY, COUNTY, Role.DATA_OFFICER), "department files"),
            new Denied("POST", "/insurance/claims", allBut(COUNTY, TOWNSHIP), "claims are opened by township and county"),
            new Denied("POST", "/insurance/claims/{id}/investigate", allBut(COUNTY, TOWNSHIP), "investigation"),
            new Denied("POST", "/insurance/claims/{id}/approve", allBut(COUNTY), "the county approves"),
            new Denied("POST", "/insurance/claims/{id}/pay", allBut(COUNTY), "the county pays"),
            new Denied("POST", "/insurance/claims/{id}/reject", allBut(COUNTY, TOWNSHIP), "refusal"),
            new Denied("POST", "/insurance/policies", allBut(ADMIN, CITY, COUNTY), "policies and premiums"),
            new Denied("POST", "/projects", allBut(ADMIN, COUNTY, TOWNSHIP), "projects, assets, dividends"),
            new Denied("POST", "/employment/jobs", allBut(VILLAGE, TOWNSHIP, COUNTY), "jobs"),
            new Denied("POST", "/employment/workshops", allBut(VILLAGE, TOWNSHIP, COUNTY), "workshops"),
            new Denied("POST", "/employment/targets", allBut(TOWNSHIP, COUNTY), "job targets"),
            new Denied("POST", "/credit/loans", allBut(VILLAGE, TOWNSHIP, COUNTY), "loans"),
            new Denied("POST", "/credit/targets", allBut(TOWNSHIP, COUNTY), "lending targets"),
            new Denied("POST", "/villages/{code}/checklist", allBut(VILLAGE, TOWNSHIP, COUNTY), "village checklist"),
            new Denied("POST", "/villages/{code}/income", allBut(VILLAGE, TOWNSHIP, COUNTY), "collective income"),
            new Denied("POST", "/villages/{code}/documents/{id}/delete", allBut(COUNTY), "only the county deletes"),
            new Denied("POST", "/leads/{id}/township", EnumSet.of(VILLAGE, GRID), "the township decides"),
            new Denied("POST", "/leads/{id}/county", EnumSet.of(VILLAGE, GRID, TOWNSHIP), "the county decides"),
            new Denied("POST", "/elimination", EnumSet.of(GRID), "a grid worker decides nothing"),
            new Denied("POST", "/monitored/{id}/category", EnumSet.of(GRID), "a grid worker decides nothing"),
            new Denied("POST", "/monitored/{id}/measures", EnumSet.of(GRID), "a grid worker decides nothing"));

    /** What a department data officer may reach: everything else is refused to them. */
    static final List<String> DATA_OFFICER_MAY = List.of("/", "/login", "/logout", "/area-selection", "/account",
            "/uploads", "/report", "/error", "/api/v1/me", "/api/v1/uploads", "/api/v1/docs", "/api/v1/openapi.json");

    static boolean denied(Route r, Role role) {
        if (role == Role.DATA_OFFICER) {
            return DATA_OFFICER_MAY.stream().noneMatch(p -> r.pattern().equals(p)
                    || (!p.equals("/") && r.pattern().startsWith(p + (p.endsWith(".json") ? "" : "/"))));
        }
        return DENIED.stream().anyMatch(d -> d.covers(r, role));
    }

    /** Routes anyone may use (no account): their answer about B is public by design. */
    static final Set<String> PUBLIC = Set.of("/login", "/report/{village}", "/report/{village}/captcha",
            "/report/{village}/captcha.png", "/report/{village}/done");

    // ---------------------------------------------------------------- one record of every kind in area B

    /** A record of area B: its columns by name, and its area (the code its module scopes it by). */
    record Target(Map<String, String> columns, String area) {}

    /**
     * Every kind, with the query that finds one record of it in B's township 孤家子镇 (B's village first), else in B's
     * county 梨树县 (:lo/:hi is the range). Read-only look-ups of the demo's rows for the test's own bookkeeping.
     */
    static final Map<String, String> KINDS = new LinkedHashMap<>();
    static {
        KINDS.put("household", "select id, household_no, version, village_code as area from household.household"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("member", "select m.id, m.household_id, m.name, m.id_number_enc, h.version as household_version, m.area_code as area"
                + " from household.member m join household.household h on h.id = m.household_id"
                + " where m.area_code between :lo and :hi order by m.area_code = :b desc, m.id");
        KINDS.put("asset", "select a.id, a.household_id, h.version as household_version, h.village_code as area"
                + " from household.household_asset a join household.household h on h.id = a.household_id"
                + " where h.village_code between :lo and :hi order by a.id");
        KINDS.put("income", "select i.household_id, i.year, h.version as household_version, h.village_code as area"
                + " from household.household_income i join household.household h on h.id = i.household_id"
                + " where h.village_code between :lo and :hi order by h.village_code = :b desc, i.household_id");
        KINDS.put("import", "select id, area_code as area from household.registry_import where area_code between :lo and :hi order by id");
        KINDS.put("exportjob", "select id, area_code as area from household.national_export_job"
                + " where area_code between :lo and :hi order by id");
        KINDS.put("class", "select code from household.formerly_poor_class order by code");
        KINDS.put("lead", "select id, version, village_code as area from casework.lead"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("monitored", "select household_id, version, village_code as area from casework.monitored_household"
                + " where village_code between :lo and :hi and status = 'MONITORED' order by village_code = :b desc, household_id");
        KINDS.put("measure", "select id, household_id, version, village_code as area from casework.plan_measure"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("code", "select kind, code, version from casework.casework_code order by kind, code");
        KINDS.put("warning", "select id, village_code as area from screening.screening_warning"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("run", "select id, county_code as area from screening.screening_run where county_code between :lo and :hi order by id desc");
        KINDS.put("upload", "select id, county_code as area from screening.screening_upload"
                + " where county_code between :lo and :hi order by id desc");
        KINDS.put("account", "select id, username, version, area_code as area from access.account"
                + " where area_code between :lo and :hi order by area_code = :b desc, id");
        KINDS.put("token", "select t.id, a.area_code as area from access.api_token t join access.account a on a.id = t.account_id"
                + " where a.area_code between :lo and :hi and t.revoked_at is null order by t.id");
        KINDS.put("edition", "select id from area.area_edition where is_current");
        KINDS.put("visit", "select id, household_id, village_code as area from fieldwork.field_visit"
                + " where village_code between :lo and :hi order by photo_stored_name is not null desc, id");
        KINDS.put("grid", "select id, version, village_code as area from fieldwork.field_grid"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("group", "select id, version, village_code as area from fieldwork.field_group"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("sweep", "select id, version, area_code as area from fieldwork.field_sweep"
                + " where area_code between :lo and :hi order by id");
        KINDS.put("snapshot", "select to_char(month, 'YYYY-MM') as month from figures.figure_snapshot order by month desc");
        KINDS.put("policy", "select id, version, area_code as area from insurance.insurance_policy"
                + " where area_code between :lo and :hi order by id");
        KINDS.put("claim", "select id, version, village_code as area from insurance.insurance_claim"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("grant", "select g.id, g.household_id, g.version, g.village_code as area from socialassistance.assistance_grant g"
                + " where g.village_code between :lo and :hi order by g.village_code = :b desc, g.id");
        KINDS.put("layer", "select id, household_id, version, village_code as area from socialassistance.low_income_layer"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("payment", "select id, village_code as area from socialassistance.assistance_payment"
                + " where village_code between :lo and :hi order by id");
        KINDS.put("civil", "select id, area_code as area from socialassistance.civil_list_import"
                + " where area_code between :lo and :hi order by id");
        KINDS.put("project", "select id, version, area_code as area from projects.project"
                + " where area_code between :lo and :hi order by area_code desc, id");
        KINDS.put("phousehold", "select project_id, household_id, village_code as area from projects.project_household"
                + " where village_code between :lo and :hi order by project_id");
        KINDS.put("passet", "select id, version, area_code as area from projects.project_asset"
                + " where area_code between :lo and :hi order by area_code desc, id");
        KINDS.put("dividend", "select id, version, village_code as area from projects.project_dividend"
                + " where village_code between :lo and :hi order by id");
        KINDS.put("job", "select id, version, village_code as area from employment.welfare_job"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("workshop", "select id, version, village_code as area from employment.workshop"
                + " where village_code between :lo and :hi order by id");
        KINDS.put("loan", "select id, version, village_code as area from credit.loan"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("elder", "select id, version, village_code as area from eldervisits.elder_person"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("visitor", "select id, version, village_code as area from eldervisits.elder_visitor"
                + " where village_code between :lo and :hi order by village_code = :b desc, id");
        KINDS.put("entry", "select id, household_id, village_code as area from moralbank.moral_entry"
                + " where village_code between :lo and :hi and reverses_id is null order by id");
        KINDS.put("moralaccount", "select household_id, village_code as area from moralbank.moral_account"
                + " where village_code between :lo and :hi order by household_id");
        KINDS.put("goods", "select id, version, village_code as area from moralbank.moral_goods"
                + " where village_code between :lo and :hi order by id");
        KINDS.put("item", "select id, version, area_code as area from moralbank.moral_item"
                + " where area_code between :lo and :hi order by area_code desc, id");
        KINDS.put("document", "select id, village_code, village_code as area from villagearchive.village_document"
                + " where village_code between :lo and :hi order by id");
        KINDS.put("checklist", "select code, version from villagearchive.archive_code order by kind, code");
    }

    final Map<String, Target> catalog = new LinkedHashMap<>();

    void buildCatalog() throws Exception {
        ensureRecordsTheDemoDoesNotMake();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> k : KINDS.entrySet()) {
            Target t = find(k.getValue(), B_TOWNSHIP);
            if (t == null) t = find(k.getValue(), B_COUNTY);
            if (t == null) {
                missing.add(k.getKey());
                continue;
            }
            catalog.put(k.getKey(), t);
        }
        assertThat(missing).as("kinds of record area B has none of (the fixture must make one)").isEmpty();
        // the member's id number (sealed at rest), for the look-ups by id number
        byte[] sealed = jdbc.sql("select id_number_enc from household.member where id = :id")
                .param("id", Long.parseLong(catalog.get("member").columns().get("id"))).query(byte[].class).single();
        catalog.get("member").columns().put("id_number", personalData.open(sealed));
        catalog.get("member").columns().remove("id_number_enc");
    }

    private @Nullable Target find(String sql, String area) {
        AreaScope s = new AreaScope(area);
        List<Map<String, Object>> rows = jdbc.sql(sql + " limit 1").paramSource(new org.springframework.jdbc.core
                        .namedparam.MapSqlParameterSource(Map.of("lo", s.lowestCode(), "hi", s.highestCode(), "b", B_VILLAGE)))
                .query().listOfRows();
        if (rows.isEmpty()) return null;
        Map<String, String> cols = new LinkedHashMap<>();
        rows.get(0).forEach((c, v) -> cols.put(c, v == null ? "" : v.toString().strip()));
        String a = cols.containsKey("area") ? cols.get("area") : "";
        return new Target(cols, a);
    }

    /** The demo runners of the registers beside the core, run again once B's township has households enough. */
    static final Set<String> REGISTER_RUNNERS = Set.of("DemoGrids", "DemoInsurance", "DemoSocialAssistance",
            "DemoProjects", "DemoEmployment", "DemoCredit", "DemoElderVisits", "DemoMoralBank");

    /**
     * The shared test server's demo is small (its persons spread over all of Siping), so the demo runners of the
     * registers found too few households in B's township and made nothing. Here B's village gets households enough
     * (through {@link RegistryFixtures}) and the runners run again (each only while its tables are empty); a
     * department file naming a B member, a comparison run over it, a registry import, an export job and an API token
     * are made as B's users make them, through the pages.
     */
    void ensureRecordsTheDemoDoesNotMake() throws Exception {
        AreaScope township = new AreaScope(B_TOWNSHIP);
        long inTownship = jdbc.sql("select count(*) from household.household where village_code between :lo and :hi")
                .param("lo", township.lowestCode()).param("hi", township.highestCode()).query(Long.class).single();
        for (long i = inTownship; i < 90; i++) {
            var h = registry.household(B_VILLAGE).head("矩阵户" + i).member("矩阵配偶" + i, "SPOUSE", "ORDINARY", null);
            if (i % 5 == 0) h.formerlyPoor(2016);
            h.insert();
        }
        List<ApplicationRunner> demo = new ArrayList<>(runners.stream()
                .filter(r -> REGISTER_RUNNERS.contains(ClassUtils.getUserClass(r).getSimpleName())).toList());
        AnnotationAwareOrderComparator.sort(demo);
        for (ApplicationRunner r : demo) r.run(new DefaultApplicationArguments());

        RequestPostProcessor county = principal("county", Role.COUNTY_ANALYST, B_COUNTY, null);
        RequestPostProcessor village = principal("village", Role.VILLAGE_MONITOR, B_VILLAGE, null);
        // the runners above make nothing where other test classes already made their module's records elsewhere:
        // a civil-affairs list and a workshop of B are then made as B's users make them
        if (find(KINDS.get("civil"), B_COUNTY) == null) {
            String cid = registry.newIdNumber("220322");
            registry.household(B_VILLAGE).head("矩阵低保").idNumber(cid).insert();
            MvcResult civil = mvc.perform(multipart("/social-assistance/civil-list").file(new MockMultipartFile("file",
                            "matrix-civil.csv", "text/csv", ("身份证号,姓名,类别\n" + cid + ",矩阵低保,低保\n")
                                    .getBytes(StandardCharsets.UTF_8))).with(county).with(csrf())).andReturn();
            assertThat(civil.getResponse().getStatus()).as("civil-affairs list import").isEqualTo(302);
        }
        if (find(KINDS.get("workshop"), B_TOWNSHIP) == null) {
            MvcResult shop = mvc.perform(request(HttpMethod.POST, "/employment/workshops").with(village).with(csrf())
                    .param("name", "矩阵车间").param("owner", "矩阵公司").param("products", "手套")
                    .param("villageCode", B_VILLAGE)).andReturn();
            assertThat(shop.getResponse().getStatus()).as("workshop").isEqualTo(302);
        }
        String period = "2039-11"; // a month no other test of the shared server uploads for
        if (jdbc.sql("select count(*) from screening.screening_warning where village_code between :lo and :hi")
                .param("lo", township.lowestCode()).param("hi", township.highestCode()).query(Long.class).single() == 0) {
            String id = registry.newIdNumber("220322");
            registry.household(B_VILLAGE).head("矩阵病户").idNumber(id).insert();
            RequestPostProcessor officer = principal("matrix-b-health", Role.DATA_OFFICER, B_COUNTY, Department.HEALTH);
            MvcResult up = mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "matrix.csv", "text/csv",
                            ("身份证号,确诊日期,疾病\n" + id + "," + period + "-03,肺癌\n").getBytes(StandardCharsets.UTF_8)))
                    .param("kind", "MAJOR_DIAGNOSES").param("period", period).with(officer).with(csrf())).andReturn();
            assertThat(up.getResponse().getStatus()).as("department file upload").isEqualTo(302);
            MvcResult run = mvc.perform(request(HttpMethod.POST, "/warnings/runs").param("period", period).with(county)
                    .with(csrf())).andReturn();
            assertThat(run.getResponse().getRedirectedUrl()).as("comparison run").startsWith("/warnings/runs/");
            long runId = Long.parseLong(run.getResponse().getRedirectedUrl().substring("/warnings/runs/".length()));
            for (int i = 0; i < 600 && "RUNNING".equals(jdbc.sql("select status from screening.screening_run where id = :id")
                    .param("id", runId).query(String.class).single()); i++) {
                Thread.sleep(100);
            }
        }
        if (jdbc.sql("select count(*) from household.registry_import where area_code like '220322%'")
                .query(Long.class).single() == 0) {
            mvc.perform(multipart("/households/imports").file(new MockMultipartFile("file", "matrix.csv", "text/csv",
                    "户编号,姓名\n".getBytes(StandardCharsets.UTF_8))).param("kind", "PERSONS").with(county).with(csrf()));
        }
        if (jdbc.sql("select count(*) from household.national_export_job where area_code like '220322%'")
                .query(Long.class).single() == 0) {
            MvcResult r = mvc.perform(request(HttpMethod.POST, "/households/export/national").param("area", B_COUNTY)
                    .param("year", String.valueOf(LocalDate.now(clock).getYear() - 1)).with(county).with(csrf())).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).as("export job").startsWith("/households/export/national/jobs/");
            // the job writes in the background: done before the matrix compares tables
            long job = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/households/export/national/jobs/".length()));
            for (int i = 0; i < 1200 && jdbc.sql("select finished_at is null from household.national_export_job where id = :id")
                    .param("id", job).query(Boolean.class).single(); i++) {
                Thread.sleep(100);
            }
        }
        // DemoInsurance makes nothing once another test has a policy elsewhere: a policy of 梨树县 and a claim of B
        int year = LocalDate.now(clock).getYear();
        if (jdbc.sql("select count(*) from insurance.insurance_claim where village_code between :lo and :hi")
                .param("lo", township.lowestCode()).param("hi", township.highestCode()).query(Long.class).single() == 0) {
            if (jdbc.sql("select count(*) from insurance.insurance_policy where area_code = :c and year = :y")
                    .param("c", B_COUNTY).param("y", year).query(Long.class).single() == 0) {
                MvcResult r = mvc.perform(request(HttpMethod.POST, "/insurance/policies").param("areaCode", B_COUNTY)
                        .param("year", String.valueOf(year)).param("name", "matrix").param("premiumPerPerson", "50")
                        .param("coverage", "ALL_RURAL").param("lineIllness", "10000").param("lineSchooling", "5000")
                        .param("lineDisaster", "10000").param("ratioPercent", "60").param("capPerPerson", "5000")
                        .with(county).with(csrf())).andReturn();
                assertThat(r.getResponse().getStatus()).as("a policy").isEqualTo(302);
            }
            Map<String, Object> head = jdbc.sql("select h.household_no, m.id from household.household h"
                    + " join household.member m on m.household_id = h.id and m.relation = 'HEAD'"
                    + " where h.village_code = :b order by h.id limit 1").param("b", B_VILLAGE).query().singleRow();
            MvcResult r = mvc.perform(request(HttpMethod.POST, "/insurance/claims")
                    .param("householdNo", (String) head.get("household_no")).param("memberId", String.valueOf(head.get("id")))
                    .param("costType", "ILLNESS").param("year", String.valueOf(year)).param("totalCost", "16000")
                    .param("reimbursed", "0").param("outOfPocket", "16000").param("evidence", "matrix")
                    .with(county).with(csrf())).andReturn();
            assertThat(r.getResponse().getStatus()).as("a claim").isEqualTo(302);
        }
        // the demo's projects were made before B had households: a household joins a project, an asset pays it
        long bHousehold = jdbc.sql("select id from household.household where village_code = :b order by id limit 1")
                .param("b", B_VILLAGE).query(Long.class).single();
        String bHouseholdNo = registry.householdNo(bHousehold);
        if (jdbc.sql("select count(*) from projects.project_household where village_code like '220322%'")
                .query(Long.class).single() == 0) {
            Map<String, Object> p = jdbc.sql("select id, version from projects.project where :b like rtrim(area_code, '0') || '%'"
                    + " order by area_code desc limit 1").param("b", B_VILLAGE).query().singleRow();
            MvcResult r = mvc.perform(request(HttpMethod.POST, "/projects/" + p.get("id") + "/households")
                    .param("householdNo", bHouseholdNo).param("version", String.valueOf(p.get("version")))
                    .with(county).with(csrf())).andReturn();
            assertThat(r.getResponse().getStatus()).as("a household joins a project").isEqualTo(302);
        }
        if (jdbc.sql("select count(*) from projects.project_dividend where village_code like '220322%'")
                .query(Long.class).single() == 0) {
            long asset = jdbc.sql("select id from projects.project_asset where :b like rtrim(area_code, '0') || '%'"
                    + " order by area_code desc limit 1").param("b", B_VILLAGE).query(Long.class).single();
            MvcResult r = mvc.perform(request(HttpMethod.POST, "/projects/assets/" + asset + "/dividends")
                    .param("householdId", String.valueOf(bHousehold)).param("period", String.valueOf(LocalDate.now(clock).getYear()))
                    .param("due", "300").with(county).with(csrf())).andReturn();
            assertThat(r.getResponse().getStatus()).as("a dividend").isEqualTo(302);
        }
        if (jdbc.sql("select count(*) from access.api_token t join access.account a on a.id = t.account_id"
                + " where a.username = 'village' and t.revoked_at is null").query(Long.class).single() == 0) {
            mvc.perform(request(HttpMethod.POST, "/account/tokens").param("name", "matrix").with(village).with(csrf()));
        }
    }

    /**
     * A signed-in user: the demo account of that name (B's own users, who make the fixture's records), else a principal
     * of an account id no row has — nothing the matrix's users try may be written, so no row needs them (and the
     * account lists other tests read stay as they were). A data officer's department rides on the principal, as it does
     * after sign-in.
     */
    RequestPostProcessor principal(String username, Role role, String area, @Nullable Department department) {
        Map<String, Object> row = jdbc.sql("select id, role, area_code from access.account where username = :u")
                .param("u", username).query().listOfRows().stream().findFirst().orElse(null);
        long id = row == null ? 990_000 + principals++ : ((Number) row.get("id")).longValue();
        Role r = row == null ? role : Role.valueOf((String) row.get("role"));
        String a = row == null ? area : ((String) row.get("area_code")).strip();
        return user(new AccountPrincipal(new CurrentUser(id, username, username, r, new AreaScope(a),
                r == Role.DATA_OFFICER ? department : null), "x", false, true));
    }

    int principals;

    record Who(String label, Role role, AreaScope scope, RequestPostProcessor as) {}

    List<Who> areaA() {
        areas.area(A_VILLAGE, "化石山村", 5, "220322101000");
        areas.area(A_COUNTY_VILLAGE, "建国村委会", 5, "220323100000");
        List<Who> out = new ArrayList<>();
        for (Role role : Role.values()) {
            Department d = role == Role.DATA_OFFICER ? Department.HEALTH : null;
            String r = role.name().toLowerCase(Locale.ROOT);
            out.add(new Who(role + "@" + A_VILLAGE, role, new AreaScope(A_VILLAGE),
                    principal("matrix-a1-" + r, role, A_VILLAGE, d)));
            String county = role == Role.GRID_WORKER ? A_COUNTY_VILLAGE : A_COUNTY;
            out.add(new Who(role + "@" + county, role, new AreaScope(county), principal("matrix-a2-" + r, role, county, d)));
        }
        return out;
    }

    List<Who> areaBOwn() {
        List<Who> out = new ArrayList<>();
        for (Role role : Role.values()) {
            String area = switch (role) {
                case VILLAGE_MONITOR, GRID_WORKER -> B_VILLAGE;
                case TOWNSHIP_STAFF -> B_TOWNSHIP;
                case CITY_ANALYST -> "220300000000";
                default -> B_COUNTY;
            };
            Department d = role == Role.DATA_OFFICER ? Department.HEALTH : null;
            out.add(new Who(role + "@" + area, role, new AreaScope(area),
                    principal("matrix-b-" + role.name().toLowerCase(Locale.ROOT), role, area, d)));
        }
        return out;
    }

    // ---------------------------------------------------------------- filling a route with B's values

    /** What one request sends: the path, the parameters, the JSON body, and every value taken from area B. */
    record Filled(String path, Map<String, String> params, @Nullable String json, Set<String> sent, List<Target> targets) {}

    Filled fill(Route r, List<String> unclassified) {
        List<Target> targets = new ArrayList<>();
        Set<String> sent = new LinkedHashSet<>();
        String lastKind = null;
        Map<String, String> vars = new LinkedHashMap<>();
        for (String v : r.variables()) {
            String ref = pathRule(r.pattern(), v);
            if (ref == null) {
                unclassified.add(r + " {" + v + "}");
                vars.put(v, "1");
                continue;
            }
            String value = resolve(ref, targets);
            vars.put(v, value);
            sent.add(value);
            if (!ref.startsWith("=")) lastKind = ref.substring(0, ref.indexOf('.'));
        }
        String path = RouteCatalog.fill(r.pattern(), vars::get);
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : r.params()) {
            String value = paramValue(r, p, lastKind, targets, unclassified);
            if (value == null) continue;
            params.put(p, value);
            if (isRecordRef(r, p)) sent.add(value);
        }
        String json = null;
        if (!r.bodyFields().isEmpty()) {
            StringBuilder sb = new StringBuilder("{");
            for (String f : r.bodyFields()) {
                String value = paramValue(r, f, lastKind, targets, unclassified);
                if (value == null) continue;
                if (isRecordRef(r, f)) sent.add(value);
                if (sb.length() > 1) sb.append(',');
                sb.append('"').append(f).append("\":\"").append(value.replace("\"", "")).append('"');
            }
            json = sb.append('}').toString();
        }
        sent.removeIf(String::isBlank);
        return new Filled(path, params, json, sent, targets);
    }

    @Nullable String pathRule(String pattern, String variable) {
        Rule best = null;
        for (Rule rule : PATH_RULES) {
            if (pattern.startsWith(rule.pattern()) && rule.values().containsKey(variable)
                    && (best == null || rule.pattern().length() > best.pattern().length())) {
                best = rule;
            }
        }
        return best == null ? null : best.values().get(variable);
    }

    @Nullable String paramRule(String pattern, String name) {
        Rule best = null;
        for (Rule rule : PARAM_OVERRIDES) {
            if (pattern.startsWith(rule.pattern()) && rule.values().containsKey(name)
                    && (best == null || rule.pattern().length() > best.pattern().length())) {
                best = rule;
            }
        }
        return best != null ? best.values().get(name) : PARAM_RULES.get(name);
    }

    boolean isRecordRef(Route r, String name) {
        String ref = paramRule(r.pattern(), name);
        return ref != null && !ref.equals("=MATRIX");
    }

    /** A parameter's value: B's record for the names of records, plausible values for the rest, none for unknowns. */
    @Nullable String paramValue(Route r, String name, @Nullable String lastKind, List<Target> targets,
                                List<String> unclassified) {
        String ref = paramRule(r.pattern(), name);
        if (ref != null) return resolve(ref, targets);
        if (name.equals("version") && lastKind != null) {
            return catalog.get(lastKind).columns().getOrDefault("version", "0");
        }
        if (name.equals("householdVersion") && lastKind != null) {
            return catalog.get(lastKind).columns().getOrDefault("household_version",
                    catalog.get("household").columns().get("version"));
        }
        if (ID_LIKE.matcher(name).matches() && !NOT_A_RECORD.contains(name)) {
            unclassified.add(r + " ?" + name);
            return null;
        }
        return plausible(name);
    }

    /** Enough of a form that a check for the area is reached (a date, an amount, a word), not a full valid form. */
    @Nullable String plausible(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock);
        if (n.contains("version")) return null; // a record's version comes from the record (above), else none
        if (n.equals("on") || n.endsWith("on") && !n.equals("reason") || n.equals("date") || n.equals("start")
                || n.equals("from") || n.endsWith("date") || n.equals("end") || n.equals("to") || n.equals("due")) {
            return today.toString();
        }
        if (n.equals("year") || n.equals("atyear")) return String.valueOf(today.getYear());
        if (n.equals("month") || n.equals("period")) return today.toString().substring(0, 7);
        if (n.matches("amount|wage|wages|paid|principal|interest|value|price|points|cost|line|monthlypay|totalcost"
                + "|reimbursed|outofpocket|wan|jobs|quantity|stock|persons|premiumperperson|coverage|operating")) {
            return "100";
        }
        if (n.matches("page|size|sort|dir|hx|htmx|locale|lang|state|status|kind|type|show|full|fullids|layout")) return null;
        if (n.matches("reason|note|notes|findings|description|name|title|evidence|post|bank|purpose|nameZh|namezh")) {
            return "matrix";
        }
        return null;
    }

    String resolve(String ref, List<Target> targets) {
        if (ref.startsWith("=")) {
            String v = ref.substring(1);
            // an area of B named by its code is a target like a record
            if (AreaScope.isAreaCode(v)) targets.add(new Target(new LinkedHashMap<>(Map.of("code", v)), v));
            return v;
        }
        if (ref.equals("name.any")) return distinctiveNames.isEmpty() ? "" : distinctiveNames.get(0);
        String kind = ref.substring(0, ref.indexOf('.'));
        Target t = catalog.get(kind);
        assertThat(t).as("a record of kind " + kind).isNotNull();
        targets.add(t);
        String v = t.columns().get(ref.substring(ref.indexOf('.') + 1));
        assertThat(v).as(ref).isNotNull();
        return v;
    }

    // ---------------------------------------------------------------- what must not show

    static final Pattern HOUSEHOLD_NO = Pattern.compile("(?<![0-9])(22\\d{15})(?![0-9])");
    /** Names of members of B's township nobody outside it has (a leak of them cannot be a coincidence). */
    List<String> distinctiveNames = List.of();

    void findDistinctiveNames() {
        // the demo spreads its persons over every village of Siping: B's township 孤家子镇 holds a few dozen
        AreaScope township = new AreaScope(B_TOWNSHIP);
        distinctiveNames = jdbc.sql("""
                select m.name from household.member m where m.area_code between :lo and :hi and char_length(m.name) >= 3
                  and not exists (select 1 from household.member o where o.name = m.name
                                  and o.area_code not between :lo and :hi)
                group by m.name order by m.name limit 60""")
                .param("lo", township.lowestCode()).param("hi", township.highestCode()).query(String.class).list();
        assertThat(distinctiveNames).as("names only area B has").isNotEmpty();
    }

    @Nullable String leak(Who who, Filled f, String body) {
        String b = body;
        for (String s : f.sent()) b = b.replace(s, "");
        Matcher m = HOUSEHOLD_NO.matcher(b);
        while (m.find()) {
            if (!who.scope().covers(m.group(1).substring(0, 12))) return "household number " + m.group(1);
        }
        for (String name : distinctiveNames) {
            if (b.contains(name)) return "name " + name;
        }
        return null;
    }

    // ---------------------------------------------------------------- nothing changed: a checksum of every table

    List<String> tables() {
        return jdbc.sql("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_schema in (:s) and table_type = 'BASE TABLE'
                  and table_name not in ('flyway_schema_history', 'audit_event', 'sign_in_failure', 'sign_in_known_address',
                                         'event_publication')
                order by 1""").param("s", ModuleSchemas.MODULES).query(String.class).list();
    }

    String checksumSql;

    /**
     * One statement: per table its row count and an order-free sum of row hashes. Skipped while no transaction id was
     * handed out and none ended since the last one (nothing anywhere can have been written then, the audit log
     * included), which is the case after most refusals.
     */
    Map<String, String> checksums() {
        long t0 = System.nanoTime();
        // xmin:xmax:running — the same text means no id handed out and no transaction ended in between
        String snapshot = jdbc.sql("select pg_current_snapshot()::text").query(String.class).single();
        if (lastSums != null && snapshot.equals(lastSnapshot)) return lastSums;
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql(checksumSql).query((rs, i) -> out.put(rs.getString(1), rs.getString(2))).list();
        checksumNanos += System.nanoTime() - t0;
        checksumsTaken++;
        lastSnapshot = snapshot;
        lastSums = out;
        return out;
    }

    @Nullable Map<String, String> lastSums;
    @Nullable String lastSnapshot;
    int checksumsTaken;

    long checksumNanos;

    static String changed(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- the matrix

    record Outcome(Who who, Route route, int status, @Nullable String location, @Nullable String problem) {}

    Outcome send(Who who, Route r, Filled f) {
        AbstractMockHttpServletRequestBuilder<?> b;
        URI uri = URI.create(f.path());
        if (r.multipart()) {
            b = multipart(HttpMethod.valueOf(r.method()), uri).file(new MockMultipartFile("file", "matrix.txt",
                    "text/plain", "matrix".getBytes(StandardCharsets.UTF_8)));
        } else {
            b = request(HttpMethod.valueOf(r.method()), uri);
        }
        f.params().forEach(b::param);
        if (f.json() != null) b.contentType(MediaType.APPLICATION_JSON).content(f.json());
        b.with(who.as());
        if (!r.isRead()) b.with(csrf());
        try {
            MvcResult res = mvc.perform(b).andReturn();
            int status = res.getResponse().getStatus();
            String body = res.getResponse().getContentType() != null && (res.getResponse().getContentType().startsWith("text")
                    || res.getResponse().getContentType().contains("json")) ? res.getResponse().getContentAsString() : "";
            String problem = status >= 500 ? "server error " + status : leak(who, f, body);
            return new Outcome(who, r, status, res.getResponse().getRedirectedUrl(), problem);
        } catch (Exception | Error e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            return new Outcome(who, r, 500, null, root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    /** A refusal: 403, 404, 400 (the id is not one), 405, or a redirect to the sign-in or an error page. */
    static boolean refused(Outcome o) {
        int s = o.status();
        if (s == 403 || s == 404 || s == 400 || s == 405 || s == 401) return true;
        return s >= 300 && s < 400 && o.location() != null
                && (o.location().contains("/login") || o.location().contains("/error"));
    }

    /** B's record is foreign to the principal: neither inside its area nor an area above it. */
    static boolean foreign(Who who, Target t) {
        if (t.area().isEmpty()) return true; // a code list or an edition: not of an area
        return !who.scope().covers(t.area()) && !new AreaScope(t.area()).covers(who.scope().areaCode());
    }

    /** Whether a path variable of the route names a record or an area of B (not a code list's entry). */
    boolean pathNamesAreaRecord(Route r) {
        for (String v : r.variables()) {
            String ref = pathRule(r.pattern(), v);
            if (ref == null) continue;
            if (ref.startsWith("=")) {
                if (AreaScope.isAreaCode(ref.substring(1))) return true;
                continue;
            }
            if (!catalog.get(ref.substring(0, ref.indexOf('.'))).area().isEmpty()) return true;
        }
        return false;
    }

    @Test
    void noRoleReachesASiblingAreasRecordsAndNoRoleUsesWhatItMayNot() throws Exception {
        long started = System.nanoTime();
        findDistinctiveNames();
        buildCatalog();
        checksumSql = tables().stream()
                .map(t -> "select '" + t + "', count(*) || ':' || coalesce(sum(hashtextextended(x::text, 0)), 0) from " + t + " x")
                .collect(Collectors.joining(" union all "));
        List<Route> routes = RouteCatalog.routes(mappings).stream()
                .filter(r -> !r.pattern().startsWith("/error") && !r.pattern().contains("**")).toList();
        List<Who> a = areaA();
        List<Who> b = areaBOwn();

        List<String> unclassified = new ArrayList<>();
        Map<Route, Filled> filled = new LinkedHashMap<>();
        for (Route r : routes) filled.put(r, fill(r, unclassified));
        assertThat(unclassified).as("path variables and parameters the matrix cannot classify: give them a rule")
                .isEmpty();

        // the matrix can fail: its markers see B's data in a body, its checksum sees a write
        Filled nothingSent = new Filled("/", Map.of(), null, Set.of(), List.of());
        assertThat(leak(a.get(0), nothingSent, "<td>" + catalog.get("household").columns().get("household_no") + "</td>"))
                .isNotNull();
        assertThat(leak(a.get(0), nothingSent, "<td>" + distinctiveNames.get(0) + "</td>")).isNotNull();
        Map<String, String> before = checksums();
        registry.household(A_VILLAGE).head("矩阵探针").insert();
        assertThat(changed(before, checksums())).contains("household.household", "household.member");

        List<String> failures = new ArrayList<>();
        int requests = 0, crossTargets = 0, escalations = 0, writesChecked = 0;
        Map<String, String> sums = checksums();
        // cross-area: every route, every role at A, with B's records
        for (Route r : routes) {
            Filled f = filled.get(r);
            boolean takesB = !f.sent().isEmpty();
            if (!r.isRead() && !takesB) continue; // a write of one's own area only: nothing of B to reach
            List<Outcome> outs = new ArrayList<>();
            for (Who who : a) {
                if (!f.targets().stream().allMatch(t -> foreign(who, t))) continue; // B's county is above A's village
                Outcome o = send(who, r, f);
                requests++;
                crossTargets += Math.max(1, f.targets().size());
                outs.add(o);
                if (o.problem() != null) {
                    failures.add(r + " as " + who.label() + " → " + o.status() + ": " + o.problem());
                } else if (r.isRead() && pathNamesAreaRecord(r) && !PUBLIC.contains(r.pattern()) && !refused(o)) {
                    failures.add(r + " as " + who.label() + " → " + o.status() + " " + o.location()
                            + ": a record of another area answered");
                }
            }
            if (!r.isRead() && !outs.isEmpty()) {
                writesChecked++;
                Map<String, String> after = checksums();
                String diff = changed(sums, after);
                if (!diff.isEmpty()) {
                    failures.add(r + " changed " + diff + " (" + outs.stream()
                            .map(o -> o.who().label() + "→" + o.status()).collect(Collectors.joining(", ")) + ")");
                }
                sums = after;
            }
        }
        int crossRequests = requests;
        // role escalation: each role in B's own area, the routes it may not use
        for (Route r : routes) {
            Filled f = filled.get(r);
            List<Outcome> outs = new ArrayList<>();
            for (Who who : b) {
                if (!denied(r, who.role())) continue;
                Outcome o = send(who, r, f);
                requests++;
                escalations++;
                outs.add(o);
                if (o.status() >= 500) {
                    failures.add(r + " as " + who.label() + " (escalation) → " + o.status() + ": " + o.problem());
                } else if (r.isRead() && !refused(o)) {
                    failures.add(r + " as " + who.label() + " (escalation) → " + o.status() + " " + o.location()
                            + ": a role that may not use it was answered");
                }
            }
            if (!r.isRead() && !outs.isEmpty()) {
                writesChecked++;
                Map<String, String> after = checksums();
                String diff = changed(sums, after);
                if (!diff.isEmpty()) {
                    failures.add(r + " (escalation) changed " + diff + " (" + outs.stream()
                            .map(o -> o.who().label() + "→" + o.status()).collect(Collectors.joining(", ")) + ")");
                }
                sums = after;
            }
        }
        String diff = changed(sums, checksums());
        if (!diff.isEmpty()) failures.add("reads changed " + diff);
        System.out.printf("access matrix: %d routes × %d roles × 2 areas, %d records of %d kinds in area B;"
                        + " %d cross-area requests (%d record targets), %d role-escalation requests, %d write batches"
                        + " checked, %d full checksums over %d tables (%d ms); %d problems; %d s%n",
                routes.size(), Role.values().length, catalog.size(), KINDS.size(), crossRequests, crossTargets,
                escalations, writesChecked, checksumsTaken, tables().size(), checksumNanos / 1_000_000, failures.size(), (System.nanoTime() - started) / 1_000_000_000L);
        failures.forEach(s -> System.out.println("  " + s));
        assertThat(failures).as("routes that answer or change another area's records, or a role's forbidden ones")
                .isEmpty();
    }
}
