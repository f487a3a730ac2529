package cn.shouwang.server.household.imports;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.server.household.ImportedMonitoring;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands the file's monitored households (a category given) to {@link ImportedMonitoring} in batches of
 * {@value #BATCH}: to preview while classifying, to apply inside the import's transaction. Without an implementation
 * every monitored household gets a warning "not applied" on its first row: shown, never dropped silently.
 */
@Component
class Monitoring {
    static final int BATCH = 1000;
    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final PersonalDataApi pd;
    private final ObjectProvider<ImportedMonitoring> spi;

    Monitoring(JdbcClient jdbc, DataSource ds, PersonalDataApi pd, ObjectProvider<ImportedMonitoring> spi) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(ds);
        this.streaming.setFetchSize(BATCH);
        this.pd = pd;
        this.spi = spi;
    }

    boolean available() {
        return spi.getIfAvailable() != null;
    }

    /** Previews (apply = false) or applies the monitored households of the import's sound rows; counts. */
    ImportedMonitoring.Outcome run(long id, boolean apply, String label) {
        ImportedMonitoring m = spi.getIfAvailable();
        if (m == null) {
            if (!apply) {
                jdbc.sql("""
                        insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                        select :i, s.sheet, s.line, null, 'registry.import.problem.monitoring.notApplied', '{}', false
                          from (select distinct on (hh_key) sheet, line from import_person
                                 where import_id = :i and ok and category is not null order by hh_key, seq) s""")
                        .param("i", id).update();
            }
            return ImportedMonitoring.Outcome.empty();
        }
        // most person lists carry no monitoring: one scan answers that, where the batched reads below would walk the
        // whole staging by its index
        if (!jdbc.sql("select exists (select 1 from import_person where import_id = :i and ok and category is not null)")
                .param("i", id).query(Boolean.class).single()) {
            return ImportedMonitoring.Outcome.empty();
        }
        ImportedMonitoring.Outcome[] total = {ImportedMonitoring.Outcome.empty()};
        String[] last = {""};
        while (true) {
        List<ImportedMonitoring.Monitored> batch = new ArrayList<>(BATCH);
        List<Object[]> where = new ArrayList<>();
        // a batch read, then handed over: the implementation writes on this transaction's connection
        streaming.query("""
                select coalesce(s.household_id, n.id), coalesce(s.household_no, h.household_no, n.household_no, ''), s.village_code,
                       coalesce((select o.name from import_person o where o.import_id = s.import_id and o.hh_key = s.hh_key
                                  and o.relation = 'HEAD' limit 1), s.name),
                       s.category, s.risks, s.disaster_subtype, s.identified_month, s.eliminated, s.eliminated_month,
                       s.officer, s.officer_unit, s.officer_phone_enc, s.measures, s.sheet, s.line, s.hh_key
                  from (select distinct on (hh_key) * from import_person where import_id = ? and ok and category is not null
                           and hh_key > ? order by hh_key, seq limit %d) s
                  left join import_new_household n on n.import_id = s.import_id and n.hh_key = s.hh_key
                  left join household h on h.id = coalesce(s.household_id, n.id) order by s.hh_key""".formatted(BATCH), rs -> {
            List<RiskType> risks = new ArrayList<>();
            for (Object r : (Object[]) rs.getArray(6).getArray()) risks.add(RiskType.valueOf((String) r));
            List<ImportedMonitoring.Officer> officers = new ArrayList<>();
            if (rs.getString(11) != null) {
                byte[] phone = rs.getBytes(13);
                officers.add(new ImportedMonitoring.Officer(rs.getString(11), rs.getString(12) == null ? "" : rs.getString(12),
                        phone == null ? null : pd.open(phone)));
            }
            List<ImportedMonitoring.Measure> measures = new ArrayList<>();
            for (Object o : (Object[]) rs.getArray(14).getArray()) {
                String s = (String) o;
                int colon = s.indexOf(':');
                measures.add(new ImportedMonitoring.Measure(MeasureGroup.valueOf(s.substring(0, colon)), s.substring(colon + 1)));
            }
            batch.add(new ImportedMonitoring.Monitored((Long) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), risks, rs.getString(7), month(rs.getObject(8, java.time.LocalDate.class)),
                    Boolean.TRUE.equals(rs.getObject(9)), month(rs.getObject(10, java.time.LocalDate.class)), officers, measures));
            where.add(new Object[] {rs.getString(15), rs.getInt(16)});
            last[0] = rs.getString(17);
        }, id, last[0]);
        if (batch.isEmpty()) break;
        total[0] = total[0].plus(send(m, id, batch, where, apply, label));
        }
        return total[0];
    }

    private ImportedMonitoring.Outcome send(ImportedMonitoring m, long id, List<ImportedMonitoring.Monitored> batch,
                                            List<Object[]> where, boolean apply, String label) {
        ImportedMonitoring.Outcome o = apply ? m.apply(List.copyOf(batch), label) : m.preview(List.copyOf(batch));
        if (!apply) {
            for (ImportedMonitoring.Refused r : o.refused()) {
                for (int k = 0; k < batch.size(); k++) {
                    if (batch.get(k).householdNo().equals(r.householdNo())) {
                        jdbc.sql("""
                                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                                values (:i, :s, :l, null, :c, cast(:a as text[]), false)""")
                                .param("i", id).param("s", where.get(k)[0]).param("l", where.get(k)[1]).param("c", r.messageCode())
                                .param("a", r.args().toArray(String[]::new)).update();
                    }
                }
            }
        }
        return o;
    }

    private static @Nullable YearMonth month(java.time.@Nullable LocalDate d) {
        return d == null ? null : YearMonth.from(d);
    }
}
