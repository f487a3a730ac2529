package cn.shouwang.server.moralbank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.moralbank.catalogue.Catalogue;
import cn.shouwang.server.moralbank.catalogue.CatalogueCmd;
import cn.shouwang.server.moralbank.ledger.Ledger;
import cn.shouwang.server.moralbank.ledger.LedgerCmd;
import cn.shouwang.server.moralbank.ranking.Ranking;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 道德银行's rules at their boundaries against the real database: the balance is the sum of the entries, a correction
 * is a reversing entry (once, never of a reversal), a redemption is refused without points or stock and never
 * half-done, two concurrent redemptions never overdraw or oversell; every page and form scoped to the user's area.
 */
class MoralBankWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(7_370_000);

    @Autowired RegistryFixtures registry;
    @Autowired Ledger ledger;
    @Autowired Catalogue catalogue;
    @Autowired Ranking ranking;

    String village;
    String sibling;

    @BeforeEach
    void villages() {
        // two villages of one township, not the demo village
        List<String> vs = jdbc.sql("""
                select a.code from area a where a.edition_id = (select id from area_edition where is_current)
                   and a.level = 5 and a.code like '2203%' and a.code <> '220322103205'
                   and exists (select 1 from area b where b.edition_id = a.edition_id and b.level = 5
                               and b.parent_code = a.parent_code and b.code <> a.code)
                 order by a.code offset 7 limit 1""").query(String.class).list();
        village = vs.get(0);
        sibling = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current) and level = 5
                   and parent_code = (select parent_code from area where code = :v limit 1) and code <> :v
                 order by code limit 1""").param("v", village).query(String.class).single();
    }

    static CurrentUser who(Role role, String area) {
        long id = IDS.incrementAndGet();
        return new CurrentUser(id, "m" + id, "道德" + id, role, new AreaScope(area));
    }

    static RequestPostProcessor as(CurrentUser u) {
        return user(new AccountPrincipal(u, "x", false, true));
    }

    long item(String area, int points) {
        return catalogue.addItem(new CatalogueCmd.ItemCmd(area, "项目" + points, points, "SANITATION"),
                who(Role.COUNTY_ANALYST, area.substring(0, 6) + "000000"));
    }

    long goods(String v, int price, int stock) {
        return catalogue.addGoods(new CatalogueCmd.GoodsCmd(v, "大米" + price, price, stock), who(Role.VILLAGE_MONITOR, v));
    }

    long stock(long goodsId) {
        return jdbc.sql("select stock from moral_goods where id = :g").param("g", goodsId).query(Long.class).single();
    }

    long entries(long h) {
        return jdbc.sql("select count(*) from moral_entry where household_id = :h").param("h", h).query(Long.class).single();
    }

    @Test
    void theBalanceIsTheSumOfTheEntriesAndACorrectionIsAReversingEntry() throws Exception {
        long h = registry.household(village).head("赵积分").insert();
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, village);
        long plus = item(village, 30);
        long minus = item(village.substring(0, 6) + "000000", -10); // a county default applies in the village
        LocalDate today = LocalDate.now(clock);
        for (long i : List.of(plus, plus, minus)) {
            mvc.perform(post("/moral-bank/households/" + h + "/entries").with(as(monitor)).with(csrf())
                    .param("itemId", String.valueOf(i)).param("entryDate", today.toString()).param("note", "评比"));
        }
        assertThat(ledger.balance(h).balance()).isEqualTo(50);
        long first = jdbc.sql("select min(id) from moral_entry where household_id = :h").param("h", h).query(Long.class).single();

        mvc.perform(post("/moral-bank/entries/" + first + "/reverse").with(as(monitor)).with(csrf())
                .param("household", String.valueOf(h)).param("reason", "记错户").param("entryDate", today.toString()));
        Ledger.Balance b = ledger.balance(h);
        assertThat(b.balance()).isEqualTo(20);
        assertThat(b.earned()).isEqualTo(20);
        assertThat(b.entries()).isEqualTo(4);
        long reversal = jdbc.sql("select id from moral_entry where reverses_id = :e").param("e", first).query(Long.class).single();
        // once only, and never a reversal of a reversal: nothing more is written
        assertThatThrownBy(() -> ledger.reverse(first, new LedgerCmd.Reversal("再冲", today), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.alreadyReversed");
        assertThatThrownBy(() -> ledger.reverse(reversal, new LedgerCmd.Reversal("再冲", today), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.reverseReversal");
        assertThat(entries(h)).isEqualTo(4);
        // the ledger itself refuses edits (the server's role may only insert, a trigger refuses the rest): balances
        // cannot be changed behind its back
        assertThatThrownBy(() -> jdbc.sql("update moral_entry set points = 999 where id = :e").param("e", first).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("delete from moral_entry where id = :e").param("e", first).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(ledger.balance(h).balance()).isEqualTo(20);
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action like 'MORAL_%'")
                .param("h", h).query(Integer.class).single()).isEqualTo(4);

        String page = mvc.perform(get("/moral-bank/households/" + h).with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("赵积分", "已冲正", "记错户", "冲正");
        // an item of another village does not apply here
        long elsewhere = item(sibling, 40);
        assertThatThrownBy(() -> ledger.addItem(h, new LedgerCmd.ItemEntry(elsewhere, today, null), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.item");
    }

    @Test
    void aRedemptionIsRefusedWithoutPointsOrStockAndWrittenWholeOtherwise() throws Exception {
        long h = registry.household(village).head("钱兑换").insert();
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, village);
        LocalDate today = LocalDate.now(clock);
        long g = goods(village, 600, 1);
        // no account, no points
        String refused = mvc.perform(post("/moral-bank/households/" + h + "/redemptions").with(as(monitor)).with(csrf())
                        .param("goodsId", String.valueOf(g)).param("quantity", "1").param("entryDate", today.toString())
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getFlashMap().get("error").toString();
        assertThat(refused).contains("积分不足");
        ledger.addItem(h, new LedgerCmd.ItemEntry(item(village, 500), today, null), monitor);
        assertThatThrownBy(() -> ledger.redeem(h, new LedgerCmd.Redemption(g, 1, today, null), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.points");
        ledger.addItem(h, new LedgerCmd.ItemEntry(item(village, 700), today, null), monitor);
        // 1,200 points, enough for two, but one in stock: refused, the stock and the ledger untouched
        assertThatThrownBy(() -> ledger.redeem(h, new LedgerCmd.Redemption(g, 2, today, null), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.stock");
        assertThat(stock(g)).isEqualTo(1);
        // three of them would need 1,800 points
        assertThatThrownBy(() -> ledger.redeem(h, new LedgerCmd.Redemption(g, 3, today, null), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.points");
        long g2 = goods(village, 100, 1);
        assertThatThrownBy(() -> ledger.redeem(h, new LedgerCmd.Redemption(g2, 2, today, null), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.stock");
        assertThat(stock(g2)).isEqualTo(1);
        assertThat(entries(h)).isEqualTo(2);
        ledger.redeem(h, new LedgerCmd.Redemption(g, 1, today, "大米一袋"), monitor);
        Ledger.Balance b = ledger.balance(h);
        assertThat(b.balance()).isEqualTo(600);
        assertThat(b.earned()).isEqualTo(1200); // redemptions do not lower the points earned (the tier)
        assertThat(b.redeemed()).isEqualTo(600);
        assertThat(stock(g)).isZero();
        // goods of another village are not offered to this household
        long other = goods(sibling, 10, 5);
        assertThatThrownBy(() -> ledger.redeem(h, new LedgerCmd.Redemption(other, 1, today, null), monitor))
                .isInstanceOf(MoralBankRefusal.class).hasMessage("moralbank.refused.goods");
        // reversing the redemption gives the points and the goods back
        long red = jdbc.sql("select id from moral_entry where household_id = :h and kind = 'REDEMPTION'").param("h", h)
                .query(Long.class).single();
        ledger.reverse(red, new LedgerCmd.Reversal("退货", today), monitor);
        assertThat(ledger.balance(h).balance()).isEqualTo(1200);
        assertThat(stock(g)).isEqualTo(1);
    }

    @Test
    void twoConcurrentRedemptionsNeverOverdrawNorOversell() throws Exception {
        LocalDate today = LocalDate.now(clock);
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, village);
        long rich = item(village, 1000);
        // one household, 1,000 points, two redemptions of 600 at once: exactly one goes through
        long h = registry.household(village).head("孙并发").insert();
        ledger.addItem(h, new LedgerCmd.ItemEntry(rich, today, null), monitor);
        long g = goods(village, 600, 10);
        List<Boolean> done = race(() -> ledger.redeem(h, new LedgerCmd.Redemption(g, 1, today, null), monitor),
                () -> ledger.redeem(h, new LedgerCmd.Redemption(g, 1, today, null), monitor));
        assertThat(done).containsExactlyInAnyOrder(true, false);
        assertThat(ledger.balance(h).balance()).isEqualTo(400);
        assertThat(stock(g)).isEqualTo(9);

        // two households, one piece left: exactly one gets it
        long a = registry.household(village).head("李甲").insert();
        long b = registry.household(village).head("李乙").insert();
        ledger.addItem(a, new LedgerCmd.ItemEntry(rich, today, null), monitor);
        ledger.addItem(b, new LedgerCmd.ItemEntry(rich, today, null), monitor);
        long last = goods(village, 700, 1);
        List<Boolean> both = race(() -> ledger.redeem(a, new LedgerCmd.Redemption(last, 1, today, null), monitor),
                () -> ledger.redeem(b, new LedgerCmd.Redemption(last, 1, today, null), monitor));
        assertThat(both).containsExactlyInAnyOrder(true, false);
        assertThat(stock(last)).isZero();
        assertThat(ledger.balance(a).balance() + ledger.balance(b).balance()).isEqualTo(1300);
    }

    /** Runs both at the same moment on two threads; true for each that went through, false for each refused. */
    List<Boolean> race(Callable<?> one, Callable<?> two) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> fs = new ArrayList<>();
            for (Callable<?> c : List.of(one, two)) {
                fs.add(pool.submit(() -> {
                    start.await();
                    try {
                        c.call();
                        return true;
                    } catch (MoralBankRefusal r) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<Boolean> out = new ArrayList<>();
            for (Future<Boolean> f : fs) out.add(f.get());
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void everyPageAndFormIsScopedToTheUsersArea() throws Exception {
        LocalDate today = LocalDate.now(clock);
        long h = registry.household(village).head("周本村").insert();
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, village);
        long it = item(village, 20);
        long g = goods(village, 600, 3);
        long e = ledger.addItem(h, new LedgerCmd.ItemEntry(it, today, null), monitor);
        CurrentUser outsider = who(Role.VILLAGE_MONITOR, sibling);
        long before = entries(h);

        for (String url : List.of("/moral-bank/households/" + h, "/moral-bank/ranking?village=" + village,
                "/moral-bank/board?village=" + village, "/moral-bank?area=" + village, "/moral-bank/export?area=" + village,
                "/moral-bank/items?area=" + village, "/moral-bank/goods?area=" + village)) {
            assertThat(mvc.perform(get(url).with(as(outsider))).andReturn().getResponse().getStatus()).as(url).isEqualTo(404);
        }
        for (var req : List.of(
                post("/moral-bank/households/" + h + "/entries").param("itemId", String.valueOf(it)).param("entryDate", today.toString()),
                post("/moral-bank/households/" + h + "/redemptions").param("goodsId", String.valueOf(g)).param("quantity", "1")
                        .param("entryDate", today.toString()),
                post("/moral-bank/entries/" + e + "/reverse").param("household", String.valueOf(h)).param("reason", "x")
                        .param("entryDate", today.toString()),
                post("/moral-bank/items/" + it).param("version", "0").param("areaCode", village).param("name", "改")
                        .param("points", "99").param("categoryCode", "SANITATION"),
                post("/moral-bank/goods/" + g).param("version", "0").param("villageCode", village).param("name", "改")
                        .param("price", "1").param("stock", "99"),
                post("/moral-bank/goods").param("villageCode", village).param("name", "外村").param("price", "1").param("stock", "1"),
                post("/moral-bank/items").param("areaCode", village).param("name", "外村").param("points", "5")
                        .param("categoryCode", "SANITATION"))) {
            int status = mvc.perform(req.with(as(outsider)).with(csrf())).andReturn().getResponse().getStatus();
            assertThat(status).isEqualTo(404);
        }
        assertThat(entries(h)).isEqualTo(before);
        assertThat(stock(g)).isEqualTo(3);
        assertThat(jdbc.sql("select points from moral_item where id = :i").param("i", it).query(Integer.class).single()).isEqualTo(20);
        assertThat(jdbc.sql("select count(*) from moral_goods where name = '外村'").query(Integer.class).single()).isZero();
        // the sibling's list does not show this village's account
        String list = mvc.perform(get("/moral-bank").with(as(outsider))).andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("周本村");

        // the city reads but does not write; a village monitor cannot keep the county's items; a data officer sees nothing
        CurrentUser city = who(Role.CITY_ANALYST, village.substring(0, 4) + "00000000");
        assertThat(mvc.perform(get("/moral-bank/households/" + h).with(as(city))).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(post("/moral-bank/households/" + h + "/entries").with(as(city)).with(csrf())
                .param("itemId", String.valueOf(it)).param("entryDate", today.toString())).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThatThrownBy(() -> catalogue.addItem(new CatalogueCmd.ItemCmd(village.substring(0, 6) + "000000", "县项目", 5,
                "SANITATION"), who(Role.TOWNSHIP_STAFF, village.substring(0, 9) + "000"))).isInstanceOf(RuntimeException.class);
        assertThat(mvc.perform(get("/moral-bank").with(as(who(Role.DATA_OFFICER, village.substring(0, 6) + "000000"))))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/moral-bank/settings").with(as(monitor)).with(csrf()).param("silver", "1")
                .param("gold", "2").param("diamond", "3")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(entries(h)).isEqualTo(before);
    }

    @Test
    void theRankingShowsHeadsNamesAndTiersOnlyAndTheExportMatchesTheDatabase() throws Exception {
        LocalDate today = LocalDate.now(clock);
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, sibling);
        long big = item(sibling, 700);
        long small = item(sibling, 300);
        long top = registry.household(sibling).head("吴钻石").phone("13912345678").insert();
        long mid = registry.household(sibling).head("郑银卡").insert();
        ledger.addItem(top, new LedgerCmd.ItemEntry(big, today, null), monitor);
        ledger.addItem(top, new LedgerCmd.ItemEntry(small, today, null), monitor);
        ledger.addItem(mid, new LedgerCmd.ItemEntry(small, today, null), monitor);
        List<Ranking.Line> lines = ranking.village(sibling, 100);
        Ranking.Line first = lines.stream().filter(l -> l.headName().equals("吴钻石")).findFirst().orElseThrow();
        Ranking.Line second = lines.stream().filter(l -> l.headName().equals("郑银卡")).findFirst().orElseThrow();
        assertThat(first.tier()).isEqualTo(Ranking.Tier.DIAMOND);
        assertThat(second.tier()).isEqualTo(Ranking.Tier.SILVER);
        assertThat(first.rank()).isLessThan(second.rank());

        String board = mvc.perform(get("/moral-bank/board?village=" + sibling).with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString();
        String householdNo = registry.householdNo(top);
        assertThat(board).contains("吴钻石", "钻石卡", "郑银卡", "银卡", "1000").doesNotContain("13912345678", "5678")
                .doesNotContain(householdNo);

        var res = mvc.perform(get("/moral-bank/export?area=" + sibling).with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse();
        assertThat(res.getHeader("Content-Disposition")).contains("filename*=UTF-8''");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.getContentAsByteArray()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(3).getCell(2).getStringCellValue()).isEqualTo("户主");
            Row r = null;
            for (Row row : s) if (row.getRowNum() > 3 && row.getCell(2).getStringCellValue().equals("吴钻石")) r = row;
            assertThat(r).isNotNull();
            assertThat(r.getCell(1).getStringCellValue()).isEqualTo(householdNo);
            assertThat(r.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(r.getCell(3).getNumericCellValue()).isEqualTo(ledger.balance(top).earned());
            assertThat(r.getCell(4).getNumericCellValue()).isEqualTo(ledger.balance(top).balance());
            assertThat(r.getCell(5).getStringCellValue()).isEqualTo("钻石卡");
            long accounts = jdbc.sql("select count(*) from moral_account where village_code = :v").param("v", sibling)
                    .query(Long.class).single();
            assertThat(s.getLastRowNum()).isEqualTo((int) accounts + 3);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and area_code = :v")
                .param("v", sibling).query(Integer.class).single()).isPositive();
    }
}
