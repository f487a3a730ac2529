package cn.shouwang.server.platform;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where the personal-data key's check value lives (table {@code data_key_check}, platform V2), and a way to find one
 * sealed value already in the database without naming any module's table: the catalogue lists every {@code bytea}
 * column named {@code *_enc} in the module schemas (the project's name for a sealed column).
 */
@Repository
public class DataKeyCheckStore {
    private final JdbcClient jdbc;

    DataKeyCheckStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<byte[]> stored() {
        return jdbc.sql("select check_value from data_key_check where id = 1").query(byte[].class).optional();
    }

    /** Writes the check value (the first start, or the end of a key rotation). */
    public void store(byte[] value) {
        jdbc.sql("""
                insert into data_key_check (id, check_value, set_at) values (1, :v, now())
                on conflict (id) do update set check_value = excluded.check_value, set_at = excluded.set_at""")
                .param("v", value).update();
    }

    /** A sealed column: schema, table, column. */
    public record SealedColumn(String schema, String table, String column) {
        String qualified() {
            return quote(schema) + "." + quote(table);
        }
    }

    /** Every sealed column of the module schemas, by the catalogue (module names from {@link ModuleSchemas}). */
    public List<SealedColumn> sealedColumns() {
        return jdbc.sql("""
                select c.table_schema, c.table_name, c.column_name from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.data_type = 'bytea' and c.column_name like '%\\_enc' and t.table_type = 'BASE TABLE'
                   and c.table_schema in (:schemas)
                 order by 1, 2, 3""")
                .param("schemas", ModuleSchemas.MODULES)
                .query((rs, i) -> new SealedColumn(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Some sealed value of the database (the first non-empty sealed column's first value), if it holds any. */
    public Optional<byte[]> anySealedValue() {
        for (SealedColumn c : sealedColumns()) {
            Optional<byte[]> v = jdbc.sql("select " + quote(c.column()) + " from " + c.qualified()
                            + " where " + quote(c.column()) + " is not null limit 1")
                    .query(byte[].class).optional();
            if (v.isPresent()) return v;
        }
        return Optional.empty();
    }

    // ---- key rotation (personaldata.KeyRotation): the catalogue's sealed tables, their rows in batches, the progress

    /**
     * A table with sealed columns: its integer primary key, its sealed columns ({@code *_enc}) and its lookup hashes
     * ({@code *_hash}, each the keyed hash of the id number sealed in the column it is paired with).
     */
    public record SealedTable(String schema, String table, String key, List<String> sealed, List<String> hashes) {
        String qualified() {
            return quote(schema) + "." + quote(table);
        }
    }

    /** Every module table with a sealed column, with what a rotation needs of it; refuses one without an integer key. */
    public List<SealedTable> sealedTables() {
        java.util.Map<List<String>, List<SealedColumn>> byTable = new java.util.LinkedHashMap<>();
        for (SealedColumn c : sealedColumns()) {
            byTable.computeIfAbsent(List.of(c.schema(), c.table()), k -> new java.util.ArrayList<>()).add(c);
        }
        List<SealedTable> tables = new java.util.ArrayList<>();
        for (var e : byTable.entrySet()) {
            String schema = e.getKey().get(0);
            String table = e.getKey().get(1);
            List<String> key = jdbc.sql("""
                    select a.attname from pg_index i
                      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                     where i.indrelid = cast(:t as regclass) and i.indisprimary
                       and format_type(a.atttypid, a.atttypmod) in ('bigint', 'integer')""")
                    .param("t", quote(schema) + "." + quote(table)).query(String.class).list();
            if (key.size() != 1) {
                throw new IllegalStateException("table " + schema + "." + table + " has sealed columns but no single "
                        + "integer primary key: a key rotation cannot walk it");
            }
            List<String> hashes = jdbc.sql("""
                    select column_name from information_schema.columns
                     where table_schema = :s and table_name = :t and data_type = 'bytea' and column_name like '%\\_hash'
                     order by column_name""")
                    .param("s", schema).param("t", table).query(String.class).list();
            tables.add(new SealedTable(schema, table, key.get(0), e.getValue().stream().map(SealedColumn::column).toList(),
                    hashes));
        }
        return tables;
    }

    /** One row of a sealed table: its key and its sealed and hash columns' values, by column name. */
    public record SealedRow(long id, java.util.Map<String, byte[]> values) {}

    /** The next rows after {@code afterId}, by key, locked for the caller's transaction. */
    public List<SealedRow> sealedRows(SealedTable t, long afterId, int limit) {
        List<String> cols = new java.util.ArrayList<>(t.sealed());
        cols.addAll(t.hashes());
        String select = "select " + quote(t.key()) + cols.stream().map(c -> ", " + quote(c)).reduce("", String::concat)
                + " from " + t.qualified() + " where " + quote(t.key()) + " > :after order by " + quote(t.key())
                + " limit :limit for update";
        return jdbc.sql(select).param("after", afterId).param("limit", limit).query((rs, i) -> {
            java.util.Map<String, byte[]> v = new java.util.HashMap<>();
            for (String c : cols) v.put(c, rs.getBytes(c));
            return new SealedRow(rs.getLong(1), v);
        }).list();
    }

    /** Writes a row's new values (sealed and hash columns; nulls stay null). */
    public void updateSealedRow(SealedTable t, SealedRow row) {
        List<String> cols = new java.util.ArrayList<>(row.values().keySet());
        java.util.Collections.sort(cols);
        StringBuilder sql = new StringBuilder("update ").append(t.qualified()).append(" set ");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) sql.append(", ");
            sql.append(quote(cols.get(i))).append(" = :v").append(i);
        }
        sql.append(" where ").append(quote(t.key())).append(" = :id");
        var stmt = jdbc.sql(sql.toString()).param("id", row.id());
        for (int i = 0; i < cols.size(); i++) stmt = stmt.param("v" + i, row.values().get(cols.get(i)));
        stmt.update();
    }

    /** The new key's check value of a rotation under way (started and not finished), if any. */
    public Optional<byte[]> rotationUnderWay() {
        return jdbc.sql("select new_check_value from key_rotation where finished_at is null").query(byte[].class).optional();
    }

    /** Starts a rotation (or, with the same new key, finds the one under way): its tables' progress rows. */
    public void startRotation(byte[] newCheckValue, List<SealedTable> tables) {
        jdbc.sql("delete from key_rotation where finished_at is not null").update();
        jdbc.sql("insert into key_rotation (id, new_check_value) values (1, :v) on conflict (id) do nothing")
                .param("v", newCheckValue).update();
        for (SealedTable t : tables) {
            jdbc.sql("insert into key_rotation_table (table_schema, table_name) values (:s, :t) on conflict do nothing")
                    .param("s", t.schema()).param("t", t.table()).update();
        }
    }

    /** The last key re-sealed in a table (0: none yet), or -1 when the table is done. */
    public long rotationProgress(SealedTable t) {
        return jdbc.sql("select case when done then -1 else last_id end from key_rotation_table "
                        + "where table_schema = :s and table_name = :t")
                .param("s", t.schema()).param("t", t.table()).query(Long.class).optional().orElse(0L);
    }

    public void rotationProgressed(SealedTable t, long lastId, boolean done) {
        jdbc.sql("update key_rotation_table set last_id = :l, done = :d where table_schema = :s and table_name = :t")
                .param("l", lastId).param("d", done).param("s", t.schema()).param("t", t.table()).update();
    }

    /** The end of a rotation: the new check value becomes the data's, the progress is cleared. */
    public void finishRotation(byte[] newCheckValue) {
        store(newCheckValue);
        jdbc.sql("update key_rotation set finished_at = now()").update();
        jdbc.sql("delete from key_rotation_table").update();
    }

    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
