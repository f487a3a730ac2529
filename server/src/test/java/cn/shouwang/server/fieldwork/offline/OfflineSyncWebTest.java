package cn.shouwang.server.fieldwork.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.HouseholdMoved;
import cn.shouwang.server.household.RegistryFixtures;
import com.jayway.jsonpath.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The phone's queue at the server ({@code POST /visits/sync}) and the field lead's client key: an item sent twice is
 * stored once (no second visit, lead, report or audit line); a sibling village's household is refused and nothing is
 * written; a household whose members changed, one that moved away, and one whose lead someone else opened are answered
 * as conflicts with both sides, stored only when the monitor says so (and then once); a registry change that does not
 * matter (only the version moved) is no conflict. The village's households for the phone carry no id numbers or phones.
 */
class OfflineSyncWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired AccessFixtures accounts;
    @Autowired CaseworkFixtures casework;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;

    String village;
    String sibling;
    long monitorId;

    @BeforeEach
    void villages() {
        // two villages of one township of 双辽, apart from other tests' villages
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220382%' order by code offset 50 limit 2""").query(String.class).list();
        village = vs.get(0);
        sibling = vs.get(1);
        monitorId = account("off-" + village, Role.VILLAGE_MONITOR, village);
    }

    long account(String username, Role role, String area) {
        accounts.account(username, "离线员", role, area, "x");
        return jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    static RequestPostProcessor as(long id, Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(id, role.name().toLowerCase(Locale.ROOT), "离线员", role,
                new AreaScope(area)), "{noop}x", false, true));
    }

    /** The area above the village whose code has this many digits (padded to 12). */
    String up(int digits) {
        return (village.substring(0, digits) + "000000000000").substring(0, 12);
    }

    RequestPostProcessor monitor() {
        return as(monitorId, Role.VILLAGE_MONITOR, village);
    }

    int version(long h) {
        return jdbc.sql("select version from household.household where id = :h").param("h", h).query(Integer.class).single();
    }

    static String visitItem(String key, long household, String cached, boolean force, String note) {
        return """
                {"kind":"VISIT","key":"%s","householdId":%d,"cached":%s,"force":%s,
                 "visit":{"visitedOn":"%s","companions":null,"foundAtHome":true,"educationSecured":true,"medicalSecured":true,
                          "housingSecured":false,"waterSecured":true,"incomeTrend":"DOWN","incomeChange":1200.5,"risks":[],
                          "note":"%s"}}""".formatted(key, household, cached, force, LocalDate.now().toString(), note);
    }

    static String leadItem(String key, long household, String cached, boolean force) {
        return """
                {"kind":"LEAD","key":"%s","householdId":%d,"cached":%s,"force":%s,
                 "lead":{"description":"户主突发重病住院，离线记录","riskCodes":["ILLNESS"]}}""".formatted(key, household, cached, force);
    }

    String cached(long h, int members, Long openLead) {
        return "{\"village\":\"" + village + "\",\"version\":" + version(h) + ",\"members\":" + members + ",\"openLead\":"
                + openLead + "}";
    }

    /** Posts the items; the answer's results. */
    List<Map<String, Object>> sync(RequestPostProcessor who, String... items) throws Exception {
        String body = mvc.perform(post("/visits/sync").with(who).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"items\":[" + String.join(",", items) + "]}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.results");
    }

    long count(String sql, long household) {
        return jdbc.sql(sql).param("h", household).query(Long.class).single();
    }

    long visits(long h) {
        return count("select count(*) from fieldwork.field_visit where household_id = :h", h);
    }

    long leads(long h) {
        return count("select count(*) from casework.lead where household_id = :h", h);
    }

    long audits(String action, long h) {
        return jdbc.sql("select count(*) from audit_event where action = :a and household_id = :h").param("a", action)
                .param("h", h).query(Long.class).single();
    }

    @Test
    void aVisitAndALeadSentTwiceAreStoredOnce() throws Exception {
        long h = registry.household(village).head("钱离线").member("钱妻", "SPOUSE", "ORDINARY", null).insert();
        String visitKey = UUID.randomUUID().toString();
        String leadKey = UUID.randomUUID().toString();
        String c = cached(h, 2, null);
        List<Map<String, Object>> first = sync(monitor(), visitItem(visitKey, h, c, false, "离线走访"), leadItem(leadKey, h, c, false));
        assertThat(first).extracting(r -> r.get("status")).containsExactly("STORED", "STORED");
        assertThat((String) first.get(0).get("message")).contains("已上传钱离线的走访记录");
        assertThat((String) first.get(1).get("message")).contains("已上传钱离线的线索", "已新建线索");
        // the answer was lost on the way: the phone sends both again, and again after a reload
        for (int i = 0; i < 2; i++) {
            assertThat(sync(monitor(), visitItem(visitKey, h, c, false, "离线走访"), leadItem(leadKey, h, c, false)))
                    .extracting(r -> r.get("status")).containsExactly("REPLAYED", "REPLAYED");
        }
        assertThat(visits(h)).isEqualTo(1);
        assertThat(leads(h)).isEqualTo(1);
        assertThat(audits("FIELD_VISIT_RECORD", h)).isEqualTo(1);
        assertThat(audits("LEAD_OPEN", h)).isEqualTo(1);
        assertThat(jdbc.sql("select client_key from casework.lead where household_id = :h").param("h", h)
                .query(UUID.class).single()).isEqualTo(UUID.fromString(leadKey));
        var v = jdbc.sql("select housing_secured, income_trend, income_change, note from fieldwork.field_visit where household_id = :h")
                .param("h", h).query().singleRow();
        assertThat(v.get("housing_secured")).isEqualTo(false);
        assertThat(v.get("income_trend")).isEqualTo("DOWN");
        assertThat(v.get("income_change").toString()).isEqualTo("1200.50");
        assertThat(v.get("note")).isEqualTo("离线走访");
        // a key used for one household cannot store for another
        long other = registry.household(village).head("孙离线").insert();
        assertThat(sync(monitor(), visitItem(visitKey, other, cached(other, 1, null), false, "x")))
                .extracting(r -> r.get("status")).containsExactly("REFUSED");
        assertThat(visits(other)).isZero();
    }

    @Test
    void theLeadFormItselfTakesItsClientKeyOnce() throws Exception {
        long h = registry.household(village).head("李表单").insert();
        String no = registry.householdNo(h);
        String key = UUID.randomUUID().toString();
        String[] urls = new String[2];
        for (int i = 0; i < 2; i++) {
            urls[i] = mvc.perform(post("/leads").with(monitor()).with(csrf()).param("householdNo", no)
                            .param("channel", "FIELD_SCREENING").param("description", "离线表单重发").param("riskCodes", "ILLNESS")
                            .param("clientKey", key))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        }
        assertThat(urls[1]).isEqualTo(urls[0]).startsWith("/leads/");
        assertThat(leads(h)).isEqualTo(1);
        assertThat(audits("LEAD_OPEN", h)).isEqualTo(1);
        // the form opened from the household's page has its number filled in and says what the phone needs offline
        String form = mvc.perform(get("/leads/new").param("household", String.valueOf(h)).with(monitor()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"" + no + "\"", "data-household=\"" + h + "\"", "data-open-lead=\"" + urls[0].substring(7) + "\"",
                "name=\"clientKey\"");
        // a household outside the area is not filled in
        long far = registry.household(sibling).head("周外村").insert();
        assertThat(mvc.perform(get("/leads/new").param("household", String.valueOf(far)).with(monitor()))
                .andReturn().getResponse().getContentAsString()).doesNotContain("周外村", "data-household=\"" + far + "\"");
    }

    @Test
    void theSameKeySentSeveralTimesAtOnceOpensOneLeadAndAnswersEveryTry() throws Exception {
        // a phone that regains its signal may send its queue twice at once (two tabs, a retry racing the first try)
        long h = registry.household(village).head("李并发").insert();
        String no = registry.householdNo(h);
        String key = UUID.randomUUID().toString();
        int tries = 6;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(tries);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < tries; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    var r = mvc.perform(post("/leads").with(monitor()).with(csrf()).param("householdNo", no)
                            .param("channel", "FIELD_SCREENING").param("description", "同时重发")
                            .param("riskCodes", "ILLNESS").param("clientKey", key)).andReturn().getResponse();
                    return r.getStatus() + " " + r.getRedirectedUrl();
                }));
            }
            start.countDown();
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (var a : answers) {
                distinct.add(a.get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            // every try is told the same lead; none is an error
            assertThat(distinct).hasSize(1);
            assertThat(distinct.iterator().next()).startsWith("302 /leads/");
        } finally {
            pool.shutdownNow();
        }
        assertThat(leads(h)).isEqualTo(1);
        assertThat(audits("LEAD_OPEN", h)).isEqualTo(1);
    }

    @Test
    void reportsOnOneHouseholdSentAtOnceOpenOneLeadAndJoinTheOthersToIt() throws Exception {
        // two monitors (or one phone's two reports) on the same household at the same moment, each with its own key
        long h = registry.household(village).head("李同户").insert();
        String no = registry.householdNo(h);
        int tries = 4;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(tries);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < tries; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(post("/leads").with(monitor()).with(csrf()).param("householdNo", no)
                            .param("channel", "FIELD_SCREENING").param("description", "同户同时上报")
                            .param("riskCodes", "ILLNESS").param("clientKey", UUID.randomUUID().toString()))
                            .andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            for (var a : answers) {
                assertThat(a.get(2, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(302);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(leads(h)).isEqualTo(1);
        assertThat(audits("LEAD_OPEN", h)).isEqualTo(1);
        assertThat(audits("LEAD_JOIN", h)).isEqualTo(tries - 1);
    }

    @Test
    void aSiblingVillagesHouseholdIsRefusedAndNothingWritten() throws Exception {
        long far = registry.household(sibling).head("吴邻村").insert();
        String c = "{\"village\":\"" + village + "\",\"version\":0,\"members\":1,\"openLead\":null}";
        List<Map<String, Object>> r = sync(monitor(), visitItem(UUID.randomUUID().toString(), far, c, false, "x"),
                leadItem(UUID.randomUUID().toString(), far, c, true));
        assertThat(r).extracting(x -> x.get("status")).containsExactly("REFUSED", "REFUSED");
        assertThat(r).extracting(x -> x.get("message")).containsOnly("该户不在您的辖区，无法上传。");
        assertThat(r.toString()).doesNotContain("吴邻村", sibling);
        assertThat(visits(far)).isZero();
        assertThat(leads(far)).isZero();
        // roles: a data officer and a city analyst do not sync; the phone's data is a recorder's
        long officer = account("off-do-" + village, Role.DATA_OFFICER, up(6));
        mvc.perform(post("/visits/sync").with(as(officer, Role.DATA_OFFICER, up(6))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}")).andExpect(status().isForbidden());
        long city = account("off-city-" + village, Role.CITY_ANALYST, up(4));
        mvc.perform(post("/visits/sync").with(as(city, Role.CITY_ANALYST, up(4))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}")).andExpect(status().isForbidden());
        mvc.perform(get("/visits/offline/households").with(as(city, Role.CITY_ANALYST, up(4))))
                .andExpect(status().isForbidden());
        // without the CSRF token nothing is taken
        mvc.perform(post("/visits/sync").with(monitor()).contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void membersChangedIsAConflictUntilTheMonitorStoresItAnyway() throws Exception {
        long h = registry.household(village).head("郑变动").member("郑父", "PARENT", "NONE", null).insert();
        String c = cached(h, 2, null);
        // a change that does not matter to a visit (the version moved, the same members): stored
        jdbc.sql("update household.household set version = version + 1 where id = :h").param("h", h).update();
        String quiet = UUID.randomUUID().toString();
        assertThat(sync(monitor(), visitItem(quiet, h, c, false, "版本变了成员没变"))).extracting(x -> x.get("status"))
                .containsExactly("STORED");
        // the father died meanwhile (the registry's version moves with it)
        jdbc.sql("update household.member set status = 'DECEASED' where household_id = :h and relation = 'PARENT'")
                .param("h", h).update();
        jdbc.sql("update household.household set version = version + 1 where id = :h").param("h", h).update();
        String key = UUID.randomUUID().toString();
        Map<String, Object> r = sync(monitor(), visitItem(key, h, c, false, "成员变了")).get(0);
        assertThat(r.get("status")).isEqualTo("CONFLICT");
        Map<String, Object> conflict = (Map<String, Object>) r.get("conflict");
        assertThat(conflict.get("kind")).isEqualTo("MEMBERS");
        assertThat(conflict.get("what")).isEqualTo("记录之后，该户的家庭成员有变化。");
        assertThat(conflict.get("then")).isEqualTo("2人");
        assertThat(conflict.get("now")).isEqualTo("1人：郑变动");
        assertThat(conflict.get("mayStore")).isEqualTo(true);
        assertThat(visits(h)).isEqualTo(1);
        assertThat(audits("FIELD_OFFLINE_CONFLICT", h)).isEqualTo(1);
        // 仍然保存: stored once, however often it is sent
        for (int i = 0; i < 2; i++) {
            assertThat(sync(monitor(), visitItem(key, h, c, true, "成员变了")).get(0).get("status"))
                    .isIn("STORED", "REPLAYED");
        }
        assertThat(visits(h)).isEqualTo(2);
        assertThat(audits("FIELD_VISIT_RECORD", h)).isEqualTo(2);
    }

    @Test
    void aHouseholdThatMovedAwayIsAConflictThatCanOnlyBeDiscarded() throws Exception {
        long h = registry.household(village).head("冯迁出").insert();
        String c = cached(h, 1, null);
        jdbc.sql("update household.household set village_code = :v, version = version + 1 where id = :h")
                .param("v", sibling).param("h", h).update();
        LocalDate on = LocalDate.now(clock);
        tx.executeWithoutResult(s -> events.publishEvent(new HouseholdMoved(h, "x", village, sibling, on, "测试")));
        for (int i = 0; i < 100 && count("select count(*) from fieldwork.field_household_move where household_id = :h", h) == 0; i++) {
            Thread.sleep(50); // the listener runs after the commit, asynchronously
        }
        Map<String, Object> r = sync(monitor(), visitItem(UUID.randomUUID().toString(), h, c, false, "迁走了")).get(0);
        assertThat(r.get("status")).isEqualTo("CONFLICT");
        Map<String, Object> conflict = (Map<String, Object>) r.get("conflict");
        assertThat(conflict.get("kind")).isEqualTo("MOVED");
        assertThat(conflict.get("mayStore")).isEqualTo(false);
        assertThat((String) conflict.get("now")).contains("迁至", on.toString());
        // even when the phone insists, nothing is written outside the area
        assertThat(sync(monitor(), visitItem(UUID.randomUUID().toString(), h, c, true, "迁走了")).get(0).get("status"))
                .isEqualTo("CONFLICT");
        assertThat(visits(h)).isZero();
    }

    @Test
    void aLeadSomeoneElseOpenedMeanwhileIsAConflictAndStoredAnywayItJoinsIt() throws Exception {
        long h = registry.household(village).head("陈并入").insert();
        String c = cached(h, 1, null);
        // the township opens a lead for the household while the monitor is without signal
        long township = account("off-tw-" + village, Role.TOWNSHIP_STAFF, up(9));
        long lead = casework.lead(registry.householdNo(h), village).by(as(township, Role.TOWNSHIP_STAFF, up(9)))
                .description("乡镇排查发现").open();
        String key = UUID.randomUUID().toString();
        Map<String, Object> r = sync(monitor(), leadItem(key, h, c, false)).get(0);
        assertThat(r.get("status")).isEqualTo("CONFLICT");
        Map<String, Object> conflict = (Map<String, Object>) r.get("conflict");
        assertThat(conflict.get("kind")).isEqualTo("LEAD_OPENED");
        assertThat(conflict.get("then")).isEqualTo("该户没有在办线索");
        assertThat((String) conflict.get("now")).contains("线索 " + lead, "离线员");
        assertThat(count("select count(*) from casework.lead_report where household_id = :h", h)).isZero();
        // the monitor stores it anyway: it joins the township's lead, once
        for (int i = 0; i < 2; i++) {
            Map<String, Object> s = sync(monitor(), leadItem(key, h, c, true)).get(0);
            assertThat(s.get("status")).isEqualTo(i == 0 ? "STORED" : "REPLAYED");
            assertThat(s.get("link")).isEqualTo("/leads/" + lead);
        }
        assertThat(leads(h)).isEqualTo(1);
        assertThat(count("select count(*) from casework.lead_report where household_id = :h", h)).isEqualTo(1);
        assertThat(audits("LEAD_JOIN", h)).isEqualTo(1);
        // a lead the phone already knew of is no conflict: the report joins it
        Map<String, Object> known = sync(monitor(), leadItem(UUID.randomUUID().toString(), h, cached(h, 1, lead), false)).get(0);
        assertThat(known.get("status")).isEqualTo("STORED");
    }

    @Test
    void thePhoneKeepsTheVillagesHouseholdsWithoutIdNumbersOrPhones() throws Exception {
        long h = registry.household(village).head("王缓存").group("三组").phone("13912345678").insert();
        String body = mvc.perform(get("/visits/offline/households").with(monitor()).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> hs = JsonPath.read(body, "$.households");
        Map<String, Object> mine = hs.stream().filter(x -> ((Number) x.get("id")).longValue() == h).findFirst().orElseThrow();
        assertThat(mine).containsEntry("head", "王缓存").containsEntry("group", "三组").containsEntry("members", 1)
                .containsEntry("standing", "从未走访").containsEntry("version", version(h));
        assertThat(mine.keySet()).doesNotContain("idNumber", "phone", "householdNo");
        assertThat(body).doesNotContain("13912345678", registry.householdNo(h));
        assertThat((Object) JsonPath.read(body, "$.village")).isEqualTo(village);
        assertThat(((Number) JsonPath.read(body, "$.account")).longValue()).isEqualTo(monitorId);
        // a township's account keeps no households on a phone
        long township = account("off-tw2-" + village, Role.TOWNSHIP_STAFF, up(9));
        String tw = mvc.perform(get("/visits/offline/households").with(as(township, Role.TOWNSHIP_STAFF, up(9))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((List<?>) JsonPath.read(tw, "$.households")).isEmpty();
        // the offline page has the village's risk list; the queue page answers
        assertThat(mvc.perform(get("/visits/offline").with(monitor())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("id=\"offline-page\"", "value=\"ILLNESS\"");
        mvc.perform(get("/visits/sync").with(monitor())).andExpect(status().isOk());
    }

    @Test
    void theServiceWorkerAndTheManifestAreServedToEveryoneWithTheCsp() throws Exception {
        var sw = mvc.perform(get("/sw.js")).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(sw.getContentType()).contains("javascript");
        assertThat(sw.getContentAsString()).contains("shouwang-shell-");
        var manifest = mvc.perform(get("/manifest.webmanifest")).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(manifest.getContentAsString()).contains("\"start_url\": \"/visits\"", "\"display\": \"standalone\"");
        assertThat(manifest.getHeader("Content-Security-Policy")).contains("worker-src 'self'", "manifest-src 'self'");
        mvc.perform(get("/img/icon-192.png")).andExpect(status().isOk());
    }
}
