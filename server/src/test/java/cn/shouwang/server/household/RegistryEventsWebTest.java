package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The registry's events (docs/architecture.md, Events): what it publishes for which write, through the API. */
@RecordApplicationEvents
class RegistryEventsWebTest extends ServerTest {
    static final String TOWNSHIP = "220322100000";
    static final String VILLAGE_A = "220322100219"; // villages no other test uses
    static final String VILLAGE_B = "220322100220";
    static final AtomicLong IDS = new AtomicLong(800_000);

    @Autowired ApplicationEvents events;
    @Autowired PersonalDataApi personalData;

    final RequestPostProcessor township = user(new AccountPrincipal(new CurrentUser(IDS.incrementAndGet(), "evt",
            "事件测试员", Role.TOWNSHIP_STAFF, new AreaScope(TOWNSHIP)), "x", false, true));

    long household() {
        int edition = jdbc.sql("select id from area_edition where is_current").query(Integer.class).single();
        return jdbc.sql("""
                insert into household (household_no, area_edition_id, village_code, village_group, created_at, updated_at)
                values (:no, :e, :v, '一组', now(), now()) returning id""")
                .param("no", "EV" + IDS.incrementAndGet()).param("e", edition).param("v", VILLAGE_A)
                .query(Long.class).single();
    }

    long member(long h, String name, String relation) {
        String id = body17(LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(9000)));
        return jdbc.sql("""
                insert into member (household_id, area_code, id_number_hash, id_number_enc, name, name_grams, sex, birth_date,
                  relation, labour_capacity, health_enc, schooling_stage)
                values (:h, :v, :hash, :enc, :name, '{}', 'M', '1970-01-01', :rel, 'ORDINARY', :health, 'NONE') returning id""")
                .param("health", personalData.sealHealth(new HealthDetails(HealthStatus.HEALTHY, null)))
                .param("h", h).param("v", VILLAGE_A).param("hash", personalData.idNumberHash(IdNumber.of(id)))
                .param("enc", personalData.seal(id)).param("name", name).param("rel", relation).query(Long.class).single();
    }

    static String body17(LocalDate birth) {
        String body = "220322" + birth.toString().replace("-", "") + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body.charAt(i) - '0') * w[i];
        return body + "10X98765432".charAt(sum % 11);
    }

    int version(long h) {
        return jdbc.sql("select version from household where id = :h").param("h", h).query(Integer.class).single();
    }

    void relation(long h, long member, String name, String relation) throws Exception {
        mvc.perform(put("/api/v1/members/" + member).with(township).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"relation\":\"" + relation + "\",\"labourCapacity\":\"ORDINARY\","
                        + "\"health\":\"HEALTHY\",\"schoolingStage\":\"NONE\",\"householdVersion\":" + version(h) + "}"))
                .andExpect(status().isOk());
    }

    void village(long h, String village) throws Exception {
        mvc.perform(put("/api/v1/households/" + h).with(township).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"villageCode\":\"" + village + "\",\"villageGroup\":\"一组\",\"formerlyPoor\":false,"
                                + "\"version\":" + version(h) + "}"))
                .andExpect(status().isOk());
    }

    @Test
    void theHeadChangesAMemberDiesAndTheHouseholdMoves() throws Exception {
        long h = household();
        long head = member(h, "事件户主", "HEAD");
        long spouse = member(h, "事件配偶", "SPOUSE");

        relation(h, head, "事件户主", "SPOUSE");
        relation(h, spouse, "事件配偶", "HEAD");
        relation(h, spouse, "事件配偶", "HEAD"); // nothing changes: no event
        mvc.perform(post("/api/v1/members/" + spouse + "/death").with(township).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"date\":\"" + LocalDate.now(clock).minusDays(1) + "\",\"householdVersion\":" + version(h) + "}"))
                .andExpect(status().isOk());
        assertThat(events.stream(HeadChanged.class)).containsExactly(
                new HeadChanged(h, VILLAGE_A, head, null, null),
                new HeadChanged(h, VILLAGE_A, null, spouse, "事件配偶"),
                new HeadChanged(h, VILLAGE_A, spouse, null, null));
        assertThat(events.stream(MemberDied.class)).containsExactly(
                new MemberDied(spouse, h, VILLAGE_A, LocalDate.now(clock).minusDays(1)));

        village(h, VILLAGE_A); // the same village: not a move
        assertThat(events.stream(HouseholdMoved.class)).isEmpty();
        village(h, VILLAGE_B);
        String no = jdbc.sql("select household_no from household where id = :h").param("h", h).query(String.class).single();
        assertThat(events.stream(HouseholdMoved.class)).containsExactly(
                new HouseholdMoved(h, no, VILLAGE_A, VILLAGE_B, LocalDate.now(clock), "事件测试员"));
    }
}
