package cn.shouwang.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Sign-in, lockout, CSRF, headers, roles and area scope through the real filter chain and database. */
@org.springframework.test.context.event.RecordApplicationEvents
class AccessWebTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired Accounts accounts;
    @Autowired org.springframework.test.context.event.ApplicationEvents events;

    private String newAccount(Role role, String area) {
        String name = "t" + SEQ.incrementAndGet() + "-" + role.name().toLowerCase().replace('_', '-');
        accounts.create(name, "测试" + name, role, area, "secret-pass", false);
        return name;
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        MvcResult r = mvc.perform(formLogin().user(username).password(password)).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).as("sign-in of " + username).isEqualTo("/");
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    /** A sign-in form post from {@code address} (each test that fails sign-ins on purpose uses addresses of its own). */
    private org.springframework.test.web.servlet.ResultActions signInFrom(String address, String username, String password)
            throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                }));
    }

    private void waitIsOver(String kind, String key) {
        jdbc.sql("update sign_in_failure set blocked_until = :t where kind = :k and key = :key")
                .param("t", java.time.OffsetDateTime.now(clock).minusSeconds(1)).param("k", kind).param("key", key).update();
    }

    @Test
    void anAddressThatKeepsFailingWaitsLongerEachTimeAndIsRefusedBeforeThePasswordIsChecked() throws Exception {
        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        String from = "10.9.0." + SEQ.incrementAndGet();
        for (int i = 1; i <= 6; i++) signInFrom(from, "guess-" + i, "wrong").andExpect(redirectedUrl("/login?error"));
        // the sixth failure made the address wait 2 s: even the right password is not checked until then
        signInFrom(from, u, "secret-pass").andExpect(redirectedUrl("/login?throttled=2"));
        mvc.perform(get("/login").param("throttled", "2")).andExpect(content().string(
                org.hamcrest.Matchers.containsString("请在 2 秒后再试")));
        // another address is not held up, nor is the account (its name was never tried)
        signInFrom("10.9.1." + SEQ.incrementAndGet(), u, "secret-pass").andExpect(redirectedUrl("/"));
        waitIsOver("address", from);
        signInFrom(from, u, "secret-pass").andExpect(redirectedUrl("/"));
        // a success of an account of one's own does not wipe the address's record: the next failure waits 4 s
        signInFrom(from, "guess-7", "wrong").andExpect(redirectedUrl("/login?error"));
        signInFrom(from, u, "secret-pass").andExpect(redirectedUrl("/login?throttled=4"));
        // the API says so too: 429 with Retry-After
        mvc.perform(get("/api/v1/me").with(httpBasic(u, "secret-pass")).with(r -> {
                    r.setRemoteAddr(from);
                    return r;
                }))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.title").value("尝试次数过多"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("秒后再试")));
        mvc.perform(get("/api/v1/me").with(httpBasic(u, "secret-pass")).header("Accept-Language", "en").with(r -> {
                    r.setRemoteAddr(from);
                    return r;
                }))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("retry after")));
    }

    /** The API's 401 and 403, answered by the security filters before any controller: Chinese, or English when asked. */
    @Test
    void theApisRefusalsSpeakChineseUnlessTheClientAsksForEnglish() throws Exception {
        for (String chinese : new String[] {null, "zh-CN,zh;q=0.9,en;q=0.8", "fr", "not a header;;"}) {
            var req = get("/api/v1/me");
            if (chinese != null) req.header("Accept-Language", chinese);
            mvc.perform(req).andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("未登录"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("API 令牌")));
        }
        for (String english : new String[] {"en", "en-US,en;q=0.9,zh-CN;q=0.8"}) {
            mvc.perform(get("/api/v1/me").header("Accept-Language", english)).andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.title").value("Unauthorized"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("API token")));
        }
        // a department data officer may not read the registry
        mvc.perform(get("/api/v1/households").with(httpBasic("dataofficer", DEMO_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").value("您的角色不能做这件事"));
        mvc.perform(get("/api/v1/households").with(httpBasic("dataofficer", DEMO_PASSWORD)).header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.detail").value("Your role may not do this"));
        // so do the controllers' problems: broken JSON
        mvc.perform(post("/api/v1/runs").with(httpBasic("county", DEMO_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("提交的数据有误,见 errors"));
        mvc.perform(post("/api/v1/runs").with(httpBasic("county", DEMO_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{").header("Accept-Language", "en-GB"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("The request has errors, see errors"));
        // the pages stay Chinese whatever the browser's language
        mvc.perform(get("/login").header("Accept-Language", "en-US"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("登录")));
    }

    @Test
    void anAccountAttackedFromManyAddressesIsSlowedButNeverKeepsItsOwnerOut() throws Exception {
        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        String office = "10.8.0." + SEQ.incrementAndGet();
        signInFrom(office, u, "secret-pass").andExpect(redirectedUrl("/"));
        for (int i = 1; i <= 6; i++) {
            signInFrom("10.7." + SEQ.incrementAndGet() + "." + i, u, "wrong").andExpect(redirectedUrl("/login?error"));
        }
        // from an address the owner never used, the account waits (the password is not checked) …
        signInFrom("10.6.0." + SEQ.incrementAndGet(), u, "secret-pass").andExpect(redirectedUrl("/login?throttled=2"));
        // … from their own office it is never held up: no lock anyone could set off for any account
        signInFrom(office, u, "secret-pass").andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("select count(*) from account where username = :u and locked_until is not null")
                .param("u", u).query(Long.class).single()).isZero();

        // every sign-in whose password was checked is in the audit log, with the account and the client address
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SIGN_IN_FAILED' and username = :u "
                        + "and ip like '10.7.%' and account_id is not null").param("u", u).query(Long.class).single())
                .isEqualTo(6);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SIGN_IN' and username = :u and ip = :ip "
                        + "and area_code = '220322103205'").param("u", u).param("ip", office).query(Long.class).single())
                .isEqualTo(2);
        // an unknown name is recorded as tried, without an account
        String from = "10.5.0." + SEQ.incrementAndGet();
        signInFrom(from, "nobody-" + u, "wrong").andExpect(redirectedUrl("/login?error"));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SIGN_IN_FAILED' and username = :n "
                        + "and ip = :ip and account_id is null").param("n", "nobody-" + u).param("ip", from)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anAdministratorsUnlockEndsTheAccountsWait() throws Exception {
        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        for (int i = 1; i <= 6; i++) signInFrom("10.4." + SEQ.incrementAndGet() + ".1", u, "wrong");
        String laptop = "10.3.0." + SEQ.incrementAndGet();
        signInFrom(laptop, u, "secret-pass").andExpect(redirectedUrl("/login?throttled=2"));
        long id = accounts.findByUsername(u).orElseThrow().id();
        MockHttpSession admin = signIn("admin", DEMO_PASSWORD);
        mvc.perform(post("/admin/accounts/" + id + "/unlock").session(admin).with(csrf()))
                .andExpect(redirectedUrl("/admin/accounts/" + id));
        signInFrom(laptop, u, "secret-pass").andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ACCOUNT_UNLOCK' and username = 'admin' and detail like :d")
                .param("d", "account " + u + "%").query(Long.class).single())
                .as("the unlock is in the audit log").isEqualTo(1);
    }

    @Test
    void resettingAPasswordOrChangingRoleOrAreaRevokesTheAccountsTokensAndEndsRememberedBasicSignIns() throws Exception {
        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        MockHttpSession s = signIn(u, "secret-pass");
        String first = (String) mvc.perform(post("/account/tokens").session(s).with(csrf()).param("name", "脚本一"))
                .andReturn().getFlashMap().get("newToken");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + first)).andExpect(status().isOk());
        // HTTP Basic: the second call is answered from the remembered check, not another bcrypt
        mvc.perform(get("/api/v1/me").with(httpBasic(u, "secret-pass"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(httpBasic(u, "secret-pass"))).andExpect(status().isOk());

        long id = accounts.findByUsername(u).orElseThrow().id();
        MockHttpSession admin = signIn("admin", DEMO_PASSWORD);
        mvc.perform(post("/admin/accounts/" + id + "/password").session(admin).with(csrf()).param("password", "river-willow-9"))
                .andExpect(redirectedUrl("/admin/accounts/" + id));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + first)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(httpBasic(u, "secret-pass")).with(r -> {
            r.setRemoteAddr("10.2.0." + SEQ.incrementAndGet());
            return r;
        })).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(httpBasic(u, "river-willow-9"))).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'API_TOKEN_REVOKE' and detail = :d")
                .param("d", "account " + u + " all:1:passwordReset").query(Long.class).single()).isEqualTo(1);

        // a role change likewise (the area: the same rule, one condition)
        s = signIn(u, "river-willow-9");
        String second = (String) mvc.perform(post("/account/tokens").session(s).with(csrf()).param("name", "脚本二"))
                .andReturn().getFlashMap().get("newToken");
        assertThat(second).startsWith("sw_").hasSize(46);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + second)).andExpect(status().isOk());
        Account a = accounts.findByUsername(u).orElseThrow();
        mvc.perform(post("/admin/accounts/" + id).session(admin).with(csrf()).param("displayName", a.displayName())
                        .param("role", "TOWNSHIP_STAFF").param("areaCode", "220322103000")
                        .param("version", String.valueOf(a.version())))
                .andExpect(redirectedUrl("/admin/accounts/" + id));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + second)).andExpect(status().isUnauthorized());
        // a change of the display name only keeps the tokens
        s = signIn(u, "river-willow-9");
        String third = (String) mvc.perform(post("/account/tokens").session(s).with(csrf()).param("name", "脚本三"))
                .andReturn().getFlashMap().get("newToken");
        a = accounts.findByUsername(u).orElseThrow();
        mvc.perform(post("/admin/accounts/" + id).session(admin).with(csrf()).param("displayName", "新名字")
                .param("role", a.role().name()).param("areaCode", a.areaCode()).param("version", String.valueOf(a.version())));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + third)).andExpect(status().isOk());
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", DEMO_PASSWORD))
                .andExpect(status().isForbidden());
        MockHttpSession s = signIn("county", DEMO_PASSWORD);
        mvc.perform(post("/area-selection").session(s).param("code", "220322103000"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/area-selection").session(s).param("code", "220322103000").with(csrf()))
                .andExpect(status().is3xxRedirection());
        // the layout hands the token to htmx
        mvc.perform(get("/").session(s)).andExpect(content().string(org.hamcrest.Matchers.allOf(
                org.hamcrest.Matchers.containsString("<meta name=\"_csrf\""),
                org.hamcrest.Matchers.containsString("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\""),
                org.hamcrest.Matchers.matchesPattern("(?s).*src=\"/webjars/htmx.org/[^\"]*htmx.min.js\".*"))));
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("default-src 'self'")))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-inline"))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().doesNotExist("Strict-Transport-Security"));
        mvc.perform(get("/login").secure(true))
                .andExpect(header().string("Strict-Transport-Security",
                        org.hamcrest.Matchers.containsString("max-age=31536000")));
        mvc.perform(get("/api/v1/me").with(httpBasic("county", DEMO_PASSWORD)))
                .andExpect(header().string("X-Frame-Options", "DENY"));
        // htmx itself is served from the jar, same origin
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
    }

    @Test
    void theDemoHasASecondCountyAnalystSoMakerCheckerCanBeWalked() throws Exception {
        for (String u : new String[] {"county", "county2"}) {
            mvc.perform(get("/api/v1/me").with(httpBasic(u, DEMO_PASSWORD))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.role").value("COUNTY_ANALYST"))
                    .andExpect(jsonPath("$.areaCode").value("220322000000"));
        }
    }

    @Test
    void aDataOfficerReachesOnlyTheUploadPages() throws Exception {
        MockHttpSession s = signIn("dataofficer", DEMO_PASSWORD);
        for (String path : new String[] {"/admin/accounts", "/households", "/audit", "/areas", "/reports"}) {
            mvc.perform(get(path).session(s)).andExpect(status().isForbidden());
        }
        // past the security filter (404 only because no upload page exists yet on this branch)
        int uploads = mvc.perform(get("/uploads").session(s)).andReturn().getResponse().getStatus();
        assertThat(uploads).isNotEqualTo(403);
        mvc.perform(get("/").session(s)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(httpBasic("dataofficer", DEMO_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("无权操作"));
    }

    @Test
    void onlyAdministratorsManageAccounts() throws Exception {
        for (String u : new String[] {"village", "township", "county", "city"}) {
            mvc.perform(get("/admin/accounts").session(signIn(u, DEMO_PASSWORD))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/accounts").with(httpBasic(u, DEMO_PASSWORD))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/accounts").session(signIn("admin", DEMO_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("团山子村监测员")));
    }

    @Test
    void theApiIsStatelessBasicAndAnswersJson() throws Exception {
        mvc.perform(get("/api/v1/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/me").with(httpBasic("county", "wrong"))).andExpect(status().isUnauthorized());
        MvcResult r = mvc.perform(get("/api/v1/me").with(httpBasic("village", DEMO_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("VILLAGE_MONITOR"))
                .andExpect(jsonPath("$.areaCode").value("220322103205"))
                .andReturn();
        assertThat(r.getRequest().getSession(false)).as("no session for API calls").isNull();
        // no CSRF token needed for scripts
        String body = """
                {"username":"api-made-%d","displayName":"接口创建","role":"VILLAGE_MONITOR",
                 "areaCode":"220322103205","password":"long-enough"}""".formatted(SEQ.incrementAndGet());
        mvc.perform(post("/api/v1/accounts").with(httpBasic("admin", DEMO_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.areaCode").value("220322103205"));
    }

    @Test
    void anAdministratorWorksOnlyInsideTheirOwnArea() throws Exception {
        String lishuAdmin = newAccount(Role.ADMIN, "220322000000");     // 梨树县
        String elsewhere = newAccount(Role.VILLAGE_MONITOR, "220323100203"); // 伊通县 建国村委会
        long otherId = accounts.findByUsername(elsewhere).orElseThrow().id();
        MockHttpSession s = signIn(lishuAdmin, "secret-pass");

        mvc.perform(get("/admin/accounts/" + otherId).session(s)).andExpect(status().isNotFound());
        mvc.perform(post("/admin/accounts/" + otherId + "/disable").session(s).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(accounts.findByUsername(elsewhere).orElseThrow().enabled()).isTrue();
        AccountAdmin.Page found = (AccountAdmin.Page) mvc.perform(get("/admin/accounts").session(s)
                .param("q", elsewhere)).andReturn().getModelAndView().getModel().get("result");
        assertThat(found.total()).isZero();

        // creating an account in another county is refused beside the area field, nothing stored
        String name = "made-" + SEQ.incrementAndGet();
        mvc.perform(post("/admin/accounts").session(s).with(csrf())
                        .param("username", name).param("displayName", "越权").param("role", "VILLAGE_MONITOR")
                        .param("areaCode", "220323100203").param("password", "long-enough"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("cmd", "areaCode", "account.areaCode.outOfScope"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("该区域不在您的管辖范围内")));
        assertThat(accounts.exists(name)).isFalse();

        // a bad user name: error beside the field, the form keeps what was typed
        mvc.perform(post("/admin/accounts").session(s).with(csrf())
                        .param("username", "A").param("displayName", "张三").param("role", "VILLAGE_MONITOR")
                        .param("areaCode", "220322103205").param("password", "long-enough"))
                .andExpect(model().attributeHasFieldErrorCode("cmd", "username", "Pattern"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"张三\"")));

        mvc.perform(post("/admin/accounts").session(s).with(csrf())
                        .param("username", name).param("displayName", "新监测员").param("role", "VILLAGE_MONITOR")
                        .param("areaCode", "220322103205").param("password", "long-enough"))
                .andExpect(redirectedUrl("/admin/accounts"));
        signIn(name, "long-enough");
    }

    @Test
    void aStaleEditIsRefusedAndOverwritesNothing() throws Exception {
        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        Account a = accounts.findByUsername(u).orElseThrow();
        MockHttpSession s = signIn("admin", DEMO_PASSWORD);
        mvc.perform(post("/admin/accounts/" + a.id()).session(s).with(csrf()).param("displayName", "第一次")
                        .param("role", "VILLAGE_MONITOR").param("areaCode", "220322103205")
                        .param("version", String.valueOf(a.version())))
                .andExpect(redirectedUrl("/admin/accounts/" + a.id()));
        mvc.perform(post("/admin/accounts/" + a.id()).session(s).with(csrf()).param("displayName", "第二次")
                        .param("role", "TOWNSHIP_STAFF").param("areaCode", "220322103000")
                        .param("version", String.valueOf(a.version())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("该账号已被他人修改")));
        Account after = accounts.findByUsername(u).orElseThrow();
        assertThat(after.displayName()).isEqualTo("第一次");
        assertThat(after.role()).isEqualTo(Role.VILLAGE_MONITOR);
    }

    @Test
    void theAreaSelectorNarrowsButNeverWidens() throws Exception {
        MockHttpSession s = signIn("township", DEMO_PASSWORD); // 孤家子镇
        mvc.perform(get("/").session(s)).andExpect(content().string(org.hamcrest.Matchers.containsString("孤家子镇")));
        // a village below: chosen and shown
        mvc.perform(post("/area-selection").session(s).with(csrf()).param("code", "220322103205").param("back", "/"))
                .andExpect(redirectedUrl("/"));
        assertThat(viewedArea(s)).isEqualTo("220322103205");
        // the county above, or another township: refused, the choice stays
        mvc.perform(post("/area-selection").session(s).with(csrf()).param("up", "220322000000"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/area-selection").session(s).with(csrf()).param("code", "220322101000"))
                .andExpect(status().isNotFound());
        assertThat(viewedArea(s)).isEqualTo("220322103205");
        // and back up to its own township; never an open redirect
        mvc.perform(post("/area-selection").session(s).with(csrf()).param("up", "220322103000")
                        .param("back", "//evil.example/"))
                .andExpect(redirectedUrl("/"));
    }

    private String viewedArea(MockHttpSession s) throws Exception {
        AreaSelector.View v = (AreaSelector.View) mvc.perform(get("/").session(s)).andReturn()
                .getModelAndView().getModel().get("area");
        return v.current().code();
    }

    @Test
    void everyoneChangesTheirOwnPasswordKnowingTheCurrentOne() throws Exception {
        String u = newAccount(Role.DATA_OFFICER, "220322000000");
        MockHttpSession s = signIn(u, "secret-pass");
        mvc.perform(post("/account/password").session(s).with(csrf()).param("currentPassword", "guess")
                        .param("password", "brand-new-pass").param("confirm", "brand-new-pass"))
                .andExpect(model().attributeHasFieldErrorCode("cmd", "currentPassword", "account.currentPassword.wrong"));
        mvc.perform(post("/account/password").session(s).with(csrf()).param("currentPassword", "secret-pass")
                        .param("password", "brand-new-pass").param("confirm", "brand-new-typo"))
                .andExpect(model().attributeHasFieldErrorCode("cmd", "confirm", "account.confirm.mismatch"));
        mvc.perform(formLogin().user(u).password("brand-new-pass")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/account/password").session(s).with(csrf()).param("currentPassword", "secret-pass")
                        .param("password", "brand-new-pass").param("confirm", "brand-new-pass"))
                .andExpect(redirectedUrl("/account/password"));
        signIn(u, "brand-new-pass");
    }

    @Test
    void aNewPasswordIsLongIsNotTheAccountNameAndIsNotACommonOne() throws Exception {
        assertThat(PasswordPolicy.problem("zhangsan", "short-pw")).isEqualTo("account.password.tooShort");
        assertThat(PasswordPolicy.problem("zhangsan", "ZhangSan-2024")).isEqualTo("account.password.name");
        assertThat(PasswordPolicy.problem("zhangsan", "nasgnahz-2024")).isEqualTo("account.password.name");
        assertThat(PasswordPolicy.problem("zhangsan", "Password123")).isEqualTo("account.password.common");
        assertThat(PasswordPolicy.problem("zhangsan", "aaaaaaaaaaaa")).isEqualTo("account.password.common");
        assertThat(PasswordPolicy.problem("zhangsan", "河边的柳树-2024")).isNull();

        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        MockHttpSession s = signIn(u, "secret-pass");
        for (String[] tried : new String[][] {{"short-pw", "account.password.tooShort"},
                {"my-" + u + "-pass", "account.password.name"}, {"1234567890", "account.password.common"}}) {
            mvc.perform(post("/account/password").session(s).with(csrf()).param("currentPassword", "secret-pass")
                            .param("password", tried[0]).param("confirm", tried[0]))
                    .andExpect(model().attributeHasFieldErrorCode("cmd", "password", tried[1]))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString(
                            tried[1].equals("account.password.common") ? "这个密码太常见" : "密码")));
        }
        // an administrator's reset and a new account follow the same rules
        long id = accounts.findByUsername(u).orElseThrow().id();
        MockHttpSession admin = signIn("admin", DEMO_PASSWORD);
        mvc.perform(post("/admin/accounts/" + id + "/password").session(admin).with(csrf()).param("password", "password123"))
                .andExpect(model().attributeHasFieldErrorCode("password", "password", "account.password.common"));
        mvc.perform(post("/admin/accounts").session(admin).with(csrf()).param("username", "weak-" + SEQ.incrementAndGet())
                        .param("displayName", "弱").param("role", "VILLAGE_MONITOR").param("areaCode", "220322103205")
                        .param("password", "qwertyuiop"))
                .andExpect(model().attributeHasFieldErrorCode("cmd", "password", "account.password.common"));
        signIn(u, "secret-pass"); // nothing was changed
    }

    @Test
    void changingOnesOwnPasswordKeepsThisSessionUnderANewIdAndEndsTheOthers() throws Exception {
        String u = newAccount(Role.TOWNSHIP_STAFF, "220322103000");
        MockHttpSession here = signIn(u, "secret-pass");
        MockHttpSession elsewhere = signIn(u, "secret-pass");
        String before = here.getId();
        mvc.perform(post("/account/password").session(here).with(csrf()).param("currentPassword", "secret-pass")
                        .param("password", "river-willow-7").param("confirm", "river-willow-7"))
                .andExpect(redirectedUrl("/account/password"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("done", "account.passwordChanged"));
        assertThat(here.getId()).as("a new session id").isNotEqualTo(before);
        // the confirmation page, still signed in
        mvc.perform(get("/account/password").session(here).flashAttr("done", "account.passwordChanged"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("您仍保持登录")));
        mvc.perform(get("/").session(here)).andExpect(status().isOk());
        mvc.perform(get("/").session(elsewhere)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void theSelfReportPageNeedsNoAccountButKeepsCsrf() throws Exception {
        int status = mvc.perform(get("/report/220322103205")).andReturn().getResponse().getStatus();
        assertThat(status).as("not sent to the sign-in page").isNotEqualTo(302);
        mvc.perform(post("/report/220322103205")).andExpect(status().isForbidden());
        mvc.perform(get("/households")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void aPersonalApiTokenStandsForItsAccountUntilRevoked() throws Exception {
        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        MockHttpSession s = signIn(u, "secret-pass");
        MvcResult made = mvc.perform(post("/account/tokens").session(s).with(csrf()).param("name", "导出脚本"))
                .andExpect(redirectedUrl("/account/tokens")).andReturn();
        String token = (String) made.getFlashMap().get("newToken");
        assertThat(token).startsWith("sw_").hasSize(46);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = :h").param("h", token)
                .query(Long.class).single()).as("the token itself is not stored").isZero();

        MvcResult me = mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.username").value(u)).andReturn();
        assertThat(me.getRequest().getSession(false)).isNull();
        mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden()); // same role as the account
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer sw_forged"))
                .andExpect(status().isUnauthorized());

        long id = jdbc.sql("select id from api_token where token_hash = :h").param("h", ApiTokens.hash(token))
                .query(Long.class).single();
        mvc.perform(post("/account/tokens/" + id + "/revoke").session(s).with(csrf()))
                .andExpect(redirectedUrl("/account/tokens"));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
        // someone else's token cannot be revoked by guessing its id
        MockHttpSession other = signIn("county", DEMO_PASSWORD);
        mvc.perform(post("/account/tokens/" + id + "/revoke").session(other).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void everyAccountChangeIsAnnouncedForTheAuditLogWithoutThePassword() throws Exception {
        MockHttpSession s = signIn("admin", DEMO_PASSWORD);
        String name = "audited-" + SEQ.incrementAndGet();
        mvc.perform(post("/admin/accounts").session(s).with(csrf()).param("username", name).param("displayName", "审计")
                .param("role", "VILLAGE_MONITOR").param("areaCode", "220322103205").param("password", "very-secret-1"))
                .andExpect(redirectedUrl("/admin/accounts"));
        long id = accounts.findByUsername(name).orElseThrow().id();
        mvc.perform(post("/admin/accounts/" + id + "/disable").session(s).with(csrf()));
        var seen = events.stream(AccountChangedEvent.class).filter(e -> e.username().equals(name)).toList();
        assertThat(seen).extracting(AccountChangedEvent::action).containsExactly("ACCOUNT_CREATE", "ACCOUNT_DISABLE");
        assertThat(seen.get(0).areaCode()).isEqualTo("220322103205");
        assertThat(seen.toString()).doesNotContain("very-secret-1");
    }

    @Test
    void disablingOrChangingAnAccountEndsItsOpenSessions() throws Exception {
        String u = newAccount(Role.VILLAGE_MONITOR, "220322103205");
        long id = accounts.findByUsername(u).orElseThrow().id();
        MockHttpSession user = signIn(u, "secret-pass");
        mvc.perform(get("/").session(user)).andExpect(status().isOk());
        MockHttpSession admin = signIn("admin", DEMO_PASSWORD);
        mvc.perform(post("/admin/accounts/" + id + "/disable").session(admin).with(csrf()));
        mvc.perform(get("/").session(user)).andExpect(redirectedUrl("/login?expired"));
        mvc.perform(formLogin().user(u).password("secret-pass")).andExpect(redirectedUrl("/login?error"));

        // a role change takes effect at once too: the old session ends instead of keeping the old role
        String v = newAccount(Role.COUNTY_ANALYST, "220322000000");
        Account a = accounts.findByUsername(v).orElseThrow();
        MockHttpSession analyst = signIn(v, "secret-pass");
        mvc.perform(post("/admin/accounts/" + a.id()).session(admin).with(csrf()).param("displayName", a.displayName())
                .param("role", "VILLAGE_MONITOR").param("areaCode", "220322103205")
                .param("version", String.valueOf(a.version())));
        mvc.perform(get("/audit").session(analyst)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void englishOnRequest() throws Exception {
        mvc.perform(get("/login").param("lang", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sign in")));
        mvc.perform(get("/login")).andExpect(content().string(org.hamcrest.Matchers.containsString("登录")));
    }
}
