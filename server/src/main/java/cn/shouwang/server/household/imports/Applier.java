package cn.shouwang.server.household.imports;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HeadChanged;
import cn.shouwang.server.household.HouseholdMoved;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a previewed import into the registry with set-based statements (INSERT … SELECT, UPDATE … FROM from the
 * staging rows), inside the caller's one transaction: all or nothing. Only rows the preview found sound (ok) are
 * written; a blank cell or a missing column keeps the registry's value. Audits every household created or changed
 * (one row each, COPY) and publishes HouseholdMoved and HeadChanged like the registry's own pages.
 */
@Component
class Applier {
    /**
     * The sound staging rows of import :i with {@code hid}, the registry household each goes to: the matched one, or
     * the id given to its new household (import_new_household). Joined where needed rather than written into every
     * staging row (an update that rewrote every row of an import into an empty registry).
     */
    static final String STAGED = """
            (select s.*, coalesce(s.household_id, n.id) as hid from import_person s
               left join import_new_household n on n.import_id = s.import_id and n.hh_key = s.hh_key
              where s.import_id = :i and s.ok)""";
    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final PersonalDataApi pd;
    private final AuditApi audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Applier(JdbcClient jdbc, DataSource ds, PersonalDataApi pd, AuditApi audit, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(ds);
        this.streaming.setFetchSize(5000);
        this.pd = pd;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    record Applied(long householdsNew, long householdsChanged, long personsNew, long personsChanged) {}

    /** Only in the caller's transaction. */
    Applied apply(long id, int editionId, int incomeYear, @Nullable Long accountId, String username, String fileName) {
        Timestamp now = Timestamp.from(clock.instant());
        Steps steps = new Steps(id);
        // the per-capita values (household V7) are refreshed once at the end for the households touched, not after
        // every statement (this transaction only)
        jdbc.sql("select set_config('shouwang.bulk_load', 'on', true)").query(String.class).single();
        // this transaction only: the joins over the staging hash in memory, and the name grams of the new members
        // go into the GIN index in larger batches (its pending list is merged each time it passes the limit: at the
        // 4 MB default, hundreds of merges for a million members)
        jdbc.sql("select set_config('work_mem', '64MB', true), set_config('gin_pending_list_limit', '32MB', true)")
                .query().singleRow();
        // heads and villages before, for the events
        Map<Long, Long> headsBefore = new HashMap<>();
        jdbc.sql("""
                select h.id, (select m.id from member m where m.household_id = h.id and m.relation = 'HEAD' and m.status = 'ACTIVE')
                  from household h where h.id in (select household_id from import_person where import_id = :i and ok
                                                  union select m.household_id from import_person s join member m on m.id = s.member_id
                                                         where s.import_id = :i and s.ok)""")
                .param("i", id).query(rs -> { headsBefore.put(rs.getLong(1), (Long) rs.getObject(2)); });
        List<Object[]> moves = jdbc.sql("""
                select distinct h.id, h.household_no, h.village_code, s.village_code from import_person s join household h on h.id = s.household_id
                 where s.import_id = :i and s.ok and s.hh_status = 'CHANGED' and s.village_code <> h.village_code""")
                .param("i", id).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list();
        steps.done("apply: heads and moves before");

        // new households: ids and (for files without 户编号) numbers given before the insert, so the rows can point at them
        jdbc.sql("delete from import_new_household where import_id = :i").param("i", id).update();
        jdbc.sql("""
                insert into import_new_household (import_id, hh_key, id, village_code, household_no, seq)
                select :i, hh_key, nextval('household_id_seq'), village_code, household_no, seq
                  from (select distinct on (hh_key) hh_key, village_code, household_no, seq from import_person
                         where import_id = :i and ok and hh_status = 'NEW' order by hh_key, seq) f""").param("i", id).update();
        jdbc.sql("""
                with mx as (select v.village_code, coalesce(max(substr(h.household_no, 13)::int), 0) as m
                              from (select distinct village_code from import_new_household where import_id = :i and household_no is null) v
                              left join household h on h.household_no between v.village_code || '00000' and v.village_code || '99999'
                                    and h.household_no ~ '^[0-9]{17}$'
                             group by v.village_code),
                     g as (select n.hh_key, n.village_code || lpad((mx.m + row_number() over (partition by n.village_code order by n.seq))::text, 5, '0') as no
                             from import_new_household n join mx on mx.village_code = n.village_code
                            where n.import_id = :i and n.household_no is null)
                update import_new_household n set household_no = g.no from g where n.import_id = :i and g.hh_key = n.hh_key""")
                .param("i", id).update();
        long householdsNew = jdbc.sql("""
                insert into household (id, household_no, area_edition_id, village_code, village_group, formerly_poor, phone_enc,
                                       unsafe_house, safe_water, registered_on, version, created_at, updated_at)
                select n.id, n.household_no, :ed, s.village_code, s.village_group, coalesce(s.formerly_poor, false), s.hh_phone_enc,
                       s.unsafe_house, s.safe_water, s.hh_registered, 0, :now, :now
                  from import_new_household n join import_person s on s.import_id = :i and s.seq = n.seq where n.import_id = :i""")
                .param("i", id).param("ed", editionId).param("now", now).update();
        long householdsChanged = jdbc.sql("""
                update household h set
                       area_edition_id = case when s.village_code <> h.village_code then :ed else h.area_edition_id end,
                       village_code = s.village_code, village_group = coalesce(s.village_group, h.village_group),
                       formerly_poor = coalesce(s.formerly_poor, h.formerly_poor), unsafe_house = coalesce(s.unsafe_house, h.unsafe_house),
                       safe_water = coalesce(s.safe_water, h.safe_water), registered_on = coalesce(s.hh_registered, h.registered_on),
                       phone_enc = coalesce(s.hh_phone_enc, h.phone_enc), version = h.version + 1, updated_at = :now
                  from (select distinct on (hh_key) * from import_person where import_id = :i and ok and hh_status = 'CHANGED'
                         order by hh_key, seq) s
                 where h.id = s.household_id""").param("i", id).param("ed", editionId).param("now", now).update();
        steps.done("apply: households");

        // members changed or moved: those who stop being a head first, so one household never has two heads at once
        String update = """
                update member m set household_id = s.hid, area_code = s.village_code,
                       name = coalesce(s.name, m.name), name_grams = coalesce(s.name_grams, m.name_grams),
                       relation = coalesce(s.relation, m.relation), labour_capacity = coalesce(s.labour_capacity, m.labour_capacity),
                       schooling_stage = coalesce(s.schooling_stage, m.schooling_stage), health_enc = coalesce(s.health_enc, m.health_enc),
                       person_no = coalesce(s.person_no, m.person_no), ethnic_group = coalesce(s.ethnic_group, m.ethnic_group),
                       education = coalesce(s.education, m.education), months_in_work = coalesce(s.months_in_work, m.months_in_work),
                       serious_illness_insurance = coalesce(s.serious_illness_insurance, m.serious_illness_insurance),
                       main_cause = coalesce(s.main_cause, m.main_cause), registered_on = coalesce(s.registered_on, m.registered_on),
                       phone_enc = coalesce(s.phone_enc, m.phone_enc)
                  from {STAGED} s
                 where s.person_status in ('CHANGED', 'MOVED') and m.id = s.member_id and %s""".replace("{STAGED}", STAGED);
        // registry heads the file changes or moves are demoted first: one household never has two heads between two
        // statements (a head moving out and another moving in); the file's heads are set last
        jdbc.sql("""
                update member m set relation = 'OTHER' from import_person s
                 where s.import_id = :i and s.ok and s.person_status in ('CHANGED', 'MOVED') and m.id = s.member_id
                   and m.relation = 'HEAD'""").param("i", id).update();
        steps.done("apply: heads demoted");
        long personsChanged = jdbc.sql(update.formatted("s.relation is distinct from 'HEAD'")).param("i", id).update()
                + jdbc.sql(update.formatted("s.relation = 'HEAD'")).param("i", id).update();
        steps.done("apply: members changed");
        // a household that moved takes its members along (those the file does not name too)
        jdbc.sql("""
                update member m set area_code = h.village_code from household h
                 where m.household_id = h.id and m.area_code <> h.village_code
                   and h.id in (select household_id from import_person where import_id = :i and ok and hh_status = 'CHANGED')""")
                .param("i", id).update();
        byte[] healthy = pd.sealHealth(new HealthDetails(HealthStatus.HEALTHY, null));
        // no ORDER BY: the staging is read as it was copied (the file's order) without sorting millions of wide rows
        long personsNew = jdbc.sql("""
                insert into member (household_id, area_code, id_number_hash, id_number_enc, name, name_grams, sex, birth_date,
                                    relation, labour_capacity, health_enc, schooling_stage, medical_insurance, status,
                                    person_no, ethnic_group, education, months_in_work, serious_illness_insurance, main_cause,
                                    registered_on, phone_enc)
                select s.hid, s.village_code, s.id_number_hash, s.id_number_enc, s.name, s.name_grams, s.sex, s.birth_date,
                       coalesce(s.relation, 'OTHER'), coalesce(s.labour_capacity, 'ORDINARY'), coalesce(s.health_enc, :healthy),
                       coalesce(s.schooling_stage, 'NONE'), true, 'ACTIVE', s.person_no, s.ethnic_group, s.education,
                       s.months_in_work, s.serious_illness_insurance, s.main_cause, s.registered_on, s.phone_enc
                  from {STAGED} s where s.person_status = 'NEW'""".replace("{STAGED}", STAGED))
                .param("i", id).param("healthy", healthy).update();
        steps.done("apply: members new");

        // the year's income: the items when the file has them, else the per-capita figure (itemised = false); a new
        // household's from its first row (import_new_household.seq), a changed one's from its first sound row
        jdbc.sql("""
                insert into household_income as t (household_id, year, wages, business, property, transfers, production_costs,
                                                   eligible_out_of_pocket, claims, per_capita, itemised, recorded_by, recorded_at)
                select s.hid, :y, coalesce(s.wages, 0), coalesce(s.business, 0), coalesce(s.property, 0),
                       coalesce(s.transfers, 0), coalesce(s.production_costs, 0), coalesce(s.out_of_pocket, 0), s.claims,
                       s.per_capita, num_nonnulls(s.wages, s.business, s.property, s.transfers, s.production_costs, s.out_of_pocket) > 0,
                       :acc, :now
                  from (select s0.*, n.id as hid from import_new_household n
                          join import_person s0 on s0.import_id = n.import_id and s0.seq = n.seq where n.import_id = :i
                        union all
                        select * from (select distinct on (hh_key) * from {STAGED} s0 where hh_status = 'CHANGED'
                                        order by hh_key, seq) c) s
                 where num_nonnulls(s.per_capita, s.wages, s.business, s.property, s.transfers, s.production_costs, s.out_of_pocket, s.claims) > 0
                on conflict (household_id, year) do update set
                       wages = case when excluded.itemised then excluded.wages else t.wages end,
                       business = case when excluded.itemised then excluded.business else t.business end,
                       property = case when excluded.itemised then excluded.property else t.property end,
                       transfers = case when excluded.itemised then excluded.transfers else t.transfers end,
                       production_costs = case when excluded.itemised then excluded.production_costs else t.production_costs end,
                       eligible_out_of_pocket = case when excluded.itemised then excluded.eligible_out_of_pocket else t.eligible_out_of_pocket end,
                       claims = coalesce(excluded.claims, t.claims), per_capita = coalesce(excluded.per_capita, t.per_capita),
                       itemised = t.itemised or excluded.itemised, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at"""
                .replace("{STAGED}", STAGED))
                .param("i", id).param("y", incomeYear).param("acc", accountId).param("now", now).update();
        steps.done("apply: incomes");

        // the households changed (and those members moved out of) and the new ones
        jdbc.sql("""
                select household_per_capita_refresh(array(select unnest(cast(:before as bigint[]))
                                                          union select id from import_new_household where import_id = :i))""")
                .param("before", headsBefore.keySet().toArray(Long[]::new)).param("i", id).query().singleRow();
        jdbc.sql("select set_config('shouwang.bulk_load', 'off', true)").query(String.class).single();
        steps.done("apply: per-capita values");

        auditHouseholds(id, fileName);
        steps.done("apply: audit");
        publish(headsBefore, moves, LocalDate.now(clock), username);
        steps.done("apply: events");
        return new Applied(householdsNew, householdsChanged, personsNew, personsChanged);
    }

    /**
     * One HOUSEHOLD_IMPORT row per household created or changed (or whose members changed), by COPY, a range of
     * households at a time (read, then write: one connection cannot read with a cursor and COPY at once).
     */
    private void auditHouseholds(long id, String fileName) {
        String last = "";
        while (true) {
            List<String> keys = jdbc.sql("""
                    select distinct hh_key from import_person where import_id = :i and ok and hh_key > :last
                     order by 1 limit 5000""").param("i", id).param("last", last).query(String.class).list();
            if (keys.isEmpty()) break;
            String to = keys.get(keys.size() - 1);
            List<AuditApi.Bulk> batch = new ArrayList<>();
            String[] current = {null};
            long[] household = {-1};
            String[] area = {null};
            List<AuditApi.Change> changes = new ArrayList<>();
            boolean[] touched = {false};
            Runnable flushOne = () -> {
                if (current[0] != null && touched[0]) batch.add(new AuditApi.Bulk(household[0], null, area[0], List.copyOf(changes), fileName));
                changes.clear();
                touched[0] = false;
            };
            jdbc.sql("""
                    select coalesce(s.household_id, n.id), s.village_code, s.hh_status, s.hh_changes::text, s.person_status,
                           s.person_changes::text, s.name, n.household_no, s.hh_key
                      from import_person s
                      left join import_new_household n on n.import_id = s.import_id and n.hh_key = s.hh_key
                                                      and n.hh_key between :from and :to
                     where s.import_id = :i and s.ok and s.hh_key between :from and :to order by s.hh_key, s.seq""")
                    .param("i", id).param("from", keys.get(0)).param("to", to)
                    .query(rs -> {
                        String key = rs.getString(9);
                        boolean firstRow = !key.equals(current[0]);   // rows by household, seq: its first row has its changes
                        if (firstRow) {
                            flushOne.run();
                            current[0] = key;
                            household[0] = rs.getLong(1);
                            area[0] = rs.getString(2);
                        }
                        if (firstRow) {
                            if ("NEW".equals(rs.getString(3))) {
                                // a new household's number as given above (from the file or numbered in its village)
                                changes.add(new AuditApi.Change("householdNo", null, rs.getString(8)));
                                changes.add(new AuditApi.Change("village", null, rs.getString(2)));
                                touched[0] = true;
                            } else if ("CHANGED".equals(rs.getString(3))) {
                                changes.addAll(JsonChanges.parse(rs.getString(4)));
                                touched[0] = true;
                            }
                        }
                        String ps = rs.getString(5);
                        if ("NEW".equals(ps)) {
                            changes.add(new AuditApi.Change("member", null, rs.getString(7)));
                            touched[0] = true;
                        } else if ("CHANGED".equals(ps) || "MOVED".equals(ps)) {
                            changes.add(new AuditApi.Change("member", rs.getString(7), rs.getString(7)));
                            changes.addAll(JsonChanges.parse(rs.getString(6)));
                            touched[0] = true;
                        }
                    });
            flushOne.run();
            audit.recordAll(AuditAction.HOUSEHOLD_IMPORT, batch);
            last = to;
        }
    }

    private void publish(Map<Long, Long> headsBefore, List<Object[]> moves, LocalDate today, String username) {
        for (Object[] m : moves) {
            events.publishEvent(new HouseholdMoved((Long) m[0], (String) m[1], (String) m[2], (String) m[3], today, username));
        }
        List<Long> households = new ArrayList<>(headsBefore.keySet());
        List<HeadChanged> changed = new ArrayList<>();
        jdbc.sql("""
                select h.id, h.village_code, m.id, m.name from household h
                  left join member m on m.household_id = h.id and m.relation = 'HEAD' and m.status = 'ACTIVE'
                 where h.id = any(:ids)""").param("ids", households.toArray(Long[]::new))
                .query(rs -> {
                    Long before = headsBefore.get(rs.getLong(1));
                    Long after = (Long) rs.getObject(3);
                    // a household left without a head (its head moved out with the file) publishes nothing: the only
                    // listener (casework's head names) keeps the last name then, and one event per such household,
                    // each stored and handled in a transaction of its own, was the import's dearest step under load
                    if (after != null && !after.equals(before)) {
                        changed.add(new HeadChanged(rs.getLong(1), rs.getString(2), before, after, rs.getString(4)));
                    }
                });
        changed.forEach(events::publishEvent);
    }
}
