package cn.shouwang.server.fieldwork.visits;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.HouseholdMoved;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A moved household's visits go to its village now (read from the registry), however often the event comes. */
class VisitMovesTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired VisitMoves moves;

    @Test
    void visitsFollowTheHouseholdToItsVillageNow() throws Exception {
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220382%' order by code offset 44 limit 2""").query(String.class).list();
        long h = registry.household(vs.get(0)).head("孙搬迁").insert();
        long account = jdbc.sql("select min(id) from account").query(Long.class).single();
        jdbc.sql("""
                insert into field_visit (idempotency_key, household_id, village_code, visited_on, visitor_id, visitor_name,
                       found_at_home, education_secured, medical_secured, housing_secured, water_secured, income_trend)
                values (:k, :h, :v, :d, :by, 'x', true, true, true, true, true, 'NONE')""")
                .param("k", UUID.randomUUID()).param("h", h).param("v", vs.get(0)).param("d", LocalDate.now(clock))
                .param("by", account).update();
        // the registry has moved it (as Registry.update does before it publishes the event)
        jdbc.sql("update household.household set village_code = :v where id = :h").param("v", vs.get(1)).param("h", h).update();
        HouseholdMoved e = new HouseholdMoved(h, "x", vs.get(0), vs.get(1), LocalDate.now(clock), "测试");
        moves.on(e);
        moves.on(e); // the listener is asynchronous (ApplicationModuleListener): wait for it
        List<String> now = List.of();
        for (int i = 0; i < 100 && !now.equals(List.of(vs.get(1))); i++) {
            Thread.sleep(50);
            now = jdbc.sql("select village_code from field_visit where household_id = :h").param("h", h)
                    .query(String.class).list();
        }
        assertThat(now).containsExactly(vs.get(1));
    }
}
