package cn.shouwang.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Concurrent users of a demo server doing what their roles do all day: village monitors look at their worklist,
 * households and searches; township staff review leads (a real step: APPROVE with the form's version, so two users
 * on one lead get the 409 of a concurrent edit, which is an answer, not an error); county and city analysts open
 * the dashboard and drill down, search and list warnings; a county analyst now and then uploads a department file.
 *
 * <p>Pacing ({@code pace}): {@code realistic} (the default) gives each role the time its people take between two
 * clicks (ui.md): a village monitor on a cheap phone in a farmyard, talking with the household, 15–60 s; township
 * staff reading a lead's file before deciding, 8–40 s; county and city analysts at an office PC with Excel beside,
 * reading a dashboard or a list, 5–30 s. {@code capacity} is the old robot's pace, 0.5–3 s for everyone: not a
 * person's, it measures how many requests a second the server answers. {@code think} (ms), when set, overrides both:
 * every pause is between a sixth of it and it.
 *
 * <p>Parameters (system properties): {@code shouwang.baseUrl} (localhost only), {@code users} (concurrent users,
 * default 200), {@code ramp} and {@code duration} (seconds), {@code pace}, {@code think}, {@code rounds} (rounds of
 * work per sign-in, default 5), {@code p95} (when set, every page and search must have p95 under it in ms),
 * {@code shouwang.uploadFile} (a department CSV of kind ACCIDENTS; no uploads without it).
 */
public class ShouwangSimulation extends Simulation {

    static final String PASSWORD = System.getProperty("shouwang.password", "demo2024");
    static final String BASE = localhostOnly(System.getProperty("shouwang.baseUrl", "http://localhost:8080"));
    static final int USERS = Integer.getInteger("users", 200);
    static final int RAMP = Integer.getInteger("ramp", 30);
    static final int DURATION = Integer.getInteger("duration", 120);
    static final String PACE = System.getProperty("pace", "realistic");
    /** When set (ms), every pause of every role is between a sixth of it and it (the CI smoke uses it). */
    static final Integer THINK = Integer.getInteger("think");
    /** Rounds of work per signed-in user before it signs in anew (a real user stays signed in for hours). */
    static final int ROUNDS = Integer.getInteger("rounds", 5);
    static final String P95 = System.getProperty("p95", "");
    static final String UPLOAD = System.getProperty("shouwang.uploadFile", "");
    /** The requests whose p95 the issue bounds: pages and searches (uploads are not pages). */
    static final List<String> PAGES = new ArrayList<>();

    /** The load goes to this machine only: a typo must never send it to someone's server. */
    static String localhostOnly(String url) {
        String host = URI.create(url).getHost();
        if (!Set.of("localhost", "127.0.0.1", "[::1]", "::1").contains(host)) {
            throw new IllegalArgumentException("load is only ever sent to localhost, not " + host);
        }
        return url;
    }

    static String page(String name) {
        if (!PAGES.contains(name)) {
            PAGES.add(name);
        }
        return name;
    }

    /** A role's time between two clicks, in ms: uniformly between min and max. */
    record Pace(long min, long max) {
        static Pace of(String role) {
            if (THINK != null) return new Pace(THINK / 6, THINK);
            return switch (PACE) {
                case "capacity" -> new Pace(500, 3_000);
                case "realistic" -> switch (role) {
                    // a phone in a farmyard: the page is read between two questions to the household
                    case "village" -> new Pace(15_000, 60_000);
                    // a lead's file (reasons, members, incomes) is read before a decision
                    case "township" -> new Pace(8_000, 40_000);
                    // an analyst compares the page with the workbook open beside it
                    default -> new Pace(5_000, 30_000);
                };
                default -> throw new IllegalArgumentException("pace is realistic or capacity, not " + PACE);
            };
        }

        ChainBuilder think() {
            return exec(pause(Duration.ofMillis(min), Duration.ofMillis(max)));
        }
    }

    static ChainBuilder signIn(String account) {
        return exec(http(page("sign-in page")).get("/login")
                        .check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .exec(http("sign in").post("/login")
                        .formParam("username", account).formParam("password", PASSWORD)
                        .formParam("_csrf", "#{csrf}")
                        // signed in: the page after the redirect has the sign-out form, not the sign-in one
                        .check(css("form[action='/logout']").exists()));
    }

    /** Picks one household of the list and a head's name to search for. */
    static ChainBuilder households(Pace pace) {
        return exec(http(page("household list")).get("/households")
                        .check(css("a[href^='/households/']", "href").findAll().optional()
                                .saveAs("householdLinks"))
                        .check(css("td[data-label='户主']").findRandom().optional().saveAs("headName")))
                .exec(session -> {
                    List<String> links = session.contains("householdLinks")
                            ? session.<String>getList("householdLinks").stream()
                                    .filter(h -> h.matches("/households/\\d+")).toList()
                            : List.of();
                    return links.isEmpty() ? session.remove("household")
                            : session.set("household", links.get((int) (Math.random() * links.size())));
                })
                .exec(pace.think())
                .doIf(session -> session.contains("household")).then(
                        exec(http(page("household page")).get("#{household}")))
                .exec(pace.think())
                .doIf(session -> session.contains("headName")).then(
                        exec(http(page("search by name")).get("/households").queryParam("q", "#{headName}")));
    }

    static ChainBuilder worklist(Pace pace) {
        return exec(http(page("lead worklist")).get("/leads")
                .check(css("a[href^='/leads/']", "href").findAll().optional().saveAs("leadLinks")))
                .exec(session -> {
                    List<String> links = session.contains("leadLinks") ? session.getList("leadLinks") : List.of();
                    List<String> leads = links.stream().filter(h -> h.matches("/leads/\\d+")).toList();
                    return leads.isEmpty() ? session.remove("lead")
                            : session.set("lead", leads.get((int) (Math.random() * leads.size())));
                })
                .exec(pace.think())
                .doIf(session -> session.contains("lead")).then(exec(http(page("lead page")).get("#{lead}")));
    }

    /** A township review: approve a lead awaiting it, with the version the page showed. */
    static ChainBuilder townshipStep(Pace pace) {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        return exec(http(page("leads awaiting township review")).get("/leads")
                        .queryParam("state", "AWAITING_TOWNSHIP_REVIEW")
                        .check(css("a[href^='/leads/']", "href").findAll().optional().saveAs("reviewLinks")))
                .exec(session -> {
                    List<String> links = session.contains("reviewLinks") ? session.getList("reviewLinks") : List.of();
                    List<String> leads = links.stream().filter(h -> h.matches("/leads/\\d+")).toList();
                    return leads.isEmpty() ? session.remove("reviewLead")
                            : session.set("reviewLead", leads.get((int) (Math.random() * leads.size())));
                })
                .exec(pace.think())
                .doIf(session -> session.contains("reviewLead")).then(
                        exec(http(page("lead page")).get("#{reviewLead}")
                                .check(css("form[action$='/township'] input[name=version]", "value")
                                        .optional().saveAs("version"))
                                .check(css("form[action$='/township'] input[name=_csrf]", "value")
                                        .optional().saveAs("formCsrf")))
                        .exec(pace.think())
                        .doIf(session -> session.contains("version")).then(
                                exec(http("township review").post("#{reviewLead}/township")
                                        .formParam("_csrf", "#{formCsrf}").formParam("version", "#{version}")
                                        .formParam("on", today).formParam("decision", "APPROVE")
                                        .formParam("reason", "")
                                        // 409: another reviewer was first; the page says so. Both are answers.
                                        .check(status().in(200, 409)))
                                .exec(session -> session.remove("version"))));
    }

    static ChainBuilder dashboard(Pace pace) {
        return exec(http(page("dashboard")).get("/reports")
                        .check(css("a[href^='/reports?']", "href").findAll().optional().saveAs("drillLinks")))
                .exec(session -> {
                    List<String> links = session.contains("drillLinks") ? session.getList("drillLinks") : List.of();
                    List<String> down = links.stream().filter(h -> h.contains("area=")).toList();
                    return down.isEmpty() ? session.remove("drill")
                            : session.set("drill", down.get((int) (Math.random() * down.size())));
                })
                .exec(pace.think())
                .doIf(session -> session.contains("drill")).then(exec(http(page("dashboard drill-down"))
                        .get(session -> session.getString("drill").replace("&amp;", "&"))));
    }

    static ChainBuilder analystLists(Pace pace) {
        return exec(http(page("monitored households")).get("/monitored"))
                .exec(pace.think())
                .exec(http(page("warnings")).get("/warnings"));
    }

    static ChainBuilder upload() {
        String period = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString().substring(0, 7);
        return exec(http(page("uploads page")).get("/uploads")
                        .check(css("#upload-form input[name=_csrf]", "value").saveAs("uploadCsrf")))
                .exec(http("upload a department file").post("/uploads")
                        .formParam("_csrf", "#{uploadCsrf}")
                        .formParam("kind", "ACCIDENTS").formParam("period", period)
                        .bodyPart(RawFileBodyPart("file", Path.of(UPLOAD).toAbsolutePath().toString())
                                .fileName("accidents.csv").contentType("text/csv"))
                        .asMultipartForm());
    }

    static ScenarioBuilder village() {
        Pace pace = Pace.of("village");
        return scenario("village monitor").exec(signIn("village")).repeat(ROUNDS + 1).on(
                pace.think(), exec(worklist(pace)), pace.think(), exec(households(pace)));
    }

    static ScenarioBuilder township() {
        Pace pace = Pace.of("township");
        return scenario("township staff").exec(signIn("township")).repeat(ROUNDS).on(
                pace.think(), exec(townshipStep(pace)), pace.think(), exec(households(pace)));
    }

    static ScenarioBuilder analyst(String account) {
        // department files are a county's: the city analyst's upload page has no form
        ChainBuilder uploads = !"county".equals(account) || UPLOAD.isBlank() || !Files.isRegularFile(Path.of(UPLOAD))
                ? exec(session -> session)
                : randomSwitch().on(percent(5.0).then(exec(upload())));
        Pace pace = Pace.of(account);
        return scenario(account + " analyst").exec(signIn(account)).repeat(ROUNDS).on(
                pace.think(), exec(dashboard(pace)), pace.think(), exec(households(pace)), pace.think(),
                exec(analystLists(pace)), exec(uploads));
    }

    static PopulationBuilder population(ScenarioBuilder s, double share) {
        int n = Math.max(1, (int) Math.round(USERS * share));
        return s.injectClosed(rampConcurrentUsers(0).to(n).during(Duration.ofSeconds(RAMP)),
                constantConcurrentUsers(n).during(Duration.ofSeconds(DURATION)));
    }

    {
        HttpProtocolBuilder protocol = http.baseUrl(BASE)
                .acceptHeader("text/html,application/xhtml+xml").acceptLanguageHeader("zh-CN,zh;q=0.9")
                .userAgentHeader("shouwang-load (Gatling)").disableCaching();
        // built first, so that PAGES holds every page request's name before the assertions are made
        List<PopulationBuilder> populations = List.of(
                population(village(), 0.40), population(township(), 0.25),
                population(analyst("county"), 0.25), population(analyst("city"), 0.10));
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().count().is(0L));
        if (!P95.isBlank()) {
            for (String name : PAGES) {
                assertions.add(details(name).responseTime().percentile(95.0).lt(Integer.parseInt(P95)));
            }
        }
        setUp(populations).protocols(protocol).assertions(assertions)
                .maxDuration(Duration.ofSeconds(RAMP + DURATION + 120L));
    }
}
