package cn.shouwang.server.fieldwork.grids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
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
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Grids and ten-household groups at their boundaries: create, place by check boxes and by 村民小组, move between
 * groups, coverage figures against a direct count (page and Excel), version conflicts, a non-empty grid kept, scope
 * from a sibling village (404, nothing written), a household that moves away leaving its place, and the grid worker:
 * its own households on the worklist, a visit that records its grid, no verification, no administration, a short menu.
 */
class GridsWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired AccessFixtures accounts;
    @Autowired CaseworkFixtures casework;
    @Autowired PlaceMoves moves;

    String village;
    String sibling;
    long monitorId;
    long siblingMonitorId;

    @BeforeEach
    void villages() {
        // two villages of one township of 双辽, apart from FieldworkWebTest's (offset 40) and VisitMovesTest's (44)
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220382%' order by code offset 50 limit 2""").query(String.class).list();
        village = vs.get(0);
        sibling = vs.get(1);
        assertThat(sibling.substring(0, 9)).isEqualTo(village.substring(0, 9));
        jdbc.sql("update field_visit set grid_id = null where village_code in (:v)").param("v", vs).update();
        jdbc.sql("delete from field_household_place where village_code in (:v)").param("v", vs).update();
        jdbc.sql("delete from field_group where village_code in (:v)").param("v", vs).update();
        jdbc.sql("delete from field_grid where village_code in (:v)").param("v", vs).update();
        monitorId = account("gr-" + village, Role.VILLAGE_MONITOR, village);
        siblingMonitorId = account("gr-" + sibling, Role.VILLAGE_MONITOR, sibling);
    }

    long account(String username, Role role, String area) {
        Long id = jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class)
                .optional().orElse(null);
        if (id != null) return id;
        accounts.account(username, "网格测试" + area.substring(9) + role.ordinal(), role, area, "x");
        return jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    static RequestPostProcessor as(long id, Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(id, role.name().toLowerCase(Locale.ROOT) + id, "网格测试", role,
                new AreaScope(area)), "{noop}x", false, true));
    }

    RequestPostProcessor monitor() {
        return as(monitorId, Role.VILLAGE_MONITOR, village);
    }

    MockHttpServletRequestBuilder form(String url, RequestPostProcessor by, String... kv) {
        MockHttpServletRequestBuilder b = post(url).with(by).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE);
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        return b;
    }

    long gridNamed(String name) {
        return jdbc.sql("select id from field_grid where village_code = :v and name = :n").param("v", village)
                .param("n", name).query(Long.class).single();
    }

    long groupNamed(String name) {
        return jdbc.sql("select id from field_group where village_code = :v and name = :n").param("v", village)
                .param("n", name).query(Long.class).single();
    }

    long count(String sql) {
        return jdbc.sql(sql).param("v", village).query(Long.class).single();
    }

    String page(String url, RequestPostProcessor by) throws Exception {
        return mvc.perform(get(url).with(by).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    /** Two grids, a group in each; five households (一组 ×3, 二组 ×2); returns their ids. */
    long[] arranged() throws Exception {
        mvc.perform(form("/visits/grids", monitor(), "village", village, "name", "东网格", "personName", "王网格", "version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(form("/visits/grids", monitor(), "village", village, "name", "西网格", "version", "0"))
                .andExpect(status().is3xxRedirection());
        long east = gridNamed("东网格");
        long west = gridNamed("西网格");
        long[] h = new long[5];
        for (int i = 0; i < 5; i++) {
            h[i] = registry.household(village).head("网格户" + i).group(i < 3 ? "一组" : "二组").insert();
        }
        mvc.perform(form("/visits/grids/" + east + "/groups", monitor(), "name", "东一组", "householdId", String.valueOf(h[0]),
                "version", "0")).andExpect(status().is3xxRedirection());
        mvc.perform(form("/visits/grids/" + west + "/groups", monitor(), "name", "西一组", "version", "0"))
                .andExpect(status().is3xxRedirection());
        return h;
    }

    @Test
    void householdsArePlacedByListAndInBulkMovedAndCoverageMatchesADirectCount() throws Exception {
        long[] h = arranged();
        long east = gridNamed("东网格");
        long eastGroup = groupNamed("东一组");
        long westGroup = groupNamed("西一组");
        assertThat(jdbc.sql("select head_name from field_group where id = :id").param("id", eastGroup)
                .query(String.class).single()).isEqualTo("网格户0");
        // two checked households into 东一组 (the grid follows the group)
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "group:" + eastGroup,
                "household", String.valueOf(h[0]), "household", String.valueOf(h[1]))).andExpect(status().is3xxRedirection());
        // every unplaced household of 一组 into 东网格: only h[2] is left of 一组
        mvc.perform(form("/visits/grids/place-village-group", monitor(), "village", village, "villageGroup", "一组",
                "grid", String.valueOf(east))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select grid_id, group_id from field_household_place where household_id = :h")
                .param("h", h[2]).query((rs, i) -> rs.getLong(1) + "/" + rs.getObject(2)).single()).isEqualTo(east + "/null");
        assertThat(jdbc.sql("select group_id from field_household_place where household_id = :h").param("h", h[0])
                .query(Long.class).single()).isEqualTo(eastGroup);
        // h[1] moves to 西一组 (another grid)
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "group:" + westGroup,
                "household", String.valueOf(h[1]))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select grid_id from field_household_place where household_id = :h").param("h", h[1])
                .query(Long.class).single()).isEqualTo(gridNamed("西网格"));
        // the coverage tiles against a direct count
        long households = jdbc.sql("select count(*) from household.household where village_code = :v")
                .param("v", village).query(Long.class).single();
        long placed = count("select count(*) from field_household_place where village_code = :v");
        long inGroup = count("select count(*) from field_household_place where village_code = :v and group_id is not null");
        long noHead = count("select count(*) from field_group where village_code = :v and coalesce(head_name, '') = ''");
        long noWorker = count("select count(*) from field_grid where village_code = :v and coalesce(worker_name, '') = ''");
        assertThat(placed).isEqualTo(3);
        assertThat(noHead).isEqualTo(1);
        assertThat(noWorker).isEqualTo(1);
        String p = page("/visits/grids?village=" + village, monitor());
        assertThat(p).contains("农户 " + households + " 户", "未入网格 " + (households - placed) + " 户",
                "未入十户一组 " + (households - inGroup) + " 户", "无网格员 1 个网格（共 2 个）", "无十户长 1 个组（共 2 个）",
                "王网格", "网格户0");
        // the households list: unplaced only
        String list = page("/visits/grids/households?village=" + village + "&show=NOGRID", monitor());
        assertThat(list).contains("网格户3", "网格户4").doesNotContain("网格户0", "网格户2");
        // the household's page shows its place
        assertThat(page("/visits/households/" + h[0], monitor())).contains("东网格", "东一组", "网格户0");
        // out of every grid again
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "none",
                "household", String.valueOf(h[2]))).andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from field_household_place where village_code = :v")).isEqualTo(2);
        long audited = jdbc.sql("select count(*) from audit.audit_event where action = 'FIELD_HOUSEHOLD_PLACE' and household_id = :h")
                .param("h", h[1]).query(Long.class).single();
        assertThat(audited).isEqualTo(2);
    }

    @Test
    void theCountyTableAndItsExcelCountPerVillage() throws Exception {
        long[] h = arranged();
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "grid:" + gridNamed("东网格"),
                "household", String.valueOf(h[0]), "household", String.valueOf(h[3]))).andExpect(status().is3xxRedirection());
        String township = village.substring(0, 9) + "000";
        long staff = account("gr-t-" + township, Role.TOWNSHIP_STAFF, township);
        String table = page("/visits/grids", as(staff, Role.TOWNSHIP_STAFF, township));
        assertThat(table).contains("data-village=\"" + village + "\"");
        byte[] xlsx = mvc.perform(get("/visits/grids/export").with(as(staff, Role.TOWNSHIP_STAFF, township)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        long households = jdbc.sql("select count(*) from household.household where village_code = :v")
                .param("v", village).query(Long.class).single();
        String name = jdbc.sql("select name from area where code = :v and edition_id = (select id from area_edition where is_current)")
                .param("v", village).query(String.class).single();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).contains("网格与十户一组覆盖情况");
            Row found = null;
            for (Row r : s) if (r.getCell(0) != null && name.equals(r.getCell(0).getStringCellValue())) found = r;
            assertThat(found).as("the village's row").isNotNull();
            assertThat(found.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) found.getCell(1).getNumericCellValue()).isEqualTo(households);
            assertThat((long) found.getCell(2).getNumericCellValue()).isEqualTo(2);
            assertThat((long) found.getCell(3).getNumericCellValue()).isEqualTo(households - 2);
            assertThat((long) found.getCell(4).getNumericCellValue()).isEqualTo(households);
            assertThat((long) found.getCell(5).getNumericCellValue()).isEqualTo(2);
            assertThat((long) found.getCell(8).getNumericCellValue()).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action = 'EXPORT' and detail like 'grid coverage%'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void aStaleVersionIsRefusedAndANonEmptyGridKept() throws Exception {
        long[] h = arranged();
        long east = gridNamed("东网格");
        mvc.perform(form("/visits/grids/" + east + "/edit", monitor(), "name", "东网格(改)", "version", "0"))
                .andExpect(status().is3xxRedirection());
        String stale = mvc.perform(form("/visits/grids/" + east + "/edit", monitor(), "name", "东网格(再改)", "version", "0"))
                .andExpect(status().is(409)).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("别人已修改");
        assertThat(jdbc.sql("select name from field_grid where id = :id").param("id", east).query(String.class).single())
                .isEqualTo("东网格(改)");
        long group = groupNamed("东一组");
        mvc.perform(form("/visits/groups/" + group + "/edit", monitor(), "name", "东一组", "personName", "赵组长", "version", "5"))
                .andExpect(status().is(409));
        // a grid with a group is not deleted; an empty group is, then the grid
        mvc.perform(form("/visits/grids/" + east + "/delete", monitor(), "version", "1")).andExpect(status().is(422));
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "group:" + group,
                "household", String.valueOf(h[0]))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/visits/groups/" + group + "/delete", monitor(), "version", "0")).andExpect(status().is(422));
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "none",
                "household", String.valueOf(h[0]))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/visits/groups/" + group + "/delete", monitor(), "version", "0")).andExpect(status().is3xxRedirection());
        mvc.perform(form("/visits/grids/" + east + "/delete", monitor(), "version", "1")).andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from field_grid where village_code = :v")).isEqualTo(1);
        // a duplicate name is refused with the form back
        String dup = mvc.perform(form("/visits/grids", monitor(), "village", village, "name", "西网格", "version", "0"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(dup).contains("已经有了");
        // reorder: a new grid moved up comes first
        mvc.perform(form("/visits/grids", monitor(), "village", village, "name", "南网格", "version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(form("/visits/grids/" + gridNamed("南网格") + "/move", monitor(), "by", "-1", "version", "0"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select name from field_grid where village_code = :v order by sort, id").param("v", village)
                .query(String.class).list()).containsExactly("南网格", "西网格");
        assertThat(count("select count(*) from audit.audit_event where action in ('FIELD_GRID_CREATE', 'FIELD_GRID_UPDATE', "
                + "'FIELD_GRID_DELETE', 'FIELD_GROUP_DELETE') and area_code = :v")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aSiblingVillageSeesNothingAndWritesNothing() throws Exception {
        long[] h = arranged();
        long east = gridNamed("东网格");
        long group = groupNamed("东一组");
        RequestPostProcessor other = as(siblingMonitorId, Role.VILLAGE_MONITOR, sibling);
        mvc.perform(get("/visits/grids").param("village", village).with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/visits/grids/households").param("village", village).with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/visits/grids/" + east + "/edit").with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/visits/groups/" + group + "/edit").with(other)).andExpect(status().isNotFound());
        mvc.perform(form("/visits/grids/" + east + "/edit", other, "name", "偷改", "version", "0")).andExpect(status().isNotFound());
        mvc.perform(form("/visits/grids/" + east + "/delete", other, "version", "0")).andExpect(status().isNotFound());
        mvc.perform(form("/visits/grids", other, "village", village, "name", "偷建", "version", "0")).andExpect(status().isNotFound());
        mvc.perform(form("/visits/grids/place", other, "village", village, "target", "grid:" + east,
                "household", String.valueOf(h[0]))).andExpect(status().isNotFound());
        // the sibling places one of ours in its own grid: refused, nothing written
        mvc.perform(form("/visits/grids", other, "village", sibling, "name", "邻村网格", "version", "0"))
                .andExpect(status().is3xxRedirection());
        long theirs = jdbc.sql("select id from field_grid where village_code = :v").param("v", sibling).query(Long.class).single();
        mvc.perform(form("/visits/grids/place", other, "village", sibling, "target", "grid:" + theirs,
                "household", String.valueOf(h[0]))).andExpect(status().is(422));
        // our grid as the target of the sibling's village
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "grid:" + theirs,
                "household", String.valueOf(h[0]))).andExpect(status().isNotFound());
        assertThat(count("select count(*) from field_household_place where village_code = :v")).isZero();
        assertThat(jdbc.sql("select count(*) from field_household_place where household_id = :h").param("h", h[0])
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select name from field_grid where id = :id").param("id", east).query(String.class).single())
                .isEqualTo("东网格");
        // a data officer has nothing here; a city analyst reads and arranges nothing
        mvc.perform(get("/visits/grids").param("village", village).with(as(monitorId, Role.DATA_OFFICER, village)))
                .andExpect(status().isForbidden());
        mvc.perform(form("/visits/grids", as(monitorId, Role.CITY_ANALYST, "220300000000"), "village", village, "name", "市建",
                "version", "0")).andExpect(status().isForbidden());
    }

    @Test
    void aHouseholdThatLeavesTheVillageLeavesItsPlace() throws Exception {
        long[] h = arranged();
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "group:" + groupNamed("东一组"),
                "household", String.valueOf(h[1]), "household", String.valueOf(h[2]))).andExpect(status().is3xxRedirection());
        jdbc.sql("update household.household set village_code = :v where id = :h").param("v", sibling).param("h", h[1]).update();
        HouseholdMoved e = new HouseholdMoved(h[1], "x", village, sibling, LocalDate.now(clock), "测试");
        moves.on(e);
        moves.on(e);
        long left = 1;
        for (int i = 0; i < 100 && left > 0; i++) {
            Thread.sleep(50);
            left = jdbc.sql("select count(*) from field_household_place where household_id = :h").param("h", h[1])
                    .query(Long.class).single();
        }
        assertThat(left).isZero();
        assertThat(jdbc.sql("select count(*) from field_household_place where household_id = :h").param("h", h[2])
                .query(Long.class).single()).isOne();
    }

    @Test
    void theGridWorkerReportsAndDecidesNothing() throws Exception {
        long[] h = arranged();
        long workerId = account("gr-w-" + village, Role.GRID_WORKER, village);
        RequestPostProcessor worker = as(workerId, Role.GRID_WORKER, village);
        long east = gridNamed("东网格");
        mvc.perform(form("/visits/grids/" + east + "/edit", monitor(), "name", "东网格", "accountId", String.valueOf(workerId),
                "version", "0")).andExpect(status().is3xxRedirection());
        mvc.perform(form("/visits/grids/place", monitor(), "village", village, "target", "grid:" + east,
                "household", String.valueOf(h[0]), "household", String.valueOf(h[1]))).andExpect(status().is3xxRedirection());
        // its worklist: the households of its grid by default, every household on asking
        String mine = page("/visits?show=ALL&size=100", worker);
        assertThat(mine).contains("网格户0", "网格户1").doesNotContain("网格户3");
        assertThat(page("/visits?show=ALL&size=100&grid=all", worker)).contains("网格户3");
        // the monitor's worklist by grid (the grid page's link) and by group
        assertThat(page("/visits?show=ALL&size=100&area=" + village + "&grid=" + east, monitor()))
                .contains("网格户0", "网格户1").doesNotContain("网格户2", "网格户3");
        assertThat(page("/visits?show=ALL&size=100&grid=group:" + groupNamed("西一组"), monitor()))
                .doesNotContain("网格户0", "网格户1", "网格户3");
        // the menu: the workbench and 走访排查, nothing else
        assertThat(mine).contains("href=\"/visits\"").doesNotContain("href=\"/households\"", "href=\"/leads\"",
                "href=\"/monitored\"", "href=\"/admin/accounts\"");
        // a visit records the household's grid
        mvc.perform(multipart("/visits/households/" + h[0]).with(worker).with(csrf())
                        .param("idempotencyKey", UUID.randomUUID().toString()).param("visitedOn", LocalDate.now(clock).toString())
                        .param("foundAtHome", "true").param("educationSecured", "true").param("medicalSecured", "true")
                        .param("housingSecured", "true").param("waterSecured", "true").param("incomeTrend", "NONE"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select grid_id from field_visit where household_id = :h").param("h", h[0]).query(Long.class)
                .single()).isEqualTo(east);
        // it arranges nothing and administers nothing
        mvc.perform(form("/visits/grids", worker, "village", village, "name", "自建", "version", "0")).andExpect(status().isForbidden());
        mvc.perform(get("/admin/accounts").with(worker)).andExpect(status().isForbidden());
        // it may report a lead, but not verify it
        long lead = casework.lead(registry.householdNo(h[3]), village).by(worker).open();
        String state = jdbc.sql("select state from casework.lead where id = :id").param("id", lead).query(String.class).single();
        assertThat(state).isEqualTo("AWAITING_VERIFICATION");
        int version = jdbc.sql("select version from casework.lead where id = :id").param("id", lead).query(Integer.class).single();
        var r = mvc.perform(form("/leads/" + lead + "/verify", worker, "on", LocalDate.now(clock).toString(), "findings", "x",
                "wages", "0", "business", "0", "property", "0", "transfers", "0", "productionCosts", "0",
                "eligibleOutOfPocket", "0", "householdSize", "1", "mainRisk", "ILLNESS", "category", "MARGINAL_AT_RISK",
                "consentSigned", "true", "version", String.valueOf(version))).andReturn().getResponse();
        assertThat(r.getStatus()).isNotEqualTo(302);
        assertThat(jdbc.sql("select state from casework.lead where id = :id").param("id", lead).query(String.class).single())
                .isEqualTo("AWAITING_VERIFICATION");
    }

    @Test
    void anAdministratorMakesAGridWorkerOfAVillageOnly() throws Exception {
        String township = village.substring(0, 9) + "000";
        RequestPostProcessor admin = as(account("gr-admin", Role.ADMIN, "220000000000"), Role.ADMIN, "220000000000");
        String name = "gw" + village.substring(6);
        String refused = mvc.perform(form("/admin/accounts", admin, "username", name, "displayName", "网格员甲",
                "role", "GRID_WORKER", "areaCode", township, "password", "longenough1")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("网格员(十户长)的所属区域必须是一个村");
        assertThat(jdbc.sql("select count(*) from account where username = :u").param("u", name).query(Long.class).single()).isZero();
        mvc.perform(form("/admin/accounts", admin, "username", name, "displayName", "网格员甲", "role", "GRID_WORKER",
                "areaCode", village, "password", "longenough1")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select role from account where username = :u").param("u", name).query(String.class).single())
                .isEqualTo("GRID_WORKER");
        // the role list of the account pages names it
        assertThat(page("/admin/accounts/new", admin)).contains("网格员(十户长)");
        // and the grid form offers it as a worker of its village
        arranged();
        long east = gridNamed("东网格");
        assertThat(page("/visits/grids/" + east + "/edit", monitor())).contains("网格员甲");
    }
}
