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

    /**
     * The {@code bytea} columns of the module schemas that hold no sealed value and no keyed hash, each with why.
     * {@code SealedColumnsTest} fails on any other {@code bytea} column not named {@code *_enc} or {@code *_hash}: a
     * new column of binary data is either named as sealed (and then rotated and backed up as such) or listed here.
     */
    public static final java.util.Map<String, String> NOT_SEALED = java.util.Map.of(
            "platform.data_key_check.check_value", "the key's check value: replaced at the end of a rotation",
            "platform.key_rotation.new_check_value", "the new key's check value of a rotation under way",
            "platform.spring_session_attributes.attribute_bytes", "serialized web sessions (Spring Session JDBC): a "
                    + "search token inside is sealed on its own and, after a rotation, is refused like an expired one");

    /** Every bytea column of the module schemas, as {@code schema.table.column} (for the test of the naming rule). */
    public List<String> byteaColumns() {
        return jdbc.sql("""
                select c.table_schema || '.' || c.table_name || '.' || c.column_name from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.data_type = 'bytea' and t.table_type = 'BASE TABLE' and c.table_schema in (:schemas)
                 order by 1""")
                .param("schemas", ModuleSchemas.MODULES).query(String.class).list();
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
     * A table with sealed columns: its primary key's columns and their types, its sealed columns ({@code *_enc}) and its
     * lookup hashes ({@code *_hash}, each the keyed hash of the id number sealed in the column it is paired with).
     */
    public record SealedTable(String schema, String table, List<String> key, List<String> keyTypes, List<String> sealed,
                              List<String> hashes) {
        String qualified() {
            return quote(schema) + "." + quote(table);
        }

        /** {@code (k1, k2) > (cast(:a0 as t1), cast(:a1 as t2))} or {@code k1 = … and k2 = …}. */
        String keyCondition(boolean after) {
            StringBuilder cols = new StringBuilder();
            StringBuilder vals = new StringBuilder();
            StringBuilder eq = new StringBuilder();
            for (int i = 0; i < key.size(); i++) {
                String v = "cast(:a" + i + " as " + keyTypes.get(i) + ")";
                if (i > 0) {
                    cols.append(", ");
                    vals.append(", ");
                    eq.append(" and ");
                }
                cols.append(quote(key.get(i)));
                vals.append(v);
                eq.append(quote(key.get(i))).append(" = ").append(v);
            }
            return after ? "(" + cols + ") > (" + vals + ")" : eq.toString();
        }
    }

    /** Every module table with a sealed column, with what a rotation needs of it; refuses one without a primary key. */
    public List<SealedTable> sealedTables() {
        java.util.Map<List<String>, List<SealedColumn>> byTable = new java.util.LinkedHashMap<>();
        for (SealedColumn c : sealedColumns()) {
            byTable.computeIfAbsent(List.of(c.schema(), c.table()), k -> new java.util.ArrayList<>()).add(c);
        }
        List<SealedTable> tables = new java.util.ArrayList<>();
        for (var e : byTable.entrySet()) {
            String schema = e.getKey().get(0);
            String table = e.getKey().get(1);
            List<String> key = new java.util.ArrayList<>();
            List<String> types = new java.util.ArrayList<>();
            jdbc.sql("""
                    select a.attname, format_type(a.atttypid, a.atttypmod) from pg_index i
                      cross join lateral unnest(i.indkey) with ordinality as k(attnum, n)
                      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                     where i.indrelid = cast(:t as regclass) and i.indisprimary order by k.n""")
                    .param("t", quote(schema) + "." + quote(table))
                    .query(rs -> {
                        key.add(rs.getString(1));
                        types.add(rs.getString(2));
                    });
            if (key.isEmpty()) {
                throw new IllegalStateException("table " + schema + "." + table + " has sealed columns but no primary key: "
                        + "a key rotation cannot walk it");
            }
            List<String> hashes = jdbc.sql("""
                    select column_name from information_schema.columns
                     where table_schema = :s and table_name = :t and data_type = 'bytea' and column_name like '%\\_hash'
                     order by column_name""")
                    .param("s", schema).param("t", table).query(String.class).list();
            tables.add(new SealedTable(schema, table, key, types, e.getValue().stream().map(SealedColumn::column).toList(),
                    hashes));
        }
        return tables;
    }

    /** One row of a sealed table: its key's values (as text) and its sealed and hash columns' values, by column name. */
    public record SealedRow(List<String> key, java.util.Map<String, byte[]> values) {}

    /** The next rows after {@code afterKey} (null: from the first), by key, locked for the caller's transaction. */
    public List<SealedRow> sealedRows(SealedTable t, @org.jspecify.annotations.Nullable List<String> afterKey, int limit) {
        List<String> cols = new java.util.ArrayList<>(t.sealed());
        cols.addAll(t.hashes());
        StringBuilder select = new StringBuilder("select ");
        // the key's text copies get names of their own: named like the key, ORDER BY would sort by the text (1, 10, 100,
        // 11, …) while the WHERE compares the typed key, and a resumed walk skipped every row in between
        for (int i = 0; i < t.key().size(); i++) select.append(quote(t.key().get(i))).append("::text as \"_rotation_key").append(i).append("\", ");
        select.append(String.join(", ", cols.stream().map(DataKeyCheckStore::quote).toList()))
                .append(" from ").append(t.qualified());
        if (afterKey != null) select.append(" where ").append(t.keyCondition(true));
        select.append(" order by ").append(String.join(", ", t.key().stream().map(DataKeyCheckStore::quote).toList()))
                .append(" limit :limit for update");
        var stmt = jdbc.sql(select.toString()).param("limit", limit);
        if (afterKey != null) for (int i = 0; i < afterKey.size(); i++) stmt = stmt.param("a" + i, afterKey.get(i));
        int n = t.key().size();
        return stmt.query((rs, i) -> {
            List<String> key = new java.util.ArrayList<>();
            for (int k = 1; k <= n; k++) key.add(rs.getString(k));
            java.util.Map<String, byte[]> v = new java.util.HashMap<>();
            for (String c : cols) v.put(c, rs.getBytes(c));
            return new SealedRow(key, v);
        }).list();
    }

    /** Writes a row's new values (the columns given; the others are left alone). */
    public void updateSealedRow(SealedTable t, SealedRow row) {
        if (row.values().isEmpty()) return;
        List<String> cols = new java.util.ArrayList<>(row.values().keySet());
        java.util.Collections.sort(cols);
        StringBuilder sql = new StringBuilder("update ").append(t.qualified()).append(" set ");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) sql.append(", ");
            sql.append(quote(cols.get(i))).append(" = :v").append(i);
        }
        sql.append(" where ").append(t.keyCondition(false));
        var stmt = jdbc.sql(sql.toString());
        for (int i = 0; i < cols.size(); i++) stmt = stmt.param("v" + i, row.values().get(cols.get(i)));
        for (int i = 0; i < row.key().size(); i++) stmt = stmt.param("a" + i, row.key().get(i));
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

    /** Where a table's rotation stands: done, and else the key of the last row re-sealed (null: none yet). */
    public record Progress(boolean done, @org.jspecify.annotations.Nullable List<String> lastKey) {}

    public Progress rotationProgress(SealedTable t) {
        return jdbc.sql("select done, last_key from key_rotation_table where table_schema = :s and table_name = :t")
                .param("s", t.schema()).param("t", t.table())
                .query((rs, i) -> {
                    java.sql.Array a = rs.getArray(2);
                    return new Progress(rs.getBoolean(1), a == null ? null : List.of((String[]) a.getArray()));
                })
                .optional().orElse(new Progress(false, null));
    }

    public void rotationProgressed(SealedTable t, @org.jspecify.annotations.Nullable List<String> lastKey, boolean done) {
        jdbc.sql("update key_rotation_table set last_key = cast(:l as text[]), done = :d where table_schema = :s and table_name = :t")
                .param("l", lastKey == null ? null : lastKey.toArray(String[]::new)).param("d", done)
                .param("s", t.schema()).param("t", t.table()).update();
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
