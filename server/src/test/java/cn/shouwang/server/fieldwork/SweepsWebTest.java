package cn.shouwang.server.fieldwork;

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
import cn.shouwang.server.fieldwork.sweeps.Sweeps;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Sweeps (拉网式摸排) at their boundaries: opening takes the area's households at that moment; a visit in the period
 * counts once however often the household is visited, not found counts apart, a visit outside the period not at all;
 * closing freezes the figures (a later visit changes nothing shown) and the day after the end closes by itself; scope
 * (another township's area refused, a sibling township's reader gets 404 everywhere, writes change nothing) and roles
 * (a village monitor cannot open, only the opener or an administrator closes); both Excel files against the database.
 */
class SweepsWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired AccessFixtures accounts;
    @Autowired Sweeps sweeps;
    @Autowired cn.shouwang.server.area.AreaApi areaApi;
    @Autowired org.springframework.context.ApplicationEventPublisher events;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    String village;
    String neighbour;
    String township;
    String otherVillage;
    String otherTownship;
    long townshipId;
    long otherTownshipId;
    long monitorId;
    long countyId;

    @BeforeEach
    void areas() {
        clock.reset();
        // two villages of one township of 双辽 and a village of another township, apart from other tests' villages
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220382%' order by code offset 145 limit 2""").query(String.class).list();
        village = vs.get(0);
        neighbour = vs.get(1);
        assertThat(neighbour.substring(0, 9)).isEqualTo(village.substring(0, 9));
        township = village.substring(0, 9) + "000";
        otherVillage = jdbc.sql("""
                select min(code) from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220382%' and code > :t and substr(code, 1, 9) <> :p""")
                .param("t", township).param("p", village.substring(0, 9)).query(String.class).single();
        otherTownship = otherVillage.substring(0, 9) + "000";
        // each test starts from no sweep, visit or grid in these areas (the database is shared by the whole run)
        List<String> codes = List.of(village, neighbour, township, otherVillage);
        String ours = "select id from field_sweep where area_code in (:a)";
        jdbc.sql("delete from field_sweep_figure where sweep_id in (" + ours + ")").param("a", codes).update();
        jdbc.sql("delete from field_sweep_household where sweep_id in (" + ours + ")").param("a", codes).update();
        jdbc.sql("update field_visit set sweep_id = null where sweep_id in (" + ours + ")").param("a", codes).update();
        jdbc.sql("delete from field_sweep where area_code in (:a)").param("a", codes).update();
        for (String table : List.of("field_visit", "field_household_place", "field_group", "field_grid")) {
            jdbc.sql("delete from " + table + " where village_code in (:a)").param("a", codes).update();
        }
        townshipId = account("sw-t-" + township, Role.TOWNSHIP_STAFF, township);
        otherTownshipId = account("sw-t-" + otherTownship, Role.TOWNSHIP_STAFF, otherTownship);
        monitorId = account("sw-v-" + village, Role.VILLAGE_MONITOR, village);
        countyId = account("sw-c-220382", Role.COUNTY_ANALYST, "220382000000");
    }

    long account(String username, Role role, String area) {
        accounts.account(username, "摸排员" + area.substring(6, 9), role, area, "x");
        return jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    static RequestPostProcessor as(long id, Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(id, role.name().toLowerCase(Locale.ROOT) + id, "摸排员", role,
                new AreaScope(area)), "{noop}x", false, true));
    }

    RequestPostProcessor townshipStaff() {
        return as(townshipId, Role.TOWNSHIP_STAFF, township);
    }

    RequestPostProcessor monitor() {
        return as(monitorId, Role.VILLAGE_MONITOR, village);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    long householdsIn(String area) {
        return jdbc.sql("select count(*) from household where village_code between :lo and :hi")
                .param("lo", new AreaScope(area).lowestCode()).param("hi", new AreaScope(area).highestCode())
                .query(Long.class).single();
    }

    long open(String area, RequestPostProcessor who) throws Exception {
        long before = jdbc.sql("select coalesce(max(id), 0) from field_sweep").query(Long.class).single();
        String to = mvc.perform(post("/visits/sweeps").with(who).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)
                        .param("name", "2026年冬季拉网式摸排").param("areaCode", area)
                        .param("startsOn", today().minusDays(3).toString()).param("endsOn", today().plusDays(10).toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(to.substring(to.lastIndexOf('/') + 1));
        assertThat(id).isGreaterThan(before);
        return id;
    }

    void visit(long household, boolean home, LocalDate on) throws Exception {
        mvc.perform(multipart("/visits/households/" + household).with(monitor()).with(csrf())
                        .param("idempotencyKey", UUID.randomUUID().toString()).param("visitedOn", on.toString())
                        .param("foundAtHome", String.valueOf(home)).param("educationSecured", "true")
                        .param("medicalSecured", "true").param("housingSecured", "true").param("waterSecured", "true")
                        .param("incomeTrend", "NONE").locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().is3xxRedirection());
    }

    Sweeps.Figure total(long sweepId, String scope) {
        Sweeps.Sweep s = sweeps.find(sweepId, new AreaScope(scope)).orElseThrow();
        return sweeps.progress(s, new AreaScope(scope)).total();
    }

    String page(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void openingTakesTheAreasHouseholdsAtThatMoment() throws Exception {
        registry.household(village).head("甲摸排").insert();
        registry.household(neighbour).head("乙摸排").insert();
        long id = open(township, townshipStaff());
        long expected = householdsIn(township);
        long inVillage = householdsIn(village);
        assertThat(jdbc.sql("select count(*) from field_sweep_household where sweep_id = :s").param("s", id)
                .query(Long.class).single()).isEqualTo(expected);
        assertThat(jdbc.sql("select households from field_sweep where id = :s").param("s", id).query(Long.class).single())
                .isEqualTo(expected);
        // a household registered after the opening is not in the sweep
        registry.household(village).head("丙后来").insert();
        assertThat(total(id, township).households()).isEqualTo(expected);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'FIELD_SWEEP_OPEN' and detail like :d")
                .param("d", "sweep " + id + " %").query(Long.class).single()).isEqualTo(1);
        // the township staff sees it in the list with its bar; the village monitor too, with the village's figures
        assertThat(page("/visits/sweeps", townshipStaff())).contains("2026年冬季拉网式摸排", "进行中", "sweep-bar");
        assertThat(total(id, village).households()).isEqualTo(inVillage);
    }

    @Test
    void aVisitInThePeriodCountsOnceAndNotFoundCountsApart() throws Exception {
        long a = registry.household(village).head("甲在家").insert();
        long b = registry.household(village).head("乙不在").insert();
        long c = registry.household(village).head("丙未访").insert();
        long id = open(village, townshipStaff());
        Sweeps.Figure start = total(id, village);
        assertThat(start.households()).isEqualTo(householdsIn(village));
        assertThat(start.done()).isZero();
        visit(a, true, today());
        visit(a, true, today().minusDays(1)); // a second visit of the same household: still one
        visit(b, false, today());
        visit(c, true, today().minusDays(5)); // before the period: does not count
        Sweeps.Figure now = total(id, village);
        assertThat(now.visited()).isEqualTo(1);
        assertThat(now.notFound()).isEqualTo(1);
        assertThat(now.notYet()).isEqualTo(start.households() - 2);
        // not found first, found later: the household counts as visited at home
        visit(b, true, today());
        assertThat(total(id, village).visited()).isEqualTo(2);
        assertThat(total(id, village).notFound()).isZero();
        // the visits in the period carry the sweep; the one before it does not
        assertThat(jdbc.sql("select count(*) from field_visit where sweep_id = :s").param("s", id).query(Long.class).single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from field_visit where household_id = :h and sweep_id is null").param("h", c)
                .query(Long.class).single()).isEqualTo(1);

        // the monitor's worklist: the banner and the filter of the households the sweep lacks
        String list = page("/visits", monitor());
        assertThat(list).contains("摸排中：2026年冬季拉网式摸排，还差 " + (start.households() - 2) + " 户");
        String lacking = page("/visits?show=SWEEP&size=100", monitor());
        assertThat(lacking).contains("data-household=\"" + c + "\"").doesNotContain("data-household=\"" + a + "\"")
                .doesNotContain("data-household=\"" + b + "\"");
        // the not-yet list of the village
        String pending = page("/visits/sweeps/" + id + "/pending?village=" + village + "&size=100", monitor());
        assertThat(pending).contains("丙未访").doesNotContain("甲在家").doesNotContain("乙不在");
    }

    @Test
    void gridsCountApartAndHouseholdsInNoGridShowAsSuch() throws Exception {
        long a = registry.household(village).head("甲网格").insert();
        long b = registry.household(village).head("乙网格").insert();
        registry.household(village).head("丙无格").insert();
        long grid = jdbc.sql("insert into field_grid (village_code, name) values (:v, :n) returning id")
                .param("v", village).param("n", "摸排第一网格" + UUID.randomUUID().toString().substring(0, 4))
                .query(Long.class).single();
        jdbc.sql("insert into field_household_place (household_id, village_code, grid_id) values (:h, :v, :g)")
                .param("h", a).param("v", village).param("g", grid).update();
        jdbc.sql("insert into field_household_place (household_id, village_code, grid_id) values (:h, :v, :g)")
                .param("h", b).param("v", village).param("g", grid).update();
        long id = open(village, townshipStaff());
        visit(a, true, today());
        Sweeps.Sweep s = sweeps.find(id, new AreaScope(village)).orElseThrow();
        List<Sweeps.Figure> rows = sweeps.progress(s, new AreaScope(village)).rows();
        Sweeps.Figure g = rows.stream().filter(r -> Long.valueOf(grid).equals(r.gridId())).findFirst().orElseThrow();
        assertThat(g.households()).isEqualTo(2);
        assertThat(g.visited()).isEqualTo(1);
        assertThat(g.notYet()).isEqualTo(1);
        assertThat(rows).as(rows.toString()).anyMatch(r -> !r.village() && r.gridId() == null);
        Sweeps.Figure none = rows.stream().filter(r -> !r.village() && r.gridId() == null).findFirst().orElseThrow();
        assertThat(none.households()).isEqualTo(householdsIn(village) - 2);
        assertThat(page("/visits/sweeps/" + id, townshipStaff())).contains("未划网格", g.gridName());
        String inGrid = page("/visits/sweeps/" + id + "/pending?village=" + village + "&grid=" + grid, monitor());
        assertThat(inGrid).contains("乙网格").doesNotContain("甲网格");
    }

    @Test
    void closingFreezesTheFiguresAndTheDayAfterTheEndClosesBySelf() throws Exception {
        long a = registry.household(village).head("甲冻结").insert();
        long b = registry.household(village).head("乙冻结").insert();
        long id = open(village, townshipStaff());
        visit(a, true, today());
        // the county analyst did not open it: 403, nothing changes
        mvc.perform(post("/visits/sweeps/" + id + "/close").with(as(countyId, Role.COUNTY_ANALYST, "220382000000"))
                .with(csrf()).param("version", "0")).andExpect(status().isForbidden());
        // a stale version: 409
        mvc.perform(post("/visits/sweeps/" + id + "/close").with(townshipStaff()).with(csrf()).param("version", "7"))
                .andExpect(status().isConflict());
        mvc.perform(post("/visits/sweeps/" + id + "/close").with(townshipStaff()).with(csrf()).param("version", "0"))
                .andExpect(status().is3xxRedirection());
        Sweeps.Figure closed = total(id, village);
        assertThat(closed.visited()).isEqualTo(1);
        assertThat(jdbc.sql("select sum(visited) from field_sweep_figure where sweep_id = :s").param("s", id)
                .query(Long.class).single()).isEqualTo(1);
        // a later visit in the period and a moved household change nothing shown
        visit(b, true, today());
        jdbc.sql("delete from field_sweep_household where sweep_id = :s and household_id = :h").param("s", id)
                .param("h", a).update(); // even its set rows going away (as if moved) does not touch the figures
        Sweeps.Figure later = total(id, village);
        assertThat(later).isEqualTo(closed);
        assertThat(jdbc.sql("select count(*) from field_visit where household_id = :h and sweep_id is null").param("h", b)
                .query(Long.class).single()).isEqualTo(1);
        String shown = page("/visits/sweeps/" + id, townshipStaff());
        assertThat(shown).contains("已结束", "数字已冻结").doesNotContain("sweep-close");
        // the frozen not-yet list still names b
        assertThat(page("/visits/sweeps/" + id + "/pending?village=" + village + "&size=100", monitor())).contains("乙冻结");
        // closing twice: 403 (nothing left to close)
        mvc.perform(post("/visits/sweeps/" + id + "/close").with(townshipStaff()).with(csrf()).param("version", "1"))
                .andExpect(status().isForbidden());

        // another sweep: on its last day still open, the day after closed by itself
        long auto = open(neighbour, townshipStaff());
        try {
            clock.advanceDays(10);
            page("/visits/sweeps", townshipStaff());
            assertThat(jdbc.sql("select state from field_sweep where id = :s").param("s", auto).query(String.class).single())
                    .isEqualTo("OPEN");
            clock.advanceDays(1);
            page("/visits/sweeps", townshipStaff());
            assertThat(jdbc.sql("select state || ' ' || closed_auto from field_sweep where id = :s").param("s", auto)
                    .query(String.class).single()).isEqualTo("CLOSED true");
            assertThat(page("/visits/sweeps/" + auto, townshipStaff())).contains("到期自动结束");
        } finally {
            clock.reset();
        }
    }

    @Test
    void scopeAndRoles() throws Exception {
        registry.household(village).head("甲范围").insert();
        long sweepsBefore = jdbc.sql("select count(*) from field_sweep").query(Long.class).single();
        // a township user cannot open a sweep of another township's village: 404, nothing stored
        mvc.perform(post("/visits/sweeps").with(townshipStaff()).with(csrf()).param("name", "越界摸排")
                        .param("areaCode", otherVillage).param("startsOn", today().toString())
                        .param("endsOn", today().plusDays(5).toString()))
                .andExpect(status().isNotFound());
        // the village monitor cannot open one at all
        mvc.perform(post("/visits/sweeps").with(monitor()).with(csrf()).param("name", "村里摸排").param("areaCode", village)
                .param("startsOn", today().toString()).param("endsOn", today().plusDays(5).toString()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/visits/sweeps/new").with(monitor())).andExpect(status().isForbidden());
        // refused periods: the form again (422), nothing stored
        mvc.perform(post("/visits/sweeps").with(townshipStaff()).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)
                        .param("name", "倒着摸排").param("areaCode", village).param("startsOn", today().toString())
                        .param("endsOn", today().minusDays(1).toString()))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("结束日期不能早于开始日期"));
        assertThat(jdbc.sql("select count(*) from field_sweep").query(Long.class).single()).isEqualTo(sweepsBefore);

        long id = open(village, townshipStaff());
        RequestPostProcessor sibling = as(otherTownshipId, Role.TOWNSHIP_STAFF, otherTownship);
        for (String path : List.of("/visits/sweeps/" + id, "/visits/sweeps/" + id + "/pending",
                "/visits/sweeps/" + id + "/export", "/visits/sweeps/" + id + "/pending/export")) {
            mvc.perform(get(path).with(sibling)).andExpect(status().isNotFound());
        }
        assertThat(page("/visits/sweeps", sibling)).doesNotContain("/visits/sweeps/" + id + "\"");
        mvc.perform(post("/visits/sweeps/" + id + "/close").with(as(otherTownshipId, Role.ADMIN, otherTownship))
                .with(csrf()).param("version", "0")).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select state from field_sweep where id = :s").param("s", id).query(String.class).single())
                .isEqualTo("OPEN");
        // the monitor of the village reads it but does not close it; a sibling village's list is not open to it
        page("/visits/sweeps/" + id, monitor());
        mvc.perform(post("/visits/sweeps/" + id + "/close").with(monitor()).with(csrf()).param("version", "0"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/visits/sweeps/" + id + "/pending?village=" + otherVillage).with(townshipStaff()))
                .andExpect(status().isNotFound());
        // the data officer sees nothing
        mvc.perform(get("/visits/sweeps").with(as(townshipId, Role.DATA_OFFICER, township))).andExpect(status().isForbidden());
    }

    @Test
    void theReportAndTheNotYetListAsExcel() throws Exception {
        long a = registry.household(village).head("甲报表").insert();
        long b = registry.household(neighbour).head("乙报表").insert();
        long id = open(township, townshipStaff());
        visit(a, true, today());
        MockHttpServletResponse r = mvc.perform(get("/visits/sweeps/" + id + "/export").with(townshipStaff())
                .locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk()).andReturn().getResponse();
        String disposition = URLDecoder.decode(r.getHeader("Content-Disposition"), StandardCharsets.UTF_8);
        String shortName = areaApi.find(township).orElseThrow().shortName();
        assertThat(disposition).contains(shortName + "_2026年冬季拉网式摸排进度表_" + java.time.YearMonth.from(today().minusDays(3)) + ".xlsx");
        Sweeps.Sweep s = sweeps.find(id, new AreaScope(township)).orElseThrow();
        Sweeps.Progress p = sweeps.progress(s, new AreaScope(township));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getContentAsByteArray()))) {
            Sheet sh = wb.getSheetAt(0);
            assertThat(sh.getRow(0).getCell(0).getStringCellValue()).contains("2026年冬季拉网式摸排进度表");
            assertThat(sh.getRow(1).getCell(0).getStringCellValue()).contains(today().minusDays(3).toString(), "进行中");
            assertThat(sh.getRow(3).getCell(0).getStringCellValue()).isEqualTo("村");
            List<Row> data = new ArrayList<>();
            for (int i = 4; i <= sh.getLastRowNum(); i++) data.add(sh.getRow(i));
            assertThat(data).hasSize(p.rows().size() + 1);
            Row total = data.get(data.size() - 1);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            long inDb = jdbc.sql("select count(*) from field_sweep_household where sweep_id = :s").param("s", id)
                    .query(Long.class).single();
            assertThat((long) total.getCell(2).getNumericCellValue()).isEqualTo(inDb);
            assertThat((long) total.getCell(3).getNumericCellValue()).isEqualTo(1);
            assertThat((long) total.getCell(5).getNumericCellValue()).isEqualTo(inDb - 1);
            assertThat(total.getCell(6).getNumericCellValue()).isEqualTo(p.total().share().doubleValue());
            // a village's line: its name and its households from the database
            String villageName = jdbc.sql("select name from area where code = :c and edition_id = (select id from area_edition where is_current)")
                    .param("c", village).query(String.class).single();
            Row vRow = data.stream().filter(x -> x.getCell(0).getStringCellValue().equals(villageName)
                    && x.getCell(1).getStringCellValue().equals("全村")).findFirst().orElseThrow();
            assertThat((long) vRow.getCell(2).getNumericCellValue()).isEqualTo(jdbc.sql(
                    "select count(*) from field_sweep_household where sweep_id = :s and village_code = :v")
                    .param("s", id).param("v", village).query(Long.class).single());
        }
        r = mvc.perform(get("/visits/sweeps/" + id + "/pending/export?village=" + neighbour).with(townshipStaff())
                .locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk()).andReturn().getResponse();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getContentAsByteArray()))) {
            Sheet sh = wb.getSheetAt(0);
            long pendingInDb = householdsIn(neighbour);
            assertThat(sh.getLastRowNum() - 3).isEqualTo((int) pendingInDb);
            List<String> numbers = new ArrayList<>();
            for (int i = 4; i <= sh.getLastRowNum(); i++) numbers.add(sh.getRow(i).getCell(2).getStringCellValue());
            assertThat(numbers).contains(registry.householdNo(b)).doesNotContain(registry.householdNo(a));
            assertThat(sh.getRow(4).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and detail like :d")
                .param("d", "sweep " + id + " %").query(Long.class).single()).isEqualTo(2);
    }

    String villageOf(long sweepId, long household) {
        return jdbc.sql("select coalesce(max(village_code), 'gone') from field_sweep_household where sweep_id = :s and household_id = :h")
                .param("s", sweepId).param("h", household).query(String.class).single();
    }

    void move(long household, String from, String to) {
        // the registry has moved it, then publishes (as Registry.update does)
        jdbc.sql("update household.household set village_code = :v where id = :h").param("v", to).param("h", household).update();
        tx.executeWithoutResult(st -> events.publishEvent(new cn.shouwang.server.household.HouseholdMoved(household, "x",
                from, to, today(), "测试")));
    }

    @Test
    void aHouseholdMovingDuringAnOpenSweepFollowsInsideTheAreaAndLeavesItOutside() throws Exception {
        long a = registry.household(village).head("甲搬家").insert();
        long b = registry.household(village).head("乙搬走").insert();
        long inTownship = open(township, townshipStaff());
        long inVillage = open(village, townshipStaff());
        long before = total(inTownship, township).households();
        move(a, village, neighbour);
        move(b, village, otherVillage);
        String aNow = villageOf(inTownship, a);
        for (int i = 0; i < 100 && !(aNow.equals(neighbour) && villageOf(inTownship, b).equals("gone")); i++) {
            Thread.sleep(50); // the listener runs after the commit, on its own thread
            aNow = villageOf(inTownship, a);
        }
        assertThat(villageOf(inTownship, a)).isEqualTo(neighbour);
        assertThat(villageOf(inTownship, b)).isEqualTo("gone");
        assertThat(total(inTownship, township).households()).isEqualTo(before - 1);
        assertThat(jdbc.sql("select households from field_sweep where id = :s").param("s", inTownship)
                .query(Long.class).single()).isEqualTo(before - 1);
        // the village's sweep: both left its area
        assertThat(villageOf(inVillage, a)).isEqualTo("gone");
        assertThat(villageOf(inVillage, b)).isEqualTo("gone");
    }
}
