package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.ModuleSchemas;
import cn.shouwang.server.platform.OwnerDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V13 on a registry that already holds members: run against a copy of the old member columns in a schema of its
 * own, in batches smaller than the rows so that several full batches and a partial one are written.
 */
class HealthMigrationTest extends ServerTest {
    @Autowired OwnerDatabase owner; // Flyway's role: the server's own may not create schemas or tables
    @Autowired PersonalDataApi personalData;

    @Test
    void movesEveryMembersHealthIntoTheSealedColumnAndDropsTheClearOnes() throws Exception {
        Map<Long, HealthDetails> expected = new HashMap<>();
        try (Connection c = owner.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists v13test cascade");
            st.execute("create schema v13test");
            try {
                st.execute("set search_path to v13test");
                st.execute("""
                        create table member (id bigint primary key, name text not null,
                          health text not null check (health in ('HEALTHY','CHRONIC_ILLNESS','SERIOUS_ILLNESS','DISABLED')),
                          disability_grade smallint check (disability_grade between 1 and 4))""");
                HealthStatus[] all = HealthStatus.values();
                for (long id = 1; id <= 45; id++) {
                    HealthStatus h = all[(int) (id % all.length)];
                    Integer grade = h == HealthStatus.DISABLED ? (int) (id % 4) + 1 : null;
                    expected.put(id * 3, new HealthDetails(h, grade)); // gaps in the ids, as after deletions
                    st.execute("insert into member values (" + id * 3 + ", 'x', '" + h + "', " + grade + ")");
                }

                long sealed = V3__Encrypt_health_details.encrypt(c, personalData, 10);

                assertThat(sealed).isEqualTo(45);
                try (ResultSet rs = st.executeQuery("select * from member order by id")) {
                    assertThat(rs.getMetaData().getColumnCount()).as("id, name, health_enc").isEqualTo(3);
                    int n = 0;
                    while (rs.next()) {
                        assertThat(personalData.openHealth(rs.getBytes("health_enc"))).isEqualTo(expected.get(rs.getLong("id")));
                        n++;
                    }
                    assertThat(n).isEqualTo(45);
                }
            } finally {
                st.execute("set search_path = " + ModuleSchemas.SEARCH_PATH); // the pool's setting, for the next user
                st.execute("drop schema v13test cascade");
            }
        }
    }
}
