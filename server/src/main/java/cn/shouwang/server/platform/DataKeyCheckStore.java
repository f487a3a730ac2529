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

    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
