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
    private final List<Warning> pending = new ArrayList<>(BATCH);
    long fresh;
    final List<Long> toIntake = new ArrayList<>();
    Summary summary;

    /** Where a warning's household is and its number, as the run read the registry: stored with each warning. */
    record Household(String villageCode, String householdNo) {}

    RunResults(JdbcClient jdbc, PersonalDataApi personalData, long runId, String period, Map<String, Household> villages,
               Set<String> autoRules) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.runId = runId;
        this.period = period;
        this.villages = villages;
        this.autoRules = autoRules;
    }

    @Override
    public void warnings(List<Warning> inOrder) {
        for (Warning w : inOrder) {
            pending.add(w);
            if (pending.size() == BATCH) flush();
        }
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
        }
        jdbc.sql("""
                insert into screening_warning (period, household_id, village_code, household_no, rule, person_hash,
                    id_number_enc, risk_type, source, line, detail, first_run_id, last_run_id)
                select :p, t.hid, t.village, t.no, t.rule, decode(t.hash, 'hex'), decode(t.enc, 'hex'), t.risk, t.src,
                       t.line, t.detail, :run, :run
                from unnest(:hid::bigint[], :village::text[], :no::text[], :rule::text[], :hash::text[], :enc::text[],
                            :risk::text[], :src::text[], :line::int[], :detail::text[])
                     as t(hid, village, no, rule, hash, enc, risk, src, line, detail)
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
                .query((java.sql.ResultSet rs) -> {
                    if (rs.getBoolean(3)) {
                        fresh++;
                        if (autoRules.contains(rs.getString(2))) toIntake.add(rs.getLong(1));
                    }
                });
        pending.clear();
    }
}
