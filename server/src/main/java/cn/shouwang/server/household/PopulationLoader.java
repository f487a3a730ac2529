package cn.shouwang.server.household;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.core.person.Sex;
import cn.shouwang.core.population.AnnualIncome;
import cn.shouwang.core.population.GeneratedHousehold;
import cn.shouwang.core.population.GeneratedMember;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.OwnerDatabase;
import cn.shouwang.server.platform.PgCopy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk-loads generated households with COPY, encrypting id numbers, phones and health details on the way, in chunks of
 * 20,000 households per transaction (a failed chunk leaves the earlier ones complete and nothing half-written).
 * For very large loads the secondary indexes can be dropped first and rebuilt once at the end. Runs as the schema's
 * owner ({@link OwnerDatabase}): dropping and building indexes and ANALYZE are the owner's, not the server role's.
 */
@Component
class PopulationLoader {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PopulationLoader.class);
    private static final int CHUNK = 20_000;
    private static final String[] SECONDARY = {
            "create index if not exists member_household on member (household_id)",
            "create index if not exists member_area on member (area_code)",
            "create index if not exists member_name_grams on member using gin (name_grams)",
            "create index if not exists household_village on household (village_code, household_no)"};

    private final JdbcClient jdbc;
    private final DataSource ds;
    private final PersonalDataApi pd;
    private final TransactionTemplate tx;

    PopulationLoader(OwnerDatabase owner, PersonalDataApi pd) {
        this.jdbc = owner.jdbc();
        this.ds = owner.dataSource();
        this.pd = pd;
        this.tx = owner.transactions();
    }

    public record Loaded(long households, long persons, long millis) {}

    public Loaded load(Iterator<GeneratedHousehold> households, int editionId, boolean dropIndexesFirst) {
        long t0 = System.nanoTime();
        if (dropIndexesFirst) {
            for (String idx : List.of("member_household", "member_area", "member_name_grams", "household_village")) {
                jdbc.sql("drop index if exists " + idx).update();
            }
        }
        long base = jdbc.sql("select coalesce(max(id), 0) from household").query(Long.class).single();
        long memberBase = jdbc.sql("select coalesce(max(id), 0) from member").query(Long.class).single();
        long[] counts = {0, 0};
        long[] lastLog = {System.nanoTime()};
        while (households.hasNext()) {
            List<GeneratedHousehold> chunk = new ArrayList<>(CHUNK);
            while (households.hasNext() && chunk.size() < CHUNK) chunk.add(households.next());
            tx.executeWithoutResult(s -> {
                // the foreign keys are checked row by row, also in bulk mode: skipping them needed a superuser
                // (session_replication_role); the per-village counts' statement triggers run once per COPY
                java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
                // without the member index (bulk mode) the per-capita triggers would scan every member per chunk:
                // they skip this transaction's statements and the table is rebuilt once at the end (household V7)
                if (dropIndexesFirst) jdbc.sql("select set_config('shouwang.bulk_load', 'on', true)").query(String.class).single();
                try (PgCopy hc = PgCopy.open(ds, "household", "id, household_no, area_edition_id, village_code, village_group, "
                        + "address, formerly_poor, poverty_exit_year, phone_enc, version, created_at, updated_at")) {
                    long id = base + counts[0];
                    for (GeneratedHousehold h : chunk) {
                        id++;
                        hc.add(id).add(h.householdId()).add(editionId).add(h.villageCode()).add(h.villageGroup())
                          .add(h.address()).add(h.formerlyPoor() ? "t" : "f").add(h.exitYear())
                          .add(h.phone() == null || h.phone().isBlank() ? null : pd.seal(h.phone()))
                          .add(0).add(now).add(now).endRow();
                    }
                }
                try (PgCopy mc = PgCopy.open(ds, "member", "id, household_id, area_code, id_number_hash, id_number_enc, name, "
                        + "name_grams, sex, birth_date, relation, labour_capacity, health_enc, schooling_stage, "
                        + "medical_insurance, status")) {
                    long hid = base + counts[0];
                    long mid = memberBase + counts[1];
                    for (GeneratedHousehold h : chunk) {
                        hid++;
                        String county = h.villageCode().substring(0, 6);
                        for (GeneratedMember m : h.members()) {
                            mid++;
                            IdNumber idn = IdNumber.of(m.idNumber());
                            mc.add(mid).add(hid).add(h.villageCode()).add(pd.idNumberHash(idn)).add(pd.seal(idn.value()))
                              .add(m.name()).add(NameGrams.of(county, m.name())).add(m.sex() == Sex.MALE ? "M" : "F")
                              .add(m.birthDate()).add(m.relation().name()).add(m.labourCapacity().name())
                              .add(pd.sealHealth(new HealthDetails(m.health(), m.disabilityGrade()))).add(m.schooling().name())
                              .add(m.medicalInsurance() ? "t" : "f").add(m.status().name()).endRow();
                        }
                    }
                    counts[1] = mid - memberBase;
                }
                try (PgCopy ic = PgCopy.open(ds, "household_income", "household_id, year, wages, business, property, "
                        + "transfers, production_costs, eligible_out_of_pocket, recorded_at")) {
                    long hid = base + counts[0];
                    for (GeneratedHousehold h : chunk) {
                        hid++;
                        for (AnnualIncome in : h.incomes()) {
                            ic.add(hid).add(in.year()).add(in.wages().toPlainString()).add(in.business().toPlainString())
                              .add(in.property().toPlainString()).add(in.transfers().toPlainString())
                              .add(in.productionCosts().toPlainString()).add(in.eligibleOutOfPocket().toPlainString())
                              .add(now).endRow();
                        }
                    }
                }
                counts[0] += chunk.size();
            });
            if (System.nanoTime() - lastLog[0] > 15_000_000_000L) {
                lastLog[0] = System.nanoTime();
                log.info("loaded {} households, {} persons ({} s)", counts[0], counts[1], (lastLog[0] - t0) / 1_000_000_000);
            }
        }
        if (dropIndexesFirst) {
            log.info("rows loaded in {} s; building indexes", (System.nanoTime() - t0) / 1_000_000_000);
            jdbc.sql("set maintenance_work_mem = '1GB'").update();
            for (String idx : SECONDARY) jdbc.sql(idx).update();
            long t1 = System.nanoTime();
            jdbc.sql("select household_per_capita_rebuild()").query().singleRow();
            log.info("per-capita values rebuilt in {} s", (System.nanoTime() - t1) / 1_000_000_000);
        }
        jdbc.sql("select setval('household_id_seq', (select coalesce(max(id), 1) from household))").query(Long.class).single();
        jdbc.sql("select setval('member_id_seq', (select coalesce(max(id), 1) from member))").query(Long.class).single();
        jdbc.sql("analyze household").update();
        jdbc.sql("analyze member").update();
        jdbc.sql("analyze household_income").update();
        jdbc.sql("analyze household_per_capita").update();
        return new Loaded(counts[0], counts[1], (System.nanoTime() - t0) / 1_000_000);
    }
}
