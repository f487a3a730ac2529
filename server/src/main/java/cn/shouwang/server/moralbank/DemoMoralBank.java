package cn.shouwang.server.moralbank;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only, once (while the ledger is empty): the moral bank of the demo village 团山子村 and two more
 * villages of 孤家子镇 — county default items of 梨树县 and the village's own, 30 goods at 600 to 1,000 points (the
 * scale of article 003), entries for about forty households over the last eight months, some redemptions and one
 * correction. Deterministic (a fixed seed), written as the village monitor's demo colleague would have.
 */
@Component
@Profile("demo")
@Order(37)
class DemoMoralBank implements ApplicationRunner {
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final Clock clock;

    DemoMoralBank(JdbcClient jdbc, HouseholdApi households, Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.clock = clock;
    }

    private static final Object[][] COUNTY_ITEMS = {
            {"庭院整洁、门前三包", 10, "SANITATION"}, {"参加村屯环境集中整治", 5, "SANITATION"},
            {"乱堆乱放、乱倒垃圾", -10, "SANITATION"}, {"红白喜事简办", 20, "CUSTOMS"}, {"大操大办、高额彩礼", -30, "CUSTOMS"},
            {"赡养老人、孝敬父母", 20, "FILIAL"}, {"评为好媳妇、好婆婆", 30, "FILIAL"}, {"不赡养老人", -50, "FILIAL"},
            {"参与村级公益劳动", 10, "PUBLIC_SERVICE"}, {"违法违纪受到处理", -50, "LAW"},
            {"评为星级文明户", 100, "CUSTOMS"}};
    private static final Object[][] VILLAGE_ITEMS = {
            {"子女考入大学", 50, "EDUCATION"}, {"参加农民夜校", 5, "EDUCATION"}, {"义务巡河护林", 10, "PUBLIC_SERVICE"},
            {"秸秆焚烧", -20, "LAW"}};
    private static final String[] GOODS = {"大米(10公斤)", "豆油(5升)", "面粉(10公斤)", "洗衣粉(3公斤)", "毛巾礼盒",
            "暖水瓶", "电饭锅", "保温饭盒", "床单", "棉被", "雨靴", "手电筒", "铁锹", "水桶", "拖把套装", "洗洁精(两瓶)",
            "牙膏牙刷套装", "香皂礼盒", "挂面(5公斤)", "食盐酱油套装", "电水壶", "老花镜", "小学生书包", "文具套装",
            "垃圾桶", "扫帚簸箕", "晾衣架", "热水袋", "电热毯", "保温杯"};

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from moral_entry)").query(Boolean.class).single()) return;
        List<Long> ids = households.withActiveHead(new AreaScope(TOWNSHIP), VILLAGE, 60);
        if (ids.size() < 10) return; // no demo registry here: nothing to show
        Map<Long, HouseholdApi.Ref> refs = households.refs(ids, new AreaScope(TOWNSHIP));
        LocalDate today = LocalDate.now(clock);
        Random random = new Random(37);
        List<long[]> countyItems = items(COUNTY, COUNTY_ITEMS);
        List<String> villages = refs.values().stream().map(HouseholdApi.Ref::villageCode).distinct().sorted().toList();
        Map<String, List<long[]>> ownItems = new java.util.HashMap<>();
        Map<String, List<long[]>> goods = new java.util.HashMap<>();
        for (String v : villages) {
            ownItems.put(v, items(v, VILLAGE_ITEMS));
            List<long[]> g = new ArrayList<>();
            int count = v.equals(VILLAGE) ? GOODS.length : 8;
            for (int i = 0; i < count; i++) {
                int price = 600 + (i * 400 / Math.max(1, count - 1)) / 50 * 50; // 600 … 1,000 points
                long id = jdbc.sql("insert into moral_goods (village_code, name, price, stock) values (:v, :n, :p, :s) returning id")
                        .param("v", v).param("n", GOODS[i]).param("p", price).param("s", 3 + random.nextInt(10))
                        .query(Long.class).single();
                g.add(new long[] {id, price});
            }
            goods.put(v, g);
        }
        int n = 0;
        for (long h : ids) {
            HouseholdApi.Ref ref = refs.get(h);
            if (ref == null) continue;
            String v = ref.villageCode();
            jdbc.sql("insert into moral_account (household_id, village_code) values (:h, :v)").param("h", h).param("v", v).update();
            List<long[]> usable = new ArrayList<>(countyItems);
            usable.addAll(ownItems.get(v));
            // the first households earn most (some up to the gold and diamond cards), the others a little
            int entries = n < 12 ? 25 + random.nextInt(30) : 4 + random.nextInt(12);
            long balance = 0;
            long lastId = 0;
            for (int e = 0; e < entries; e++) {
                long[] item = usable.get(random.nextInt(usable.size()));
                if (item[1] < 0 && random.nextInt(4) > 0) item = usable.get(0); // deductions are rarer
                if (item[1] >= 100 && (n >= 12 || random.nextInt(2) > 0)) item = usable.get(1); // the star title is rare
                LocalDate on = today.minusDays(240 - (long) e * 240 / entries);
                lastId = entry(h, v, "ITEM", item[0], null, null, itemName(item[0]), (int) item[1], on, "", null);
                balance += item[1];
            }
            if (n == 3) { // a correction: the last entry was recorded for the wrong household
                entry(h, v, "REVERSAL", null, null, null, itemName(lastEntryItem(lastId)), -points(lastId), today.minusDays(2),
                        "录入错误,冲正", lastId);
                balance -= points(lastId);
            }
            List<long[]> shop = goods.get(v);
            if (balance >= 600 && n % 3 != 2) { // most who can, redeem once
                long[] g = shop.get(0);
                for (long[] x : shop) if (x[1] <= balance && x[1] > g[1]) g = x;
                jdbc.sql("update moral_goods set stock = stock - 1 where id = :g and stock >= 1").param("g", g[0]).update();
                entry(h, v, "REDEMPTION", null, g[0], 1, goodsName(g[0]), (int) -g[1], today.minusDays(5 + n), "", null);
            }
            n++;
        }
    }

    private List<long[]> items(String area, Object[][] rows) {
        List<long[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            long id = jdbc.sql("insert into moral_item (area_code, name, points, category_code) values (:a, :n, :p, :c) returning id")
                    .param("a", area).param("n", r[0]).param("p", r[1]).param("c", r[2]).query(Long.class).single();
            out.add(new long[] {id, (Integer) r[1]});
        }
        return out;
    }

    private String itemName(long id) {
        return jdbc.sql("select name from moral_item where id = :id").param("id", id).query(String.class).single();
    }

    private String goodsName(long id) {
        return jdbc.sql("select name from moral_goods where id = :id").param("id", id).query(String.class).single();
    }

    private long lastEntryItem(long entryId) {
        return jdbc.sql("select item_id from moral_entry where id = :id").param("id", entryId).query(Long.class).single();
    }

    private int points(long entryId) {
        return jdbc.sql("select points from moral_entry where id = :id").param("id", entryId).query(Integer.class).single();
    }

    private long entry(long h, String v, String kind, Long item, Long goods, Integer q, String label, int points,
                       LocalDate on, String note, Long reverses) {
        return jdbc.sql("""
                insert into moral_entry (household_id, village_code, kind, item_id, goods_id, quantity, label, points,
                                         entry_date, note, reverses_id, recorded_by, recorded_by_name)
                values (:h, :v, :k, :item, :goods, :q, :label, :p, :on, :note, :rev, 'demo-monitor', :by) returning id""")
                .param("h", h).param("v", v).param("k", kind).param("item", item).param("goods", goods).param("q", q)
                .param("label", label).param("p", points).param("on", on).param("note", note).param("rev", reverses)
                .param("by", "村监测员(演示同事)").query(Long.class).single();
    }
}
