package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the registry of one county as the engine's four registry files (members, households, monitored, incomes). Rows are streamed from PostgreSQL
 * (cursor, fetch size) and id numbers are decrypted one row at a time. household_id = the database id, so a
 * warning finds its household without a lookup table.
 */
@Component
class RegistryExport {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PersonalDataApi personalData;

    RegistryExport(DataSource ds, TransactionTemplate tx, PersonalDataApi personalData) {
        this.jdbc = new JdbcTemplate(ds);
        this.jdbc.setFetchSize(5000); // PostgreSQL streams with a fetch size inside a transaction
        this.tx = tx;
        this.personalData = personalData;
    }

    void write(AreaScope county, Path dir) {
        tx.executeWithoutResult(s -> {
            try {
                members(county, dir);
                households(county, dir);
                monitored(county, dir);
                incomes(county, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void members(AreaScope county, Path dir) throws IOException {
        try (BufferedWriter w = PrivateFiles.newWriter(dir.resolve("members.csv"), StandardCharsets.UTF_8)) {
            w.write("household_id,id_number,name,relation,labour_capacity,status\n");
            jdbc.query("select household_id, id_number_enc, relation, labour_capacity, status from member "
                    + "where area_code like ? order by household_id, id", (ResultSet rs) -> {
                try {
                    w.write(rs.getLong(1) + "," + personalData.open(rs.getBytes(2)) + ",," + rs.getString(3) + ","
                            + rs.getString(4) + "," + rs.getString(5) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, county.likePattern());
        }
    }

    private void households(AreaScope county, Path dir) throws IOException {
        try (BufferedWriter w = PrivateFiles.newWriter(dir.resolve("households.csv"), StandardCharsets.UTF_8)) {
            w.write("household_id,area_code,head_id_number,formerly_poor\n");
            jdbc.query("""
                    select h.id, h.village_code, h.formerly_poor,
                           (select m.id_number_enc from member m where m.household_id = h.id and m.relation = 'HEAD'
                             and m.status = 'ACTIVE' limit 1) as head
                    from household h where h.village_code like ? order by h.id""", (ResultSet rs) -> {
                try {
                    byte[] head = rs.getBytes(4);
                    w.write(rs.getLong(1) + "," + rs.getString(2) + "," + (head == null ? "" : personalData.open(head))
                            + "," + (rs.getBoolean(3) ? "Y" : "N") + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, county.likePattern());
        }
    }

    private void monitored(AreaScope county, Path dir) throws IOException {
        try (BufferedWriter w = PrivateFiles.newWriter(dir.resolve("monitored.csv"), StandardCharsets.UTF_8)) {
            w.write("household_id,category,risk_types,identified_month,status\n");
            jdbc.query("select household_id, category, risk_types, to_char(identified_on, 'YYYY-MM'), status "
                    + "from monitored_household where village_code like ? order by household_id", (ResultSet rs) -> {
                try {
                    w.write(rs.getLong(1) + "," + rs.getString(2) + "," + String.join(";", strings(rs.getArray(3)))
                            + "," + rs.getString(4) + "," + ("MONITORED".equals(rs.getString(5)) ? "MONITORED" : "ELIMINATED")
                            + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, county.likePattern());
        }
    }

    // read like household and member above: the registry's tables in one streamed, consistent transaction
    private void incomes(AreaScope county, Path dir) throws IOException {
        try (BufferedWriter w = PrivateFiles.newWriter(dir.resolve("incomes.csv"), StandardCharsets.UTF_8)) {
            w.write("household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket\n");
            jdbc.query("""
                    select i.household_id, i.year, i.wages, i.business, i.property, i.transfers, i.production_costs,
                           i.eligible_out_of_pocket
                    from household_income i join household h on h.id = i.household_id
                    where h.village_code like ? order by i.household_id, i.year""", (ResultSet rs) -> {
                try {
                    StringBuilder line = new StringBuilder(80).append(rs.getLong(1)).append(',').append(rs.getInt(2));
                    for (int c = 3; c <= 8; c++) line.append(',').append(rs.getBigDecimal(c).toPlainString());
                    w.write(line.append('\n').toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, county.likePattern());
        }
    }

    private static String[] strings(Array a) throws SQLException {
        return a == null ? new String[0] : (String[]) a.getArray();
    }

}
