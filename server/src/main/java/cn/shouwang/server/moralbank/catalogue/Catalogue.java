package cn.shouwang.server.moralbank.catalogue;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.moralbank.MoralBankRefusal;
import cn.shouwang.server.moralbank.Places;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The moral bank's catalogue: categories of items (a code list per village over the county's and the built-in
 * defaults), the items of the village rules (a county's items are defaults of all its villages) and the goods of a
 * village's points shop. Every query is scoped; every change audited.
 */
@Service
public class Catalogue {
    private final JdbcClient jdbc;
    private final AuditApi audit;

    Catalogue(JdbcClient jdbc, AuditApi audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public record Category(String code, String nameZh, String nameEn, @Nullable String areaCode) {
        public String name(boolean en) {
            return en ? nameEn : nameZh;
        }
    }

    public record Item(long id, String areaCode, String name, int points, String categoryCode, boolean active,
                       int version) {}

    public record Goods(long id, String villageCode, String name, int price, int stock, boolean active, int version) {}

    /**
     * The categories a village (or county) uses: its own rows, then its county's, then the built-in ones; of one
     * code the most specific row wins.
     */
    public List<Category> categories(String areaCode) {
        return jdbc.sql("""
                select distinct on (code) code, name_zh, name_en, area_code from moral_category
                 where active and (area_code is null or area_code = :county or area_code = :a)
                 order by code, (area_code = :a) desc nulls last, (area_code = :county) desc nulls last""")
                .param("a", areaCode).param("county", Places.countyOf(areaCode))
                .query((rs, i) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list().stream().sorted(java.util.Comparator.comparing(Category::code)).toList();
    }

    /** Adds (or renames) a category of a village or a county in the user's scope. */
    @Transactional
    public void saveCategory(CatalogueCmd.CategoryCmd cmd, CurrentUser u) {
        Places.requireWriter(u);
        String area = ownArea(cmd.areaCode(), u);
        jdbc.sql("""
                insert into moral_category (area_code, code, name_zh, name_en) values (:a, :c, :zh, :en)
                on conflict (coalesce(area_code, ''), code) do update set name_zh = excluded.name_zh,
                  name_en = excluded.name_en, active = true""")
                .param("a", area).param("c", cmd.code()).param("zh", cmd.nameZh().strip())
                .param("en", cmd.nameEn() == null || cmd.nameEn().isBlank() ? cmd.code() : cmd.nameEn().strip()).update();
        audit.record(AuditAction.MORAL_CATEGORY_SAVE, null, null, area, List.of(), cmd.code() + " " + cmd.nameZh());
    }

    /** A village or a county the user may keep: a county only by its county analyst or an administrator. */
    static String ownArea(String code, CurrentUser u) {
        if (code == null || !cn.shouwang.server.access.AreaScope.isAreaCode(code) || !u.scope().covers(code)) {
            throw new OutOfScopeException("area");
        }
        boolean village = !code.endsWith("000");
        boolean county = code.endsWith("000000") && !code.endsWith("00000000");
        if (!village && !county) throw new MoralBankRefusal("moralbank.refused.villageOrCounty");
        if (county && u.role() != Role.COUNTY_ANALYST && u.role() != Role.ADMIN) {
            throw new MoralBankRefusal("moralbank.refused.countyOnly");
        }
        return code;
    }

    /** Items of the area: a village's own and its county's defaults; for a wider area the items defined inside it. */
    public List<Item> items(AreaScope area, boolean activeOnly) {
        String code = area.areaCode();
        boolean village = !code.endsWith("000");
        return jdbc.sql("""
                select id, area_code, name, points, category_code, active, version from moral_item
                 where (area_code between :lo and :hi or (:village and area_code = :county))
                   and (active or not :activeOnly)
                 order by area_code, category_code, points desc, id""")
                .param("lo", Places.lo(area)).param("hi", Places.hi(area)).param("village", village)
                .param("county", Places.countyOf(code)).param("activeOnly", activeOnly)
                .query((rs, i) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getBoolean(6), rs.getInt(7))).list();
    }

    /** The item if it may be used in this village (the village's own or its county's, active). */
    public Optional<Item> usableItem(long id, String villageCode) {
        return jdbc.sql("""
                select id, area_code, name, points, category_code, active, version from moral_item
                 where id = :id and active and (area_code = :v or area_code = :county)""")
                .param("id", id).param("v", villageCode).param("county", Places.countyOf(villageCode))
                .query((rs, i) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getBoolean(6), rs.getInt(7))).optional();
    }

    @Transactional
    public long addItem(CatalogueCmd.ItemCmd cmd, CurrentUser u) {
        Places.requireWriter(u);
        String area = ownArea(cmd.areaCode(), u);
        checkCategory(cmd.categoryCode(), area);
        long id = jdbc.sql("""
                insert into moral_item (area_code, name, points, category_code) values (:a, :n, :p, :c) returning id""")
                .param("a", area).param("n", cmd.name().strip()).param("p", cmd.points()).param("c", cmd.categoryCode())
                .query(Long.class).single();
        audit.record(AuditAction.MORAL_ITEM_SAVE, null, null, area, List.of(
                new AuditApi.Change("name", null, cmd.name().strip()),
                new AuditApi.Change("points", null, String.valueOf(cmd.points()))), "item " + id);
        return id;
    }

    /** Changes an item (name, points, category, active); {@code version} as read, else refused as changed by someone else. */
    @Transactional
    public void updateItem(long id, int version, CatalogueCmd.ItemCmd cmd, boolean active, CurrentUser u) {
        Places.requireWriter(u);
        Item before = jdbc.sql("select id, area_code, name, points, category_code, active, version from moral_item "
                        + "where id = :id and area_code between :lo and :hi")
                .param("id", id).param("lo", Places.lo(u.scope())).param("hi", Places.hi(u.scope()))
                .query((rs, i) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getBoolean(6), rs.getInt(7))).optional()
                .orElseThrow(() -> new OutOfScopeException("item"));
        ownArea(before.areaCode(), u);
        checkCategory(cmd.categoryCode(), before.areaCode());
        int n = jdbc.sql("""
                update moral_item set name = :n, points = :p, category_code = :c, active = :act, version = version + 1
                 where id = :id and version = :ver""")
                .param("n", cmd.name().strip()).param("p", cmd.points()).param("c", cmd.categoryCode())
                .param("act", active).param("id", id).param("ver", version).update();
        if (n == 0) throw new MoralBankRefusal("moralbank.refused.changed");
        audit.record(AuditAction.MORAL_ITEM_SAVE, null, null, before.areaCode(), List.of(
                new AuditApi.Change("name", before.name(), cmd.name().strip()),
                new AuditApi.Change("points", String.valueOf(before.points()), String.valueOf(cmd.points())),
                new AuditApi.Change("active", String.valueOf(before.active()), String.valueOf(active))), "item " + id);
    }

    private void checkCategory(String code, String area) {
        if (categories(area).stream().noneMatch(c -> c.code().equals(code))) {
            throw new MoralBankRefusal("moralbank.refused.category");
        }
    }

    /** The goods of the villages in the area. */
    public List<Goods> goods(AreaScope area, boolean activeOnly) {
        return jdbc.sql("""
                select id, village_code, name, price, stock, active, version from moral_goods
                 where village_code between :lo and :hi and (active or not :activeOnly)
                 order by village_code, price, id""")
                .param("lo", Places.lo(area)).param("hi", Places.hi(area)).param("activeOnly", activeOnly)
                .query((rs, i) -> new Goods(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getBoolean(6), rs.getInt(7))).list();
    }

    @Transactional
    public long addGoods(CatalogueCmd.GoodsCmd cmd, CurrentUser u) {
        Places.requireWriter(u);
        String village = cmd.villageCode();
        if (village == null || !u.scope().covers(village) || village.endsWith("000")) {
            throw new OutOfScopeException("village");
        }
        long id = jdbc.sql("insert into moral_goods (village_code, name, price, stock) values (:v, :n, :p, :s) returning id")
                .param("v", village).param("n", cmd.name().strip()).param("p", cmd.price()).param("s", cmd.stock())
                .query(Long.class).single();
        audit.record(AuditAction.MORAL_GOODS_SAVE, null, null, village, List.of(
                new AuditApi.Change("name", null, cmd.name().strip()),
                new AuditApi.Change("price", null, String.valueOf(cmd.price())),
                new AuditApi.Change("stock", null, String.valueOf(cmd.stock()))), "goods " + id);
        return id;
    }

    /** Changes goods (name, price, stock, active) as read at {@code version}. */
    @Transactional
    public void updateGoods(long id, int version, CatalogueCmd.GoodsCmd cmd, boolean active, CurrentUser u) {
        Places.requireWriter(u);
        Goods before = jdbc.sql("select id, village_code, name, price, stock, active, version from moral_goods "
                        + "where id = :id and village_code between :lo and :hi")
                .param("id", id).param("lo", Places.lo(u.scope())).param("hi", Places.hi(u.scope()))
                .query((rs, i) -> new Goods(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getBoolean(6), rs.getInt(7))).optional()
                .orElseThrow(() -> new OutOfScopeException("goods"));
        int n = jdbc.sql("""
                update moral_goods set name = :n, price = :p, stock = :s, active = :act, version = version + 1
                 where id = :id and version = :ver""")
                .param("n", cmd.name().strip()).param("p", cmd.price()).param("s", cmd.stock()).param("act", active)
                .param("id", id).param("ver", version).update();
        if (n == 0) throw new MoralBankRefusal("moralbank.refused.changed");
        audit.record(AuditAction.MORAL_GOODS_SAVE, null, null, before.villageCode(), List.of(
                new AuditApi.Change("name", before.name(), cmd.name().strip()),
                new AuditApi.Change("price", String.valueOf(before.price()), String.valueOf(cmd.price())),
                new AuditApi.Change("stock", String.valueOf(before.stock()), String.valueOf(cmd.stock())),
                new AuditApi.Change("active", String.valueOf(before.active()), String.valueOf(active))), "goods " + id);
    }
}
