package cn.shouwang.server.household;

import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.IntStream;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Health details are personal information: moves member.health and member.disability_grade into one sealed
 * column, member.health_enc (SM4-GCM under the server's key, like id numbers), then drops the clear columns.
 * SQL cannot encrypt with the server's key, so this is a Java migration (a Spring bean, which Flyway runs in
 * version order with the SQL ones). A registry of 10 M persons is read by primary-key ranges of {@value #BATCH}
 * rows, sealed on every core and written back with one UPDATE … FROM unnest(…) per batch; all in Flyway's
 * transaction, so an interrupted upgrade leaves the clear columns as they were and simply runs again.
 */
@Component
class V3__Encrypt_health_details extends BaseJavaMigration {
    private static final Logger log = LoggerFactory.getLogger(V3__Encrypt_health_details.class);
    static final int BATCH = 20_000;

    private final PersonalDataApi pd;

    V3__Encrypt_health_details(PersonalDataApi pd) {
        this.pd = pd;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        encrypt(context.getConnection(), pd, BATCH);
    }

    /** Seals every member's health into health_enc and drops the clear columns; returns the rows sealed. */
    static long encrypt(Connection c, PersonalDataApi pd, int batch) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("alter table member add column if not exists health_enc bytea");
        }
        long last = 0;
        long done = 0;
        long lastLog = t0;
        try (PreparedStatement read = c.prepareStatement(
                     "select id, health, disability_grade from member where id > ? order by id limit ?");
             PreparedStatement write = c.prepareStatement("""
                     update member m set health_enc = v.enc
                       from unnest(?::bigint[], ?::bytea[]) as v(id, enc) where m.id = v.id""")) {
            while (true) {
                Long[] ids = new Long[batch];
                String[] health = new String[batch];
                Integer[] grade = new Integer[batch];
                int n = 0;
                read.setLong(1, last);
                read.setInt(2, batch);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        ids[n] = rs.getLong(1);
                        health[n] = rs.getString(2);
                        grade[n] = (Integer) rs.getObject(3);
                        n++;
                    }
                }
                if (n == 0) break;
                byte[][] sealed = new byte[n][];
                IntStream.range(0, n).parallel().forEach(i -> sealed[i] = pd.sealHealth(HealthDetails.of(health[i], grade[i])));
                Array idArray = c.createArrayOf("bigint", java.util.Arrays.copyOf(ids, n));
                Array encArray = c.createArrayOf("bytea", sealed);
                write.setArray(1, idArray);
                write.setArray(2, encArray);
                write.executeUpdate();
                idArray.free();
                encArray.free();
                last = ids[n - 1];
                done += n;
                if (System.nanoTime() - lastLog > 15_000_000_000L) {
                    lastLog = System.nanoTime();
                    log.info("household V3 (V13 before): sealed the health details of {} members ({} s)", done, (lastLog - t0) / 1_000_000_000);
                }
                if (n < batch) break;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("alter table member alter column health_enc set not null");
            st.execute("alter table member drop column health, drop column disability_grade");
            // every row was rewritten: fresh statistics now; the space of the old row versions is left to
            // (auto)vacuum, which cannot run inside this transaction (docs/operations.md: VACUUM after upgrading)
            st.execute("analyze member");
            st.execute("comment on column member.health_enc is "
                    + "'health status and disability grade, sealed (PersonalDataApi.sealHealth): personal information'");
        }
        log.info("household V3 (V13 before): sealed the health details of {} members in {} ms; clear columns dropped", done,
                (System.nanoTime() - t0) / 1_000_000);
        return done;
    }
}
