package cn.shouwang.server.screening;

import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.run.ResultSink;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Stores what the engine hands over, in the run's transaction. Warnings are streamed to the database as the engine
 * hands them over, with COPY into a staging table (screening V10, unlogged; its rows are deleted in the same transaction, never committed) (the id number sealed and as its keyed hash on
 * the way, on this thread while the engine's threads compare the next households); once the comparison is over,
 * {@link #finish} merges them into {@code screening_warning} in one statement (idempotent: a fact seen again keeps its
 * first sighting, see docs/screening.md) and rejects go in with COPY too. A failed run rolls all of it back. Nothing is
 * written to disk.
 */
final class RunResults implements ResultSink {
    /** The warnings of one run as the engine gave them, before they are merged (emptied in the run's transaction). */
    static final String STAGE = "screening_run_stage";

    private final JdbcClient jdbc;
    private final javax.sql.DataSource ds;
    private final PersonalDataApi personalData;
    private final long runId;
    private final String period;
    private final Places places;
    private final Set<String> autoRules;
    private final int returnPercent;
    private final java.util.concurrent.atomic.AtomicLong stored;
    private org.postgresql.copy.@org.jspecify.annotations.Nullable CopyIn copyIn;
    private cn.shouwang.server.platform.@org.jspecify.annotations.Nullable PgCopy copy;
    private @org.jspecify.annotations.Nullable Warning previous;
    long fresh;
    final List<Long> toIntake = new ArrayList<>();
    /** The registrations above the local limits this run found: recorded as the households' assets (docs/feeds-assets.md). */
    final List<cn.shouwang.server.household.HouseholdAssetsApi.DepartmentAsset> assets = new ArrayList<>();
    Summary summary;

    /**
     * Where each household of the run is and its number, as the run read the registry (stored with each warning):
     * filled in household id order (the registry is read so), looked up by binary search; arrays, not a map of
     * objects, for the millions of households of a city.
     */
    static final class Places {
        private long[] ids = new long[1024];
        private String[] villages = new String[1024];
        private String[] numbers = new String[1024];
        private int n;

        void add(long id, String villageCode, String householdNo) {
            if (n > 0 && id <= ids[n - 1]) throw new IllegalStateException("households out of id order");
            if (n == ids.length) {
                int size = n + (n >> 1);
                ids = java.util.Arrays.copyOf(ids, size);
                villages = java.util.Arrays.copyOf(villages, size);
                numbers = java.util.Arrays.copyOf(numbers, size);
            }
            ids[n] = id;
            // one String per village, not per household
            villages[n] = n > 0 && villageCode.equals(villages[n - 1]) ? villages[n - 1] : villageCode;
            numbers[n++] = householdNo;
        }

        private int at(long id) {
            int i = java.util.Arrays.binarySearch(ids, 0, n, id);
            if (i < 0) throw new IllegalStateException("a warning of a household the run did not read: " + id);
            return i;
        }

        String villageCode(long id) {
            return villages[at(id)];
        }

        String householdNo(long id) {
            return numbers[at(id)];
        }

        int size() {
            return n;
        }
    }

    RunResults(JdbcClient jdbc, javax.sql.DataSource ds, PersonalDataApi personalData, long runId, String period,
               Places places, Set<String> autoRules, int returnPercent, java.util.concurrent.atomic.AtomicLong stored) {
        this.jdbc = jdbc;
        this.ds = ds;
        this.personalData = personalData;
        this.runId = runId;
        this.period = period;
        this.places = places;
        this.autoRules = autoRules;
        this.returnPercent = returnPercent;
        this.stored = stored;
    }

    @Override
    public void start() {
        copyIn = copyIn("copy " + STAGE + " (run_id, household_id, village_code, household_no, rule, person_hash, "
                + "id_number_enc, risk_type, source, line, detail, amount) from stdin");
        copy = cn.shouwang.server.platform.PgCopy.to(copyIn);
    }

    private org.postgresql.copy.CopyIn copyIn(String sql) {
        try {
            java.sql.Connection c = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(ds);
            return c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot start COPY: " + sql, e);
        }
    }

    @Override
    public void warnings(List<Warning> inOrder) {
        cn.shouwang.server.platform.PgCopy c = java.util.Objects.requireNonNull(copy, "start() first");
        for (Warning w : inOrder) {
            // the engine gives warnings in key order: a fact twice in a row is stored once, its first sighting kept
            Warning p = previous;
            if (p != null && p.householdId().equals(w.householdId()) && p.rule() == w.rule()
                    && p.idNumber().equals(w.idNumber())) continue;
            previous = w;
            if (w.rule().asset()) assets.add(asset(w));
            long hid = Long.parseLong(w.householdId());
            String id = w.idNumber();
            String rule = w.rule().name();
            String detail = w.detail() == null ? "" : w.detail();
            java.math.BigDecimal amount = WarningValues.amount(rule, detail);
            c.add(runId).add(hid).add(places.villageCode(hid)).add(places.householdNo(hid)).add(rule)
                    .add(id.isEmpty() ? new byte[0] : personalData.idNumberHash(IdNumber.of(id)))
                    .add(id.isEmpty() ? null : personalData.seal(id))
                    .add(w.rule().riskType() == null ? null : w.rule().riskType().name())
                    .add(w.rule().source().fileName()).add(w.line() > 0 ? w.line() : null).add(detail)
                    .add(amount == null ? null : amount.toPlainString()).endRow();
        }
        stored.set(c.rows());
    }

    /** An asset warning as the household's asset: kind by rule, value and day from the detail the rule wrote. */
    private cn.shouwang.server.household.HouseholdAssetsApi.DepartmentAsset asset(Warning w) {
        Map<String, String> v = WarningValues.parse(w.detail());
        cn.shouwang.core.household.AssetKind kind = switch (w.rule()) {
            case VEHICLE_ASSET -> cn.shouwang.core.household.AssetKind.VEHICLE;
            case PROPERTY_ASSET -> cn.shouwang.core.household.AssetKind.COMMERCIAL_HOUSING;
            default -> cn.shouwang.core.household.AssetKind.BUSINESS;
        };
        String value = v.getOrDefault("value", v.get("registered_capital"));
        String day = v.get("registered_on");
        return new cn.shouwang.server.household.HouseholdAssetsApi.DepartmentAsset(Long.parseLong(w.householdId()), kind,
                "", new java.math.BigDecimal(value), day == null ? null : java.time.LocalDate.parse(day),
                w.rule().source().name(), period);
    }

    @Override
    public void rejects(List<Reject> inOrder) {
        endWarnings();
        if (inOrder.isEmpty()) return;
        org.postgresql.copy.CopyIn in = copyIn("copy screening_reject (run_id, source, line, reason) from stdin");
        try {
            cn.shouwang.server.platform.PgCopy c = cn.shouwang.server.platform.PgCopy.to(in);
            for (Reject r : inOrder) c.add(runId).add(r.source()).add(r.line()).add(r.reason()).endRow();
            c.close();
        } catch (RuntimeException e) {
            cancel(in);
            throw e;
        }
    }

    private void endWarnings() {
        if (copy != null) {
            copy.close();
            stored.set(copy.rows());
            copy = null;
            copyIn = null;
        }
    }

    /** A failed run: the COPY under way is cancelled so that the transaction can roll back on its connection. */
    void abort() {
        if (copyIn != null) cancel(copyIn);
        copy = null;
        copyIn = null;
    }

    private static void cancel(org.postgresql.copy.CopyIn in) {
        try {
            if (in.isActive()) in.cancelCopy();
        } catch (java.sql.SQLException e) {
            // the transaction is rolled back anyway; the connection is discarded if it cannot be used
        }
    }

    @Override
    public void summary(Summary s) {
        this.summary = s;
    }

    /**
     * The staged warnings into {@code screening_warning}, in one statement. Idempotence: a warning is keyed by
     * (period, household, rule, person). Seen again, it keeps its first sighting and only records the later run; a new
     * one counts in {@link #fresh} (and in {@link #toIntake} if its rule is taken automatically) and is looked up in
     * the earlier periods ({@link #remember}).
     */
    void finish() {
        endWarnings();
        if (stored.get() == 0) return;
        jdbc.sql("""
                with merged as (
                    insert into screening_warning (period, household_id, village_code, household_no, rule, person_hash,
                        id_number_enc, risk_type, source, line, detail, amount, first_run_id, last_run_id)
                    select :p, household_id, village_code, household_no, rule, person_hash, id_number_enc, risk_type, source,
                           line, detail, amount, :run, :run
                    from screening_run_stage where run_id = :run
                    on conflict on constraint screening_warning_key
                    do update set last_run_id = excluded.last_run_id, seen_count = screening_warning.seen_count + 1,
                        household_no = excluded.household_no
                    returning id, rule, (xmax = 0) as fresh)
                insert into screening_run_new (run_id, warning_id, rule) select :run, id, rule from merged where fresh""")
                .param("p", period).param("run", runId).update();
        jdbc.sql("delete from screening_run_stage where run_id = :run").param("run", runId).update();
        fresh = jdbc.sql("select count(*) from screening_run_new where run_id = :run").param("run", runId)
                .query(Long.class).single();
        if (!autoRules.isEmpty()) {
            toIntake.addAll(jdbc.sql("select warning_id from screening_run_new where run_id = :run and rule = any(:r) "
                            + "order by warning_id")
                    .param("run", runId).param("r", autoRules.toArray(String[]::new)).query(Long.class).list());
        }
        remember();
        jdbc.sql("delete from screening_run_new where run_id = :run").param("run", runId).update();
    }

    /**
     * Triage that remembers: a new warning whose fact (household, rule, person) was warned in an earlier period is
     * AGAIN; if that earlier warning was dismissed (by a person, or carried over), the new one stays dismissed with
     * the same reason unless its values changed materially from the values dismissed
     * ({@link WarningValues#changedMaterially}, setting {@code warning_return_percent}); then it is RETURNED.
     * Set-based over the run's new warnings: one update for those whose earlier
     * warning was not dismissed, and the few that continue a dismissal read back to compare their values.
     */
    private void remember() {
        boolean earlier = jdbc.sql("select exists (select 1 from screening_warning where period < :p)").param("p", period)
                .query(Boolean.class).single();
        if (!earlier) return;
        // each new warning's latest earlier warning of the same fact
        String previous = """
                with p as (
                    select n.warning_id as id, q.id as prev_id, q.dismissed_from,
                           (q.dismissed_from is not null and q.intake_outcome is null) as dismissed
                      from screening_run_new n
                      join screening_warning w on w.id = n.warning_id
                      join lateral (select x.id, x.dismissed_from, x.intake_outcome from screening_warning x
                                     where x.household_id = w.household_id and x.rule = w.rule
                                       and x.person_hash = w.person_hash and x.period < w.period
                                     order by x.period desc limit 1) q on true
                     where n.run_id = :run)
                """;
        jdbc.sql(previous + """
                update screening_warning w set recurrence = 'AGAIN', previous_id = p.prev_id
                  from p where w.id = p.id and not p.dismissed""").param("run", runId).update();
        List<Long> ids = new ArrayList<>(), prev = new ArrayList<>(), from = new ArrayList<>();
        List<String> recurrence = new ArrayList<>();
        jdbc.sql(previous + """
                select w.id, w.rule, w.detail, p.prev_id, p.dismissed_from, d.detail
                  from p
                  join screening_warning w on w.id = p.id
                  join screening_warning d on d.id = p.dismissed_from
                 where p.dismissed""").param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    ids.add(rs.getLong(1));
                    prev.add(rs.getLong(4));
                    long dismissedFrom = rs.getLong(5);
                    if (WarningValues.changedMaterially(rs.getString(2), rs.getString(6), rs.getString(3), returnPercent)) {
                        recurrence.add("RETURNED");
                        from.add(null);
                    } else {
                        recurrence.add("AGAIN");
                        from.add(dismissedFrom);
                    }
                });
        if (ids.isEmpty()) return;
        // a carried dismissal keeps the reason, note, person and time of the dismissal it continues
        jdbc.sql("""
                update screening_warning w set recurrence = t.rec, previous_id = t.prev,
                       dismissed_from = d.id, dismissed_reason = d.dismissed_reason, dismissed_note = d.dismissed_note,
                       dismissed_by = d.dismissed_by, dismissed_at = d.dismissed_at
                  from unnest(:ids::bigint[], :prev::bigint[], :rec::text[], :from::bigint[]) as t(id, prev, rec, src)
                  left join screening_warning d on d.id = t.src
                 where w.id = t.id""")
                .param("ids", new SqlArrayValue("bigint", ids.toArray()))
                .param("prev", new SqlArrayValue("bigint", prev.toArray()))
                .param("rec", new SqlArrayValue("text", recurrence.toArray()))
                .param("from", new SqlArrayValue("bigint", from.toArray()))
                .update();
    }
}
