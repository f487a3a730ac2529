package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shouwang.server.RouteCatalog.Route;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 15 point 2: bad input never gives a 500. Every GET route of the server — discovered from the handler mappings,
 * so a route added later is covered without editing this test — gets each value of a corpus of bad input in each of
 * its parameters (request parameters and the fields of the form records it binds) and in each path variable, as one of
 * three roles (administrator, county analyst, village monitor) chosen per route. Any answer of 500 or more, or an exception escaping the handler, fails the test with the route, the
 * parameter and the value.
 */
class BadInputCorpusTest extends ServerTest {
    /** Values users, scripts and attackers really send: words for numbers, overflow, NUL, templates, CR/LF, length. */
    static final List<String> CORPUS = List.of(
            "", "abc", "-1", "2147483647", "99999999999999999999", "1.5", "a\u0000b", "{x}", "%", "2026-13-45",
            "../../etc/passwd", "\r\nSet-Cookie: x=y", "'; drop table household; --", "测".repeat(5000), "\uD800");
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    /** GET routes with the parameter names they read (the shared discovery of {@link RouteCatalog}). */
    List<Route> routes() {
        return RouteCatalog.getRoutes(mappings);
    }

    static String fill(String pattern, String variable, String value) {
        return RouteCatalog.fill(pattern, variable, value);
    }

    static RequestPostProcessor as(long id, Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(id, "corpus" + id, "语料" + id, role, new AreaScope(area)),
                "x", false, true));
    }

    @Test
    void noGetRouteAnswersBadInputWithAServerError() throws Exception {
        List<RequestPostProcessor> who = new ArrayList<>();
        for (String username : List.of("admin", "county", "village")) {
            who.add(jdbc.sql("select id, role, area_code from account where username = :u").param("u", username)
                    .query((rs, i) -> as(rs.getLong(1), Role.valueOf(rs.getString(2)), rs.getString(3).strip())).single());
        }
        List<Route> routes = routes();
        assertThat(routes).as("GET routes found").hasSizeGreaterThan(50);
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Route r : routes) {
            if (r.pattern().startsWith("/error") || r.pattern().contains("**")) continue;
            // one role per route, in turn: every route is tried, each role on a third of them (keeps the run short)
            RequestPostProcessor p = who.get(Math.floorMod(r.pattern().hashCode(), who.size()));
            {
                for (String bad : CORPUS) {
                    for (String param : r.params()) {
                        requests++;
                        check(failures, get(fill(r.pattern(), "", "")).param(param, bad).with(p),
                                r.pattern() + " ?" + param, bad);
                    }
                    for (String variable : r.variables()) {
                        if (bad.isEmpty() || bad.contains("/") || bad.length() > 200) continue;
                        requests++;
                        // the value as a browser sends it in a path: percent-encoded
                        String encoded = org.springframework.web.util.UriUtils.encodePathSegment(bad,
                                java.nio.charset.StandardCharsets.UTF_8);
                        check(failures, get(java.net.URI.create(fill(r.pattern(), variable, encoded))).with(p),
                                r.pattern() + " {" + variable + "}", bad);
                    }
                }
            }
        }
        System.out.printf("bad-input corpus: %d GET routes, %d values, a role per route, %d requests, %d server errors%n",
                routes.size(), CORPUS.size(), requests, failures.size());
        assertThat(failures).as("routes answering bad input with a server error").isEmpty();
    }

    @Test
    void aRedirectTargetWithTemplatesOrLineBreaksStaysOnThisServerInOneHeader() throws Exception {
        RequestPostProcessor county = as(1, Role.COUNTY_ANALYST, "220322000000");
        for (String back : List.of("/households?q={x}", "/\r\nSet-Cookie: x=y", "//evil.example/", "/" + "测".repeat(5000))) {
            MvcResult r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .post("/area-selection").param("back", back).with(county)
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                    .andReturn();
            assertThat(r.getResponse().getStatus()).as(back).isBetween(300, 399);
            String location = r.getResponse().getHeader("Location");
            assertThat(location).as(back).startsWith("/").doesNotStartWith("//").doesNotContain("{", "\r", "\n");
            assertThat(location.length()).as(back).isLessThan(4100);
        }
    }

    private void check(List<String> failures, MockHttpServletRequestBuilder request, String where, String bad) {
        String shown = bad.length() > 20 ? bad.substring(0, 20) + "…(" + bad.length() + ")" : bad;
        shown = shown.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
        try {
            MvcResult res = mvc.perform(request).andReturn();
            int status = res.getResponse().getStatus();
            if (status >= 500) failures.add(where + " = \"" + shown + "\" → " + status);
        } catch (Exception | Error e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            failures.add(where + " = \"" + shown + "\" → " + root.getClass().getSimpleName() + ": "
                    + String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
