package cn.shouwang.server.household.classes;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.RefusedInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 系统管理 › 脱贫户分类类别: a province's own list of classes (table {@code formerly_poor_class}, household V13), kept by
 * its administrators. A province without rows of its own uses the default list (province {@code 00}); "use our own
 * list" copies the default into the province, after which the province's list is edited here. A class is never
 * deleted — households classified with it keep it and its name — only deactivated (no longer offered).
 *
 * <p>Concurrency: every form carries the {@link View#stamp() stamp} of the list it was read from (which list and a hash of
 * all its rows); a write whose stamp no longer matches changes nothing ({@link Stale}). Writers of one province are
 * serialised by a transaction-scoped advisory lock, so the check and the write see the same list. Every change is
 * audited {@code HOUSEHOLD_CLASS_LIST_UPDATE} with old → new.
 */
@Repository
public class ClassList {
    static final String DEFAULT = "00";
    static final int NAME_ZH_MAX = 30;
    static final int NAME_EN_MAX = 80;

    private final JdbcClient jdbc;
    private final AuditApi audit;

    ClassList(JdbcClient jdbc, AuditApi audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** One class as the page lists it. */
    public record Item(String code, String nameZh, String nameEn, boolean active, int sort) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    /** The classes in force for a province: its own ({@code own}) or the default list; {@code stamp} for the forms. */
    public record View(String province, boolean own, List<Item> items, String stamp) {}

    /** The form was read from a list that has changed since; nothing was stored. */
    public static class Stale extends RuntimeException {
        Stale() {
            super("formerly-poor class list changed since the form was read");
        }
    }

    /** Refusal of one field of a form (message code of i18n/classes); nothing was stored. */
    public static class Refused extends RefusedInputException {
        Refused(@Nullable String field, String code, Object... args) {
            super(field, code, args);
        }
    }

    public View view(String province) {
        boolean own = owns(province);
        String list = own ? province : DEFAULT;
        List<Item> items = jdbc.sql("""
                select code, name_zh, name_en, active, sort from formerly_poor_class where province = :p
                 order by sort, code""")
                .param("p", list)
                .query((rs, i) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getInt(5))).list();
        return new View(province, own, items, stamp(list));
    }

    private boolean owns(String province) {
        return jdbc.sql("select exists (select 1 from formerly_poor_class where province = :p)").param("p", province)
                .query(Boolean.class).single();
    }

    /** Which list and all its rows: any change by anyone changes it. */
    private String stamp(String list) {
        String hash = jdbc.sql("""
                select coalesce(md5(string_agg(concat_ws('|', code, name_zh, name_en, active, sort), E'\\n' order by code)), '')
                  from formerly_poor_class where province = :p""")
                .param("p", list).query(String.class).single();
        return list + ":" + hash;
    }

    /** Locks the province's list for this transaction and checks the form's stamp; returns the list as it is. */
    private View lockAndCheck(String province, @Nullable String stamp) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('household.formerly_poor_class ' || :p))").param("p", province)
                .query((rs, i) -> 1).list();
        View now = view(province);
        if (stamp == null || !stamp.equals(now.stamp())) throw new Stale();
        return now;
    }

    private static Item require(View v, String code) {
        return v.items().stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> new Refused(null, "classList.unknown"));
    }

    private void audited(CurrentUser by, String province, List<AuditApi.Change> changes, String detail) {
        audit.record(AuditAction.HOUSEHOLD_CLASS_LIST_UPDATE, null, null, (province + "0000000000"), changes,
                "formerly-poor classes " + province + " " + detail);
    }

    /** "Use our own list": the default list copied into the province, codes, names, order and state alike. */
    @Transactional
    public void copyDefault(CurrentUser by, String province, @Nullable String stamp) {
        View v = lockAndCheck(province, stamp);
        if (v.own()) throw new Stale();
        jdbc.sql("""
                insert into formerly_poor_class (province, code, name_zh, name_en, active, sort)
                select :p, code, name_zh, name_en, active, sort from formerly_poor_class where province = :d""")
                .param("p", province).param("d", DEFAULT).update();
        audited(by, province, List.of(new AuditApi.Change("list", names(v.items()) + " (" + DEFAULT + ")",
                names(v.items()) + " (" + province + ")")), "copied");
    }

    private static String names(List<Item> items) {
        return String.join(", ", items.stream().map(Item::nameZh).toList());
    }

    /**
     * A new class at the end of the province's own list, active. The user types only the names; the code (never shown)
     * is the next free {@code C<n>}. A blank English name takes the Chinese one. Returns the code.
     */
    @Transactional
    public String add(CurrentUser by, String province, @Nullable String stamp, @Nullable String nameZh,
                      @Nullable String nameEn) {
        View v = lockAndCheck(province, stamp);
        if (!v.own()) throw new Stale();
        String[] n = names(v, null, nameZh, nameEn);
        int next = v.items().size() + 1;
        while (has(v, "C" + next)) next++;
        String code = "C" + next;
        int sort = v.items().stream().mapToInt(Item::sort).max().orElse(0) + 1;
        jdbc.sql("""
                insert into formerly_poor_class (province, code, name_zh, name_en, active, sort)
                values (:p, :c, :zh, :en, true, :s)""")
                .param("p", province).param("c", code).param("zh", n[0]).param("en", n[1]).param("s", sort).update();
        audited(by, province, List.of(new AuditApi.Change("nameZh", null, n[0]), new AuditApi.Change("nameEn", null, n[1])),
                "added " + code);
        return code;
    }

    private static boolean has(View v, String code) {
        return v.items().stream().anyMatch(i -> i.code().equals(code));
    }

    /** The class's new names. */
    @Transactional
    public void rename(CurrentUser by, String province, @Nullable String stamp, String code, @Nullable String nameZh,
                       @Nullable String nameEn) {
        View v = lockAndCheck(province, stamp);
        if (!v.own()) throw new Stale();
        Item old = require(v, code);
        String[] n = names(v, code, nameZh, nameEn);
        if (n[0].equals(old.nameZh()) && n[1].equals(old.nameEn())) return;
        jdbc.sql("update formerly_poor_class set name_zh = :zh, name_en = :en where province = :p and code = :c")
                .param("zh", n[0]).param("en", n[1]).param("p", province).param("c", code).update();
        List<AuditApi.Change> changes = new ArrayList<>();
        if (!n[0].equals(old.nameZh())) changes.add(new AuditApi.Change("nameZh", old.nameZh(), n[0]));
        if (!n[1].equals(old.nameEn())) changes.add(new AuditApi.Change("nameEn", old.nameEn(), n[1]));
        audited(by, province, changes, "renamed " + code);
    }

    /** The class one place up or down the list; the list's order is then numbered 1, 2, 3… */
    @Transactional
    public void move(CurrentUser by, String province, @Nullable String stamp, String code, boolean up) {
        View v = lockAndCheck(province, stamp);
        if (!v.own()) throw new Stale();
        Item it = require(v, code);
        List<Item> order = new ArrayList<>(v.items());
        int at = order.indexOf(it);
        int to = up ? at - 1 : at + 1;
        if (to < 0 || to >= order.size()) return;
        order.set(at, order.get(to));
        order.set(to, it);
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).sort() != i + 1) {
                jdbc.sql("update formerly_poor_class set sort = :s where province = :p and code = :c")
                        .param("s", i + 1).param("p", province).param("c", order.get(i).code()).update();
            }
        }
        audited(by, province, List.of(new AuditApi.Change("order", names(v.items()), names(order))), "moved " + code);
    }

    /**
     * Deactivates (no longer offered for new classifications; households keep it) or reactivates a class. The last
     * active class stays: without one nobody could classify.
     */
    @Transactional
    public void setActive(CurrentUser by, String province, @Nullable String stamp, String code, boolean active) {
        View v = lockAndCheck(province, stamp);
        if (!v.own()) throw new Stale();
        Item old = require(v, code);
        if (old.active() == active) return;
        if (!active && v.items().stream().filter(Item::active).count() == 1) {
            throw new Refused(null, "classList.lastActive", old.nameZh(), old.nameEn());   // each language names it its way
        }
        jdbc.sql("update formerly_poor_class set active = :a where province = :p and code = :c")
                .param("a", active).param("p", province).param("c", code).update();
        audited(by, province, List.of(new AuditApi.Change("active:" + old.nameZh(), String.valueOf(old.active()),
                String.valueOf(active))), (active ? "reactivated " : "deactivated ") + code);
    }

    /**
     * The checked names {zh, en}: both stripped; Chinese required, at most {@value #NAME_ZH_MAX} characters; English at
     * most {@value #NAME_EN_MAX}, blank takes the Chinese; neither may be another class's of the list (deactivated
     * ones too: the household pages would show two classes alike).
     */
    private static String[] names(View v, @Nullable String self, @Nullable String nameZh, @Nullable String nameEn) {
        String zh = nameZh == null ? "" : nameZh.strip();
        String en = nameEn == null ? "" : nameEn.strip();
        List<RefusedInputException.Problem> problems = new ArrayList<>();
        if (zh.isEmpty()) problems.add(new RefusedInputException.Problem("nameZh", "classList.nameZh.required"));
        else if (zh.length() > NAME_ZH_MAX) {
            problems.add(new RefusedInputException.Problem("nameZh", "classList.nameZh.tooLong", NAME_ZH_MAX));
        } else if (v.items().stream().anyMatch(i -> !i.code().equals(self) && i.nameZh().equals(zh))) {
            problems.add(new RefusedInputException.Problem("nameZh", "classList.nameZh.taken", zh));
        }
        boolean enTyped = !en.isEmpty();
        if (!enTyped) en = zh;
        if (!enTyped && !problems.isEmpty()) {
            // the Chinese name's problem is the one to say
        } else if (en.length() > NAME_EN_MAX) {
            problems.add(new RefusedInputException.Problem("nameEn", "classList.nameEn.tooLong", NAME_EN_MAX));
        } else if (!en.isEmpty()) {
            String e = en;
            if (v.items().stream().anyMatch(i -> !i.code().equals(self) && i.nameEn().equalsIgnoreCase(e))) {
                problems.add(new RefusedInputException.Problem("nameEn", "classList.nameEn.taken", e));
            }
        }
        if (!problems.isEmpty()) throw new RefusedInputException(problems);
        return new String[] {zh, en};
    }
}
