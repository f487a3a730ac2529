package cn.shouwang.server.household.imports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry import on real PostgreSQL: every kind of dirt of national-export.md gives its row problem, a clean
 * file lands and a second import of it changes nothing, a failing apply leaves nothing, scope is kept.
 */
class RegistryImportTest extends ServerTest {
    static final String HEADER = "序号,县（市、区、旗）,乡（镇）,行政村,自然村,户编号,姓名,证件号码,人数,与户主关系,健康状况,劳动技能,"
            + "在校生状况,危房户,是否解决安全饮用水,户类型,人均纯收入,首次识别时间,备注";

    @Autowired RegistryImports imports;
    @Autowired ImportStore store;
    @Autowired RegistryFixtures registry;
    @Autowired cn.shouwang.server.household.Registry registryPages;
    @Autowired org.springframework.context.MessageSource messages;
    @Autowired cn.shouwang.server.platform.OwnerDatabase owner;

    CurrentUser user(String username, Role role, String area) {
        long id = jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
        return new CurrentUser(id, username, username, role, new AreaScope(area));
    }

    CurrentUser county() {
        return user("county", Role.COUNTY_ANALYST, "220322000000");
    }

    ImportStore.Import run(String name, String csv, CurrentUser u) throws Exception {
        long id = imports.upload(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), name, u);
        return await(id);
    }

    ImportStore.Import await(long id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            ImportStore.Import i = store.find(id).orElseThrow();
            if (!i.state().running()) return i;
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " still running");
    }

    /** The problems of one line: codes. */
    List<String> problems(long id, int line) {
        return jdbc.sql("select code from import_problem where import_id = :i and line = :l order by code")
                .param("i", id).param("l", line).query(String.class).list();
    }

    String id() {
        return registry.newIdNumber("220322");
    }

    static String row(Object... cells) {
        StringBuilder b = new StringBuilder();
        for (Object c : cells) {
            if (b.length() > 0) b.append(',');
            b.append(c == null ? "" : c);
        }
        return b.append('\n').toString();
    }

    String no() {
        return "220322103205" + (10000 + (int) (Math.random() * 89999)) + "X";
    }

    @Test
    void everyKindOfDirtIsARowProblemWithItsReason() throws Exception {
        String a = no(), b = no(), c = no(), d = no();
        String twice = id(), inTwo = id();
        String bad = id();
        bad = bad.substring(0, 17) + (bad.charAt(17) == '1' ? '2' : '1');
        String csv = "边缘易致贫人口名单,,,,\n"          // line 1: a title line above the header
                + "数据日期：2024-06-30\n"                // line 2
                + HEADER + "\n"                           // line 3
                + row(1, "四平市梨树县", "孤家子镇", "团山子村村民委员会", "1组", a, "甲", id(), 2, "户主", "健康", "普通劳动力", "非在校生", "否", "是", "脱贫户", "12000", "2022/10/28", "x") // 4 ok
                + row(2, "梨树县", "孤家子镇", "团山子村委会", "1组", a, "乙", twice, 2, "之子", "健康", "普通劳动力", "小学", "否", "是", "脱贫户", "12000", "2022-10-28", "") // 5 ok
                + row(3, "梨树县", "孤家子镇", "团山子村", "1组", a, "乙", twice, 2, "之子", "健康", "普通劳动力", "小学", "否", "是", "脱贫户", "12000", "2022/10/28", "") // 6 twice
                + row(4, "梨树县", "孤家子镇", "团山子村", "2组", b, "丙", "2.20322E+17", 1, "户主", "健康", "普通劳动力", "", "N", "Y", "一般农户", "8000", "2022-10", "") // 7 digits lost
                + row(5, "梨树县", "孤家子镇", "团山子村", "2组", c, "丁", bad, 1, "户主", "健康", "普通劳动力", "", "0", "1", "一般农户", "8000", "2022-13-45", "") // 8 check char + date
                + row(6, "梨树县", "孤家子镇", "不存在村", "", d, "戊", id(), 1, "户主", "健康", "普通劳动力", "", "也许", "是", "一般农户", "", "", "") // 9 village + yes/no
                + row(7, "梨树县", "", "双城子村", "", no(), "己", id(), 1, "户主", "健康", "普通劳动力", "", "否", "是", "一般农户", "", "", "") // 10 two villages
                + row(8, "铁东区", "山门镇", "山门村", "", no(), "庚", id(), 1, "户主", "健康", "普通劳动力", "", "否", "是", "一般农户", "", "", "") // 11 outside the area
                + row(9, "梨树县", "孤家子镇", "团山子村", "", no(), "辛", inTwo, 1, "户主", "健康", "普通劳动力", "", "否", "是", "一般农户", "", "202210", "") // 12 in two households
                + row(10, "梨树县", "孤家子镇", "团山子村", "", no(), "辛", inTwo, 1, "户主", "健康", "普通劳动力", "", "否", "是", "一般农户", "", "20221028", "") // 13
                + row(11, "梨树县", "孤家子镇", "团山子村", "3组", "D" + a, "壬", id(), 3, "户主", "健康", "普通劳动力", "", "是", "是", "一般农户", "", "", "") // 14 size 3, 2 rows
                + row(12, "梨树县", "孤家子镇", "团山子村", "3组", "D" + a, "癸", id(), 3, "配偶", "健康", "普通劳动力", "", "否", "是", "一般农户", "", "", "") // 15 disagrees (危房户)
                + row(13, "梨树县", "孤家子镇", "团山子村", "4组", "2.2032299E+16", "子", id(), 1, "户主", "健康", "普通劳动力", "", "否", "是", "一般农户", "", "", "") // 16 household number digits lost
                + "合计,,,,,,,,,,,,,,,,,,\n";
        ImportStore.Import imp = run("dirty.csv", csv, county());
        assertThat(imp.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(imp.headerLine()).isEqualTo(3);
        assertThat(imp.unknownHeaders()).containsExactly("备注");
        long id = imp.id();
        // lines 4 and 5 are sound, but their household waits with its repeated person (never half a household)
        // (and the household's 人数 2 differs from its 3 rows: a warning)
        assertThat(problems(id, 4)).containsExactly("registry.import.problem.household.otherRows",
                "registry.import.problem.household.size");
        assertThat(problems(id, 5)).containsExactly("registry.import.problem.household.otherRows");
        assertThat(problems(id, 6)).containsExactly("registry.import.problem.person.twice");
        assertThat(problems(id, 7)).containsExactly("registry.import.problem.idNumber.digitsLost");
        assertThat(problems(id, 16)).containsExactly("registry.import.problem.householdNo.digitsLost");
        assertThat(problems(id, 8)).containsExactlyInAnyOrder("registry.idNumber.CHECK_CHARACTER", "registry.import.problem.date");
        assertThat(problems(id, 9)).containsExactlyInAnyOrder("registry.import.problem.area.none", "registry.import.problem.yesNo");
        assertThat(problems(id, 10)).containsExactly("registry.import.problem.area.ambiguous");
        assertThat(problems(id, 11)).containsExactly("registry.import.problem.area.none");
        assertThat(problems(id, 12)).containsExactly("registry.import.problem.person.twoHouseholds");
        assertThat(problems(id, 13)).containsExactly("registry.import.problem.person.twoHouseholds");
        assertThat(problems(id, 14)).containsExactly("registry.import.problem.household.otherRows",
                "registry.import.problem.household.size");
        assertThat(problems(id, 15)).containsExactly("registry.import.problem.household.disagree");
        // the household with a repeated person waits as a whole; 合计 is not a person (fewer than 3 cells)
        assertThat(imp.count("householdsNew")).isZero();
        assertThat(imp.count("problemRows")).isEqualTo(13);
        assertThat(imp.exportDate()).isNull();
        String where = jdbc.sql("select column_name from import_problem where import_id = :i and line = 7")
                .param("i", id).query(String.class).single();
        assertThat(where).isEqualTo("H 证件号码");
    }

    String clean(String a, String b, String headA, String sonA, String headB, String relationOfSon) {
        return HEADER + "\n"
                + row(1, "梨树县", "孤家子镇", "团山子村", "1组", a, "张一", headA, 2, "户主", "健康", "普通劳动力", "非在校生", "否", "是", "脱贫户", "12000", "2022-10-28", "")
                + row(2, "梨树县", "孤家子镇", "团山子村", "1组", a, "张二", sonA, 2, relationOfSon, "长期慢性病", "技能劳动力", "七年级", "否", "是", "脱贫户", "12000", "2022-10-28", "")
                + row(3, "梨树县", "孤家子镇", "团山子村", "2组", b, "李一", headB, 1, "户主", "残疾", "丧失劳动力", "", "是", "否", "一般农户", "5000.50", "2023-01", "");
    }

    long members(String householdNo) {
        return jdbc.sql("select count(*) from member m join household h on h.id = m.household_id where h.household_no = :n")
                .param("n", householdNo).query(Long.class).single();
    }

    @Test
    void aCleanFileLandsAndTheSameFileAgainChangesNothing() throws Exception {
        String a = no(), b = no(), headA = id(), sonA = id(), headB = id();
        ImportStore.Import first = run("clean.csv", clean(a, b, headA, sonA, headB, "之子"), county());
        assertThat(first.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(first.count("problemRows")).isZero();
        assertThat(first.count("householdsNew")).isEqualTo(2);
        assertThat(first.count("personsNew")).isEqualTo(3);
        assertThat(registry.registered(headA)).isFalse();   // a preview writes nothing

        imports.applyNow(first.id(), false, county());
        ImportStore.Import applied = store.find(first.id()).orElseThrow();
        assertThat(applied.state()).isEqualTo(ImportStore.State.APPLIED);
        assertThat(registry.registered(headA) && registry.registered(sonA) && registry.registered(headB)).isTrue();
        assertThat(members(a)).isEqualTo(2);
        Map<String, Object> h = jdbc.sql("select village_code, village_group, formerly_poor, unsafe_house, safe_water, registered_on::text as r "
                + "from household where household_no = :n").param("n", b).query().singleRow();
        assertThat(h).containsEntry("village_code", "220322103205").containsEntry("formerly_poor", false)
                .containsEntry("unsafe_house", true).containsEntry("safe_water", false).containsEntry("r", "2023-01-01");
        Map<String, Object> income = jdbc.sql("select per_capita, itemised from household_income i join household h on h.id = i.household_id "
                + "where h.household_no = :n").param("n", b).query().singleRow();
        assertThat(income.get("per_capita").toString()).isEqualTo("5000.50");
        assertThat(income).containsEntry("itemised", false);
        // the what-if's per-capita values (household V7) follow the import: the file's figure, the active members
        assertThat(perCapita(a)).isEqualTo("2 24000.00 12000.00");
        assertThat(perCapita(b)).isEqualTo("1 5000.50 5000.50");
        assertThat(jdbc.sql("select relation || ' ' || labour_capacity || ' ' || schooling_stage from member m join household h "
                + "on h.id = m.household_id where h.household_no = :n and m.name = '张二'").param("n", a).query(String.class).single())
                .isEqualTo("CHILD SKILLED JUNIOR");
        long audited = jdbc.sql("select count(*) from audit_event where action = 'HOUSEHOLD_IMPORT' and household_id in "
                + "(select id from household where household_no in (:a, :b))").param("a", a).param("b", b).query(Long.class).single();
        assertThat(audited).isEqualTo(2);
        // the household's history names its village (the audit keeps the code)
        long idB = jdbc.sql("select id from household where household_no = :n").param("n", b).query(Long.class).single();
        assertThat(registryPages.history(idB, county().scope()).stream().flatMap(e -> e.changes().stream())
                .filter(c -> c.field().equals("village")).map(c -> c.now()).toList()).containsExactly("团山子村");
        assertThat(jdbc.sql("select detail from audit_event where action = 'REGISTRY_IMPORT' order by id desc limit 1")
                .query(String.class).single()).contains("clean.csv", applied.sha256());

        // the same file again: everything unchanged, and applying it writes nothing
        int versions = jdbc.sql("select sum(version) from household where household_no in (:a, :b)").param("a", a).param("b", b)
                .query(Integer.class).single();
        ImportStore.Import again = run("clean.csv", clean(a, b, headA, sonA, headB, "之子"), county());
        assertThat(again.count("householdsUnchanged")).isEqualTo(2);
        assertThat(again.count("personsUnchanged")).isEqualTo(3);
        assertThat(again.count("householdsNew") + again.count("householdsChanged") + again.count("personsNew")
                + again.count("personsChanged") + again.count("personsMoved")).isZero();
        imports.applyNow(again.id(), false, county());
        assertThat(jdbc.sql("select sum(version) from household where household_no in (:a, :b)").param("a", a).param("b", b)
                .query(Integer.class).single()).isEqualTo(versions);
        assertThat(members(a)).isEqualTo(2);

        // a changed relation is a change, field by field; the son moving to household b is a move
        ImportStore.Import changed = run("changed.csv", clean(a, b, headA, sonA, headB, "之父"), county());
        assertThat(changed.count("personsChanged")).isEqualTo(1);
        String changes = jdbc.sql("select person_changes::text from import_person where import_id = :i and person_status = 'CHANGED'")
                .param("i", changed.id()).query(String.class).single();
        assertThat(changes).contains("\"relation\"", "CHILD", "PARENT");
        String moved = HEADER + "\n"
                + row(1, "梨树县", "孤家子镇", "团山子村", "2组", b, "张二", sonA, 2, "之子", "长期慢性病", "技能劳动力", "七年级", "是", "否", "一般农户", "5000.50", "2023-01", "");
        ImportStore.Import move = run("move.csv", moved, county());
        assertThat(move.count("personsMoved")).isEqualTo(1);
        assertThat(jdbc.sql("select moved_from from import_person where import_id = :i").param("i", move.id()).query(String.class).single())
                .isEqualTo(a);
        // in the registry, not in this file: household a and head b are listed (never deleted)
        assertThat(move.count("personsMissing")).isEqualTo(1);
        // applied: both households' per-capita values follow the move (a is not in the file, its son left it)
        imports.applyNow(move.id(), false, county());
        assertThat(perCapita(a)).isEqualTo("1 12000.00 12000.00");
        assertThat(perCapita(b)).isEqualTo("2 10001.00 5000.50");
    }

    /** members, comparison total and per-capita value of a household's year in the what-if's table */
    String perCapita(String householdNo) {
        return jdbc.sql("""
                select p.members || ' ' || p.comparison_total || ' ' || round(p.per_capita, 2) from household_per_capita p
                  join household h on h.id = p.household_id where h.household_no = :n""").param("n", householdNo)
                .query(String.class).single();
    }

    @Test
    void headsSwappedInTheFileAreSwappedInTheRegistry() throws Exception {
        String a = no(), b = no(), headA = id(), sonA = id(), headB = id();
        imports.applyNow(run("swap1.csv", clean(a, b, headA, sonA, headB, "之子"), county()).id(), false, county());
        // the son becomes the head, the former head his father: one apply, never two heads at once
        String swapped = HEADER + "\n"
                + row(1, "梨树县", "孤家子镇", "团山子村", "1组", a, "张一", headA, 2, "之父", "健康", "普通劳动力", "非在校生", "否", "是", "脱贫户", "12000", "2022-10-28", "")
                + row(2, "梨树县", "孤家子镇", "团山子村", "1组", a, "张二", sonA, 2, "户主", "长期慢性病", "技能劳动力", "七年级", "否", "是", "脱贫户", "12000", "2022-10-28", "");
        ImportStore.Import imp = run("swap2.csv", swapped, county());
        assertThat(imp.count("problemRows")).isZero();
        imports.applyNow(imp.id(), false, county());
        assertThat(store.find(imp.id()).orElseThrow().state()).isEqualTo(ImportStore.State.APPLIED);
        assertThat(jdbc.sql("select m.name from member m join household h on h.id = m.household_id where h.household_no = :n "
                + "and m.relation = 'HEAD'").param("n", a).query(String.class).single()).isEqualTo("张二");
    }

    @Test
    void aPersonRegisteredByHandAfterThePreviewStopsTheApplyWithItsReason() throws Exception {
        String a = no(), b = no(), headA = id(), sonA = id(), headB = id();
        ImportStore.Import imp = run("late.csv", clean(a, b, headA, sonA, headB, "之子"), county());
        assertThat(imp.count("personsNew")).isEqualTo(3);
        // meanwhile a monitor registers 李一 by hand in another household
        registry.household("220322103205").number(no()).head("李一").idNumber(headB).insert();
        imports.applyNow(imp.id(), false, county());
        ImportStore.Import after = store.find(imp.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(after.failureCode()).isEqualTo("registry.import.failure.stale");
        assertThat(after.failureArgs()).containsExactly("1", "0");
        assertThat(registry.registered(headA)).isFalse();   // nothing written
        assertThat(messages.getMessage(after.failureCode(), after.failureArgs().toArray(), java.util.Locale.CHINESE))
                .contains("1 人已由别人登记").contains("重新上传");
    }

    @Test
    void aFailureLateInTheApplyLeavesTheRegistryAsItWas() throws Exception {
        String a = no(), b = no(), headA = id(), sonA = id(), headB = id();
        ImportStore.Import imp = run("fails.csv", clean(a, b, headA, sonA, headB, "之子"), county());
        // the income is written after households and members: make it fail there
        owner.jdbc().sql("""
                create or replace function household.import_test_fail() returns trigger language plpgsql as $$
                begin raise exception 'test: income refused'; end $$""").update();
        owner.jdbc().sql("create trigger import_test_fail before insert on household.household_income for each row "
                + "execute function household.import_test_fail()").update();
        try {
            imports.applyNow(imp.id(), false, county());
        } finally {
            owner.jdbc().sql("drop trigger import_test_fail on household.household_income").update();
            owner.jdbc().sql("drop function household.import_test_fail()").update();
        }
        ImportStore.Import after = store.find(imp.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(after.failureCode()).isEqualTo("registry.import.failure.apply");
        assertThat(registry.registered(headA) || registry.registered(sonA) || registry.registered(headB)).isFalse();
        assertThat(jdbc.sql("select count(*) from household where household_no in (:a, :b)").param("a", a).param("b", b)
                .query(Long.class).single()).isZero();
        // and it can be applied once the cause is gone
        imports.applyNow(imp.id(), false, county());
        assertThat(registry.registered(headA)).isTrue();
    }

    @Test
    void aFileWithProblemRowsIsAppliedOnlyWithoutThemWhenAskedTo() throws Exception {
        String a = no(), headA = id();
        String csv = HEADER + "\n"
                + row(1, "梨树县", "孤家子镇", "团山子村", "1组", a, "周一", headA, 1, "户主", "健康", "普通劳动力", "", "否", "是", "脱贫户", "", "", "")
                + row(2, "梨树县", "孤家子镇", "没有这个村", "1组", no(), "周二", id(), 1, "户主", "健康", "普通劳动力", "", "否", "是", "脱贫户", "", "", "");
        ImportStore.Import imp = run("some.csv", csv, county());
        assertThat(imp.count("problemRows")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.startApply(imp.id(), false, county()))
                .isInstanceOf(RegistryImports.NotApplicable.class);
        imports.startApply(imp.id(), true, county());
        assertThat(await(imp.id()).state()).isEqualTo(ImportStore.State.APPLIED);
        assertThat(registry.registered(headA)).isTrue();
    }

    @Test
    void anotherCountysImportIsNotFound() throws Exception {
        ImportStore.Import imp = run("mine.csv", clean(no(), no(), id(), id(), id(), "之子"), county());
        assertThat(store.find(imp.id(), new AreaScope("220322103000"))).isEmpty();
        assertThat(store.find(imp.id(), new AreaScope("220303000000"))).isEmpty();
        assertThat(store.find(imp.id(), new AreaScope("220300000000"))).isPresent();
        assertThat(store.list(new AreaScope("220303000000"), 100)).noneMatch(i -> i.id() == imp.id());
    }

    @Test
    void aMappedColumnIsRememberedForTheNextFileOfTheSameLayout() throws Exception {
        String header = "户编号,姓名,证件号码,与户主关系,行政村,乡镇,民族成分";
        String a = no();
        String csv = header + "\n" + row(a, "吴一", id(), "户主", "团山子村", "孤家子镇", "汉族");
        ImportStore.Import imp = run("layout.csv", csv, county());
        assertThat(imp.unknownHeaders()).containsExactly("民族成分");
        imports.map(imp.id(), Map.of("民族成分", cn.shouwang.server.household.PersonListColumn.ETHNIC_GROUP), county());
        ImportStore.Import mapped = await(imp.id());
        assertThat(mapped.unknownHeaders()).isEmpty();
        assertThat(jdbc.sql("select ethnic_group from import_person where import_id = :i").param("i", imp.id()).query(String.class).single())
                .isEqualTo("汉族");
        ImportStore.Import next = run("layout2.csv", header + "\n" + row(no(), "吴二", id(), "户主", "团山子村", "孤家子镇", "满族"), county());
        assertThat(next.unknownHeaders()).isEmpty();
        assertThat(jdbc.sql("select ethnic_group from import_person where import_id = :i").param("i", next.id()).query(String.class).single())
                .isEqualTo("满族");
    }
}
