package cn.shouwang.server.household.imports;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.PersonListColumn;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of registry_import and registry_import_mapping; every read by id carries the reader's area. */
@Repository
class ImportStore {
    private final JdbcClient jdbc;
    private final Clock clock;

    ImportStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    enum State { QUEUED, PARSING, PREVIEWED, APPLYING, APPLIED, FAILED, DISCARDED;
        public boolean open() { return this == PREVIEWED; }
        public boolean running() { return this == QUEUED || this == PARSING || this == APPLYING; }
    }

    /** What a file holds: a person list (农户档案导入) or incomes by household and year (收入导入). */
    enum Kind { PERSONS, INCOMES }

    /** An import as the pages show it. */
    record Import(long id, Kind kind, String areaCode, String username, String fileName, String sha256, @Nullable String storedFile,
                  State state, @Nullable String failureCode, List<String> failureArgs, long rowsRead, @Nullable Long rowsTotal,
                  @Nullable Integer headerLine, List<String> header, @Nullable String headerKey, List<String> unknownHeaders,
                  @Nullable LocalDate exportDate, Map<String, Long> counts, boolean skipProblems, OffsetDateTime createdAt,
                  OffsetDateTime updatedAt, @Nullable OffsetDateTime appliedAt, @Nullable String uploadedByName) {

        /** Who uploaded it, as pages name them: the display name, else (older imports, tools) the account name. */
        public String uploader() {
            return uploadedByName != null ? uploadedByName : username;
        }
        public long count(String key) {
            return counts.getOrDefault(key, 0L);
        }

        /** The percentage the progress bar shows while parsing (rows read of the rows the file has, when known). */
        public int percent() {
            if (rowsTotal == null || rowsTotal <= 0) return 0;
            return (int) Math.min(99, rowsRead * 100 / rowsTotal);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    long create(Kind kind, String areaCode, @Nullable Long accountId, String username, String fileName, String sha256) {
        // the uploader's display name when the upload comes from their request (the bench and tests have none)
        cn.shouwang.server.access.CurrentUser user = cn.shouwang.server.access.CurrentUsers.find();
        String name = user != null && user.username().equals(username) ? user.displayName() : null;
        return jdbc.sql("""
                insert into registry_import (kind, area_code, account_id, username, uploaded_by_name, file_name, sha256, state,
                                             created_at, updated_at)
                values (:k, :a, :acc, :u, :n, :f, :s, 'QUEUED', :now, :now) returning id""")
                .param("k", kind.name()).param("a", areaCode).param("acc", accountId).param("u", username).param("n", name)
                .param("f", fileName).param("s", sha256).param("now", now()).query(Long.class).single();
    }

    void storedFile(long id, @Nullable String path) {
        jdbc.sql("update registry_import set stored_file = :p, updated_at = :now where id = :id")
                .param("p", path).param("now", now()).param("id", id).update();
    }

    void state(long id, State state) {
        jdbc.sql("update registry_import set state = :s, failure_code = null, failure_args = null, updated_at = :now where id = :id")
                .param("s", state.name()).param("now", now()).param("id", id).update();
    }

    /** Moves from one state to another; false when the import was not in {@code from} (a second click). */
    boolean transition(long id, State from, State to) {
        return jdbc.sql("update registry_import set state = :to, updated_at = :now where id = :id and state = :from")
                .param("to", to.name()).param("from", from.name()).param("now", now()).param("id", id).update() == 1;
    }

    void failed(long id, String code, List<String> args) {
        jdbc.sql("""
                update registry_import set state = 'FAILED', failure_code = :c, failure_args = cast(:a as text[]), updated_at = :now
                 where id = :id""")
                .param("c", code).param("a", args.toArray(String[]::new)).param("now", now()).param("id", id).update();
    }

    /** Back to PREVIEWED with the reason why an apply was refused (the preview stays to be read). */
    void refusedApply(long id, String code, List<String> args) {
        jdbc.sql("""
                update registry_import set state = 'PREVIEWED', failure_code = :c, failure_args = cast(:a as text[]), updated_at = :now
                 where id = :id""")
                .param("c", code).param("a", args.toArray(String[]::new)).param("now", now()).param("id", id).update();
    }

    void progress(long id, long rowsRead, @Nullable Long total) {
        jdbc.sql("update registry_import set rows_read = :r, rows_total = coalesce(:t, rows_total), updated_at = :now where id = :id")
                .param("r", rowsRead).param("t", total).param("now", now()).param("id", id).update();
    }

    void parsed(long id, long rows, int headerLine, List<String> header, String headerKey, List<String> unknown,
                @Nullable LocalDate exportDate) {
        jdbc.sql("""
                update registry_import set rows_read = :r, rows_total = :r, header_line = :hl, header = cast(:h as text[]),
                       header_key = :k, unknown_headers = cast(:u as text[]), export_date = :d, updated_at = :now where id = :id""")
                .param("r", rows).param("hl", headerLine).param("h", header.toArray(String[]::new)).param("k", headerKey)
                .param("u", unknown.toArray(String[]::new)).param("d", exportDate).param("now", now()).param("id", id).update();
    }

    void counts(long id, Map<String, Long> counts) {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        json.append('}');
        jdbc.sql("update registry_import set counts = cast(:c as jsonb), updated_at = :now where id = :id")
                .param("c", json.toString()).param("now", now()).param("id", id).update();
    }

    void applied(long id, boolean skipProblems) {
        jdbc.sql("""
                update registry_import set state = 'APPLIED', skip_problems = :s, applied_at = :now, updated_at = :now
                 where id = :id""")
                .param("s", skipProblems).param("now", now()).param("id", id).update();
    }

    private static final String SELECT = """
            select id, kind, area_code, username, file_name, sha256, stored_file, state, failure_code, failure_args, rows_read,
                   rows_total, header_line, header, header_key, unknown_headers, export_date, counts::text as counts,
                   skip_problems, created_at, updated_at, applied_at, uploaded_by_name
              from registry_import""";

    /** The import, if the reader's scope covers the area it was made in. */
    Optional<Import> find(long id, AreaScope scope) {
        return jdbc.sql(SELECT + " where id = :id and area_code like :p")
                .param("id", id).param("p", scope.likePattern()).query(this::row).optional();
    }

    /** Any import (the background job). */
    Optional<Import> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(this::row).optional();
    }

    /** The imports made within the reader's scope, newest first. */
    List<Import> list(AreaScope scope, int limit) {
        return jdbc.sql(SELECT + " where area_code like :p order by id desc limit :l")
                .param("p", scope.likePattern()).param("l", limit).query(this::row).list();
    }

    /** Imports left running by a stopped server. */
    List<Long> interrupted() {
        return jdbc.sql("select id from registry_import where state in ('QUEUED', 'PARSING', 'APPLYING')").query(Long.class).list();
    }

    /** Previewed imports whose staging rows are gone (PostgreSQL empties unlogged tables after a crash). */
    List<Import> previewedWithoutStaging() {
        return jdbc.sql(SELECT + " r " + """
                where r.state = 'PREVIEWED' and r.rows_read > 0
                   and not exists (select 1 from import_person p where p.import_id = r.id)
                   and not exists (select 1 from import_income c where c.import_id = r.id)""").query(this::row).list();
    }

    private Import row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        String c = rs.getString("counts");
        if (c != null && c.length() > 2) {
            for (String part : c.substring(1, c.length() - 1).split(",")) {
                String[] kv = part.split(":");
                counts.put(kv[0].strip().replace("\"", ""), Long.parseLong(kv[1].strip()));
            }
        }
        return new Import(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("area_code"), rs.getString("username"), rs.getString("file_name"),
                rs.getString("sha256"), rs.getString("stored_file"), State.valueOf(rs.getString("state")),
                rs.getString("failure_code"), list(rs.getArray("failure_args")), rs.getLong("rows_read"),
                (Long) rs.getObject("rows_total"), (Integer) rs.getObject("header_line"), list(rs.getArray("header")),
                rs.getString("header_key"), list(rs.getArray("unknown_headers")), rs.getObject("export_date", LocalDate.class),
                counts, rs.getBoolean("skip_problems"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("applied_at", OffsetDateTime.class),
                rs.getString("uploaded_by_name"));
    }

    private static List<String> list(java.sql.@Nullable Array a) throws java.sql.SQLException {
        if (a == null) return List.of();
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) out.add(o == null ? "" : o.toString());
        return out;
    }

    // ---- the remembered mapping of unknown columns, by layout

    /** The layout's key: its header names, normalised, sorted, joined. */
    static String headerKey(List<String> header) {
        return header.stream().filter(h -> !h.isBlank()).map(PersonListColumn::normalize).sorted().distinct()
                .reduce((a, b) -> a + "|" + b).orElse("");
    }

    Map<String, PersonListColumn> mapping(String headerKey) {
        Map<String, PersonListColumn> out = new LinkedHashMap<>();
        jdbc.sql("select m.key, m.value from registry_import_mapping r, jsonb_each_text(r.mapping) m where r.header_key = :k")
                .param("k", headerKey)
                .query(rs -> {
                    try {
                        out.put(PersonListColumn.normalize(rs.getString(1)), PersonListColumn.valueOf(rs.getString(2)));
                    } catch (IllegalArgumentException e) {
                        // a column since renamed: forgotten
                    }
                });
        return out;
    }

    void saveMapping(String headerKey, Map<String, PersonListColumn> mapping, String username) {
        StringBuilder json = new StringBuilder("{");
        mapping.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"')
                .append(k.replace("\\", "\\\\").replace("\"", "\\\"")).append("\":\"").append(v.name()).append('"'));
        json.append('}');
        jdbc.sql("""
                insert into registry_import_mapping (header_key, mapping, updated_by, updated_at)
                values (:k, cast(:m as jsonb), :u, :now)
                on conflict (header_key) do update set mapping = excluded.mapping, updated_by = excluded.updated_by,
                                                       updated_at = excluded.updated_at""")
                .param("k", headerKey).param("m", json.toString()).param("u", username).param("now", now()).update();
    }

    /** Clears an import's staging rows and problems (before a new parse, and when it ends). */
    void clearStaging(long id) {
        jdbc.sql("delete from import_problem where import_id = :id").param("id", id).update();
        jdbc.sql("delete from import_person where import_id = :id").param("id", id).update();
        jdbc.sql("delete from import_income where import_id = :id").param("id", id).update();
    }
}
