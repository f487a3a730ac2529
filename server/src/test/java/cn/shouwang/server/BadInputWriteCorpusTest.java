package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import cn.shouwang.server.RouteCatalog.Route;
import cn.shouwang.server.access.Department;
import cn.shouwang.server.access.Role;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 15 point 2 for the writes: every POST, PUT and DELETE route of the server (found by {@link RouteCatalog} from
 * the handler mappings, so a route added later is covered without editing this test) gets the bad-input corpus in each
 * form field, JSON body field, path variable and multipart part it takes, signed in as a demo account whose role may
 * use the route, with a valid CSRF token. The other fields carry real values of the access matrix's area B (its
 * {@code fill}: B's records, their versions, plausible dates and amounts), so that the bad value gets as far as the
 * route's checks and its SQL. Passing: never a 500 or an exception out of the handler, no stack trace or internal
 * message (Java class names, SQL errors) in any body, and a whole page (not an htmx fragment) has Chinese words in it.
 * <p>
 * The requests really write wherever the bad value is acceptable text, so this class runs on a server of its own
 * (its own data directory and database, closed after the class): the shared server's records stay as other tests
 * expect them. Each field gets {@link #PER_FIELD} values of the corpus, chosen in turn so that every value is sent to
 * many fields (the whole corpus on each field would take several minutes).
 */
@TestPropertySource(properties = "shouwang.data-dir=target/test-data/bad-input-writes")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BadInputWriteCorpusTest extends ServerTest {
    static final Charset GB18030 = Charset.forName("GB18030");

    /** The GET test's corpus, and what forms in particular get: enums, versions, dates, GB18030 read as Latin-1. */
    static final List<String> CORPUS;
    static {
        List<String> c = new ArrayList<>(BadInputCorpusTest.CORPUS);
        c.addAll(List.of("NOT_A_KIND", "0", "-99999999999", "1e308", "NaN", "2026-02-30", "31/12/2026", "9999-99",
                "${java.version}", "a\r\nb", "\uFEFF", " ", "\u0000",
                new String("户编号,姓名,证件号码".getBytes(GB18030), StandardCharsets.ISO_8859_1),
                new String(new byte[] {(byte) 0x81, 0x30, (byte) 0xFE, (byte) 0xFF, (byte) 0x80, 0x00}, GB18030),
                "x".repeat(70_000)));
        CORPUS = List.copyOf(c);
    }
    /** Bad files: empty, NUL bytes, GB18030 garbage, a header only, binary, a zip that is not a workbook. */
    static final List<byte[]> FILES = List.of(
            new byte[0],
            new byte[] {0, 0, 0, 0},
            "户编号,姓名\n\u0000,\u0000\n".getBytes(GB18030),
            new byte[] {(byte) 0x81, 0x30, (byte) 0xFE, (byte) 0xFF, (byte) 0x80, 0x0A, (byte) 0xD6, (byte) 0xD0},
            "身份证号,结算日期,总费用\n".getBytes(StandardCharsets.UTF_8),
            new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9},
            ("a,b\n" + "测,".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8));
    static final List<String> FILE_NAMES = List.of("x.csv", "../../etc/passwd", "a\u0000b.xlsx", "{x}.csv",
            "测".repeat(300) + ".csv", "", "x.exe");
    static final int PER_FIELD = 4;

    /** What a user must never see: Java's and the database's own words. */
    static final Pattern INTERNAL = Pattern.compile("\\bat (cn|org|java|jdk|jakarta)\\.[\\w.$]+\\(|\\.java:\\d+\\)"
            + "|\\b(java|javax|jakarta|org\\.springframework|org\\.postgresql|tools\\.jackson|cn\\.shouwang)\\.[a-z][\\w.]*[A-Z]\\w*"
            + "(Exception|Error)|SQLState|PSQLException|ERROR: |Whitelabel Error Page|NullPointerException");
    static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired AutowireCapableBeanFactory beans;
    @Autowired org.springframework.core.env.Environment env;
    final ObjectMapper json = new ObjectMapper();

    /** The roles tried for a route, in this order; the first one that may use it sends the corpus. */
    static final List<Role> PREFERENCE = List.of(Role.COUNTY_ANALYST, Role.ADMIN, Role.TOWNSHIP_STAFF,
            Role.VILLAGE_MONITOR, Role.CITY_ANALYST, Role.GRID_WORKER, Role.DATA_OFFICER);

    @Test
    void noWriteRouteAnswersBadInputWithAServerError() throws Exception {
        assertThat(env.getProperty("shouwang.data-dir")).as("a server of its own").endsWith("bad-input-writes");
        long started = System.nanoTime();
        // the access matrix's fixture: records of every kind in area B, and the way it fills a route with them
        AccessMatrixTest matrix = new AccessMatrixTest();
        beans.autowireBean(matrix);
        matrix.buildCatalog();

        Map<Role, RequestPostProcessor> users = new LinkedHashMap<>();
        for (String username : List.of("county", "admin", "township", "village", "city", "grid", "dataofficer")) {
            Map<String, Object> row = jdbc.sql("select role, area_code from access.account where username = :u")
                    .param("u", username).query().singleRow();
            Role role = Role.valueOf((String) row.get("role"));
            users.put(role, matrix.principal(username, role, ((String) row.get("area_code")).strip(), Department.HEALTH));
        }
        assertThat(users).as("a demo account of every role").hasSize(PREFERENCE.size());

        // the routes that change accounts last: the corpus may disable one of the demo accounts this test signs in as
        List<Route> routes = RouteCatalog.routes(mappings).stream()
                .filter(r -> !r.isRead() && !r.pattern().startsWith("/error") && !r.pattern().contains("**"))
                .sorted(Comparator.comparing((Route r) -> r.pattern().contains("account")))
                .toList();
        assertThat(routes).as("write routes found").hasSizeGreaterThan(50);

        List<String> failures = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        int requests = 0, fields = 0, turn = 0;
        for (Route r : routes) {
            Role role = PREFERENCE.stream().filter(x -> !AccessMatrixTest.denied(r, x)).findFirst().orElse(null);
            if (role == null) {
                failures.add(r + ": no role may use it (AccessMatrixTest.DENIED)");
                continue;
            }
            RequestPostProcessor who = users.get(role);
            AccessMatrixTest.Filled f = matrix.fill(r, unclassified);
            Map<String, Object> body = f.json() == null ? null : json.readValue(f.json(), LinkedHashMap.class);
            // the route as filled, once: every route is hit even when it takes nothing
            requests++;
            check(failures, build(r, f.path(), f.params(), body, null).with(who), r, "-", "(valid)");

            for (String p : r.params()) {
                fields++;
                for (String bad : sample(turn++)) {
                    Map<String, String> params = new LinkedHashMap<>(f.params());
                    params.put(p, bad);
                    requests++;
                    check(failures, build(r, f.path(), params, body, null).with(who), r, "?" + p, bad);
                }
            }
            for (String field : r.bodyFields()) {
                fields++;
                for (String bad : sample(turn++)) {
                    Map<String, Object> b = new LinkedHashMap<>(body == null ? Map.of() : body);
                    b.put(field, bad);
                    requests++;
                    check(failures, build(r, f.path(), f.params(), b, null).with(who), r, "body." + field, bad);
                }
                // a number or a list where the field is text, and the other way round: JSON's own types
                for (Object odd : new Object[] {2147483648L, List.of("a"), Map.of("x", 1)}) {
                    Map<String, Object> b = new LinkedHashMap<>(body == null ? Map.of() : body);
                    b.put(field, odd);
                    requests++;
                    check(failures, build(r, f.path(), f.params(), b, null).with(who), r, "body." + field, String.valueOf(odd));
                }
            }
            for (String variable : r.variables()) {
                fields++;
                List<String> values = new ArrayList<>(sample(turn++));
                values.addAll(List.of("abc", "99999999999999999999", "-1", "{x}", "a\u0000b"));
                for (String bad : values) {
                    if (bad.isEmpty() || bad.contains("/") || bad.length() > 200) continue;
                    // the value as a browser sends it in a path: percent-encoded, the other variables as filled
                    String path = RouteCatalog.fill(r.pattern(), v -> v.equals(variable)
                            ? UriUtils.encodePathSegment(bad, StandardCharsets.UTF_8)
                            : variableOf(r.pattern(), f.path(), v));
                    requests++;
                    check(failures, build(r, path, f.params(), body, null).with(who), r, "{" + variable + "}", bad);
                }
            }
            if (r.multipart()) {
                fields++;
                for (int i = 0; i < FILES.size(); i++) {
                    MockMultipartFile file = new MockMultipartFile("file", FILE_NAMES.get(i), "text/csv", FILES.get(i));
                    requests++;
                    check(failures, build(r, f.path(), f.params(), body, file).with(who), r, "file",
                            FILE_NAMES.get(i) + " (" + FILES.get(i).length + " bytes)");
                }
            }
            if (r.params().isEmpty() && r.bodyFields().isEmpty() && r.variables().isEmpty() && !r.multipart()) {
                // nothing to fill: the corpus as a parameter nobody reads, and as a body of the wrong type
                requests++;
                check(failures, build(r, f.path(), Map.of("x", "a\u0000b"), null, null).with(who), r, "?x", "a\\0b");
            }
        }
        assertThat(unclassified).as("parameters the access matrix cannot fill (give them a rule there)").isEmpty();
        System.out.printf("bad-input corpus on writes: %d POST/PUT/DELETE routes, %d fields, %d values (%d per field,"
                        + " in turn), %d files, %d requests, %d failures; %d s%n", routes.size(), fields, CORPUS.size(),
                PER_FIELD, FILES.size(), requests, failures.size(), (System.nanoTime() - started) / 1_000_000_000L);
        failures.forEach(s -> System.out.println("  " + s));
        assertThat(failures).as("write routes answering bad input with a server error or internal words").isEmpty();
    }

    /** {@link #PER_FIELD} values of the corpus, the n-th field starting where the one before stopped. */
    static List<String> sample(int n) {
        List<String> out = new ArrayList<>(PER_FIELD);
        for (int i = 0; i < PER_FIELD; i++) out.add(CORPUS.get((n * PER_FIELD + i) % CORPUS.size()));
        return out;
    }

    /** A path variable's value in the filled path (the pattern's segments against the path's). */
    static String variableOf(String pattern, String path, String variable) {
        String[] ps = pattern.split("/");
        String[] vs = path.split("/");
        for (int i = 0; i < ps.length && i < vs.length; i++) {
            if (ps[i].startsWith("{" + variable + "}") || ps[i].startsWith("{" + variable + ":")) return vs[i];
        }
        return RouteCatalog.sample(variable);
    }

    AbstractMockHttpServletRequestBuilder<?> build(Route r, String path, Map<String, String> params,
                                                    @Nullable Map<String, Object> body, @Nullable MockMultipartFile file) {
        AbstractMockHttpServletRequestBuilder<?> b;
        URI uri = URI.create(path);
        if (r.multipart()) {
            b = multipart(HttpMethod.valueOf(r.method()), uri).file(file != null ? file
                    : new MockMultipartFile("file", "x.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        } else {
            b = request(HttpMethod.valueOf(r.method()), uri);
        }
        params.forEach(b::param);
        if (body != null) b.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        return b.with(csrf());
    }

    private void check(List<String> failures, AbstractMockHttpServletRequestBuilder<?> request, Route r, String where,
                       String bad) {
        String shown = bad.length() > 20 ? bad.substring(0, 20) + "…(" + bad.length() + ")" : bad;
        shown = shown.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
        String at = r + " " + where + " = \"" + shown + "\"";
        try {
            MvcResult res = mvc.perform(request).andReturn();
            int status = res.getResponse().getStatus();
            String type = res.getResponse().getContentType();
            String text = type != null && (type.startsWith("text") || type.contains("json"))
                    ? res.getResponse().getContentAsString(StandardCharsets.UTF_8) : "";
            var internal = INTERNAL.matcher(text);
            if (status >= 500) {
                failures.add(at + " → " + status + " " + firstLine(text));
            } else if (internal.find()) {
                failures.add(at + " → " + status + " shows \"" + internal.group() + "\"");
            } else if (type != null && type.startsWith("text/html") && text.contains("<html") && !CHINESE.matcher(text).find()) {
                // a whole page (an htmx fragment may be a bare value)
                failures.add(at + " → " + status + " a page without a Chinese word: " + firstLine(text));
            }
        } catch (Exception | Error e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            failures.add(at + " → " + root.getClass().getSimpleName() + ": " + firstLine(String.valueOf(root.getMessage())));
        }
    }

    static String firstLine(String s) {
        String l = s.lines().findFirst().orElse("");
        return l.length() > 160 ? l.substring(0, 160) : l;
    }
}
