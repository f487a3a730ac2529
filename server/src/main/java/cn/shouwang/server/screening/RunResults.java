package cn.shouwang.server.screening;

import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.run.ResultSink;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Stores what the engine hands over, in the run's transaction: warnings upserted {@value #BATCH} at a time (one
 * {@code insert … select from unnest(…) on conflict} per batch: idempotent, see docs/screening.md), rejects in
 * batches. Id numbers go to the database sealed and as their keyed hash; nothing is written to disk.
 */
final class RunResults implements ResultSink {
    static final int BATCH = 1000;
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final PersonalDataApi personalData;
    private final long runId;
    private final String period;
    private final Map<String, Household> villages;
    private final Set<String> autoRules;
    private final int returnPercent;
    private final List<Warning> pending = new ArrayList<>(BATCH);
    long fresh;
    final List<Long> toIntake = new ArrayList<>();
    /** The registrations above the local limits this run found: recorded as the households' assets (docs/feeds-assets.md). */
    final List<cn.shouwang.server.household.HouseholdAssetsApi.DepartmentAsset> assets = new ArrayList<>();
    Summary summary;

    /** Where a warning's household is and its number, as the run read the registry: stored with each warning. */
    record Household(String villageCode, String householdNo) {}

    RunResults(JdbcClient jdbc, PersonalDataApi personalData, long runId, String period, Map<String, Household> villages,
               Set<String> autoRules, int returnPercent) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.runId = runId;
        this.period = period;
        this.villages = villages;
        this.autoRules = autoRules;
        this.returnPercent = returnPercent;
    }

    @Override
    public void warnings(List<Warning> inOrder) {
        for (Warning w : inOrder) {
            if (w.rule().asset()) assets.add(asset(w));
            pending.add(w);
            if (pending.size() == BATCH) flush();
        }
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
        flush();
        for (int from = 0; from < inOrder.size(); from += 5 * BATCH) {
            List<Reject> batch = inOrder.subList(from, Math.min(inOrder.size(), from + 5 * BATCH));
            String[] source = new String[batch.size()], reason = new String[batch.size()];
            Integer[] line = new Integer[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                source[i] = batch.get(i).source();
                line[i] = batch.get(i).line();
                reason[i] = batch.get(i).reason();
            }
            jdbc.sql("""
                    insert into screening_reject (run_id, source, line, reason)
                    select :r, t.s, t.l, t.x from unnest(:s::text[], :l::int[], :x::text[]) as t(s, l, x)""")
                    .param("r", runId).param("s", new SqlArrayValue("text", (Object[]) source))
                    .param("l", new SqlArrayValue("integer", (Object[]) line))
                    .param("x", new SqlArrayValue("text", (Object[]) reason)).update();
        }
    }

    @Override
    public void summary(Summary s) {
        this.summary = s;
    }

    /**
     * Idempotence: a warning is keyed by (period, household, rule, person). Seen again, it keeps its first sighting
     * and only records the later run; a new one counts in {@link #fresh} (and in {@link #toIntake} if its rule is
     * taken automatically).
     */
    private void flush() {
        int n = pending.size();
        if (n == 0) return;
        Long[] hid = new Long[n];
        String[] village = new String[n], no = new String[n], rule = new String[n], hash = new String[n], enc = new String[n],
                risk = new String[n], source = new String[n], detail = new String[n];
        java.math.BigDecimal[] amount = new java.math.BigDecimal[n];
        Integer[] line = new Integer[n];
        for (int i = 0; i < n; i++) {
            Warning w = pending.get(i);
            hid[i] = Long.parseLong(w.householdId());
            Household h = villages.get(w.householdId());
            village[i] = h.villageCode();
            no[i] = h.householdNo();
            rule[i] = w.rule().name();
            String id = w.idNumber();
            hash[i] = id.isEmpty() ? "" : HEX.formatHex(personalData.idNumberHash(IdNumber.of(id)));
            enc[i] = id.isEmpty() ? null : HEX.formatHex(personalData.seal(id));
            risk[i] = w.rule().riskType() == null ? null : w.rule().riskType().name();
            source[i] = w.rule().source().fileName();
            line[i] = w.line() > 0 ? w.line() : null;
            detail[i] = w.detail() == null ? "" : w.detail();
            amount[i] = WarningValues.amount(rule[i], detail[i]);
        }
        List<Long> created = new ArrayList<>();
        jdbc.sql("""
                insert into screening_warning (period, household_id, village_code, household_no, rule, person_hash,
                    id_number_enc, risk_type, source, line, detail, amount, first_run_id, last_run_id)
                select :p, t.hid, t.village, t.no, t.rule, decode(t.hash, 'hex'), decode(t.enc, 'hex'), t.risk, t.src,
                       t.line, t.detail, t.amount, :run, :run
                from unnest(:hid::bigint[], :village::text[], :no::text[], :rule::text[], :hash::text[], :enc::text[],
                            :risk::text[], :src::text[], :line::int[], :detail::text[], :amount::numeric[])
                     as t(hid, village, no, rule, hash, enc, risk, src, line, detail, amount)
                on conflict on constraint screening_warning_key
                do update set last_run_id = excluded.last_run_id, seen_count = screening_warning.seen_count + 1,
                    household_no = excluded.household_no
                returning id, rule, (xmax = 0)""")
                .param("p", period).param("run", runId)
                .param("hid", new SqlArrayValue("bigint", (Object[]) hid))
                .param("village", new SqlArrayValue("text", (Object[]) village))
                .param("no", new SqlArrayValue("text", (Object[]) no))
                .param("rule", new SqlArrayValue("text", (Object[]) rule))
                .param("hash", new SqlArrayValue("text", (Object[]) hash))
                .param("enc", new SqlArrayValue("text", (Object[]) enc))
                .param("risk", new SqlArrayValue("text", (Object[]) risk))
                .param("src", new SqlArrayValue("text", (Object[]) source))
                .param("line", new SqlArrayValue("integer", (Object[]) line))
                .param("detail", new SqlArrayValue("text", (Object[]) detail))
                .param("amount", new SqlArrayValue("numeric", (Object[]) amount))
                .query((java.sql.ResultSet rs) -> {
                    if (rs.getBoolean(3)) {
                        fresh++;
                        created.add(rs.getLong(1));
                        if (autoRules.contains(rs.getString(2))) toIntake.add(rs.getLong(1));
                    }
                });
        pending.clear();
        remember(created);
    }

    /**
     * Triage that remembers: a new warning whose fact (household, rule, person) was warned in an earlier period is
     * AGAIN; if that earlier warning was dismissed (by a person, or carried over), the new one stays dismissed with
     * the same reason unless its values changed materially from the values dismissed
     * ({@link WarningValues#changedMaterially}, setting {@code warning_return_percent}); then it is RETURNED.
     * One look-back query and one update per batch.
     */
    private void remember(List<Long> created) {
        if (created.isEmpty()) return;
        List<Long> ids = new ArrayList<>(), prev = new ArrayList<>(), from = new ArrayList<>();
        List<String> recurrence = new ArrayList<>();
        jdbc.sql("""
                select w.id, w.rule, w.detail, p.id, p.dismissed_from, d.detail, p.intake_outcome is null
                  from screening_warning w
                  join lateral (select q.id, q.dismissed_from, q.intake_outcome from screening_warning q
                                 where q.household_id = w.household_id and q.rule = w.rule
                                   and q.person_hash = w.person_hash and q.period < w.period
                                 order by q.period desc limit 1) p on true
                  left join screening_warning d on d.id = p.dismissed_from
                 where w.id = any(:ids)""")
                .param("ids", created.toArray(Long[]::new))
                .query((java.sql.ResultSet rs) -> {
                    ids.add(rs.getLong(1));
                    prev.add(rs.getLong(4));
                    long dismissedFrom = rs.getLong(5);
                    boolean dismissed = !rs.wasNull() && rs.getBoolean(7);
                    if (!dismissed) {
                        recurrence.add("AGAIN");
                        from.add(null);
                    } else if (WarningValues.changedMaterially(rs.getString(2), rs.getString(6), rs.getString(3), returnPercent)) {
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
