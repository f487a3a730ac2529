package cn.shouwang.server.fieldwork.sweeps;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.fieldwork.FieldScopes;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.PgCopy;
import cn.shouwang.server.platform.RefusedInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sweeps (拉网式摸排): an area's households at opening must each get a visit in the period. The set is stored at
 * opening (the registry's roster of the area, copied in one COPY); progress is counted live from the visits of the
 * set's households dated in the period (at home / not found / not yet, the best visit wins); closing (by hand, or the
 * day after the end date) freezes each household's outcome and grid and the figures per village and grid. Every read
 * is cut to the reader's scope: a sweep is seen by whoever's scope it touches, with the rows inside that scope only.
 */
@Component
public class Sweeps {
    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);
    /** A period longer than this is not a sweep but a standing task (the rhythm's worklist). */
    static final int MAX_DAYS = 366;

    public enum State { OPEN, CLOSED }

    public record Sweep(long id, String name, String areaCode, String areaLo, String areaHi, LocalDate startsOn,
                        LocalDate endsOn, State state, int households, long openedBy, String openedByName,
                        OffsetDateTime openedAt, @Nullable OffsetDateTime closedAt, @Nullable String closedByName,
                        boolean closedAuto, int version) {
        public boolean open() {
            return state == State.OPEN;
        }
    }

    /**
     * The figures of one village and grid ({@code gridId} null: the village's households in no grid); a village's
     * own line has {@code village} true and sums its grids.
     */
    public record Figure(String villageCode, String villageName, @Nullable Long gridId, @Nullable String gridName,
                         boolean village, long households, long visited, long notFound, long notYet) {
        public long done() {
            return visited + notFound;
        }

        /** Percent of households visited (at home or not), whole numbers for the bar. */
        public int percent() {
            return households == 0 ? 0 : (int) (done() * 100 / households);
        }

        /** Percent visited at home (the bar's dark part). */
        public int homePercent() {
            return households == 0 ? 0 : (int) (visited * 100 / households);
        }

        public java.math.BigDecimal share() {
            return households == 0 ? java.math.BigDecimal.ZERO.setScale(2)
                    : java.math.BigDecimal.valueOf(done() * 100).divide(java.math.BigDecimal.valueOf(households), 2,
                            java.math.RoundingMode.HALF_UP);
        }
    }

    /** A sweep's figures in a scope: the villages (each followed by its grids) and the total. */
    public record Progress(List<Figure> rows, Figure total) {}

    /** A household not yet visited (for the monitor's list). */
    public record Pending(long householdId, String householdNo, String villageCode, String villageName,
                          @Nullable Long gridId, @Nullable String gridName, String headName, int members) {}

    /** An open sweep touching a scope and the households in the scope it still lacks (the worklist's banner). */
    public record Lacking(long sweepId, String name, long notYet) {}

    public static final class Conflict extends RuntimeException {
        Conflict() {
            super("sweep changed meanwhile");
        }
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final HouseholdApi households;
    private final AreaApi areas;
    private final AuditApi audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    Sweeps(JdbcClient jdbc, DataSource dataSource, HouseholdApi households, AreaApi areas, AuditApi audit, Clock clock,
           PlatformTransactionManager txManager) {
        this.tx = new TransactionTemplate(txManager);
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.households = households;
        this.areas = areas;
        this.audit = audit;
        this.clock = clock;
    }

    /** Administrators, county analysts and township staff open sweeps, inside their own scope. */
    public static boolean mayOpen(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.COUNTY_ANALYST || u.role() == Role.TOWNSHIP_STAFF;
    }

    /** Its opener or an administrator closes a sweep. */
    public static boolean mayClose(CurrentUser u, Sweep s) {
        return s.open() && (u.role() == Role.ADMIN || u.accountId() == s.openedBy());
    }

    private static Sweep row(ResultSet rs, int i) throws SQLException {
        return new Sweep(rs.getLong("id"), rs.getString("name"), rs.getString("area_code"), rs.getString("area_lo"),
                rs.getString("area_hi"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                State.valueOf(rs.getString("state")), rs.getInt("households"), rs.getLong("opened_by"),
                rs.getString("opened_by_name"), rs.getObject("opened_at", OffsetDateTime.class),
                rs.getObject("closed_at", OffsetDateTime.class), rs.getString("closed_by_name"),
                rs.getBoolean("closed_auto"), rs.getInt("version"));
    }

    /** The sweeps touching the scope (the sweep's area inside it, or it inside the sweep's), open ones first, newest first. */
    public List<Sweep> list(AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        return jdbc.sql("""
                select * from field_sweep where area_lo <= :hi and area_hi >= :lo
                 order by state = 'CLOSED', starts_on desc, id desc""")
                .param("lo", s.lo()).param("hi", s.hi()).query(Sweeps::row).list();
    }

    /** A sweep touching the scope, else empty (the pages answer 404). */
    public Optional<Sweep> find(long id, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        return jdbc.sql("select * from field_sweep where id = :id and area_lo <= :hi and area_hi >= :lo")
                .param("id", id).param("lo", s.lo()).param("hi", s.hi()).query(Sweeps::row).optional();
    }

    /**
     * Opens a sweep over an area inside {@code me}'s scope (outside: 404) and stores the area's households now as its
     * set. Refused: an area that is not a county, township or village, a period that ends before it starts, has ended
     * already or is longer than a year.
     */
    @Transactional
    public long open(SweepCmd cmd, CurrentUser me) {
        if (!mayOpen(me)) throw new AccessDeniedException("sweep opened by " + me.role());
        if (!me.scope().covers(cmd.areaCode())) throw new OutOfScopeException("area");
        AreaInfo area = areas.find(cmd.areaCode()).orElseThrow(() -> new OutOfScopeException("area"));
        AreaScope a = new AreaScope(area.code());
        if (a.level() < 3) throw new RefusedInputException("areaCode", "fieldwork.sweep.error.level");
        LocalDate today = LocalDate.now(clock);
        if (cmd.endsOn().isBefore(cmd.startsOn())) throw new RefusedInputException("endsOn", "fieldwork.sweep.error.period");
        if (cmd.endsOn().isBefore(today)) throw new RefusedInputException("endsOn", "fieldwork.sweep.error.ended");
        if (ChronoUnit.DAYS.between(cmd.startsOn(), cmd.endsOn()) >= MAX_DAYS) {
            throw new RefusedInputException("endsOn", "fieldwork.sweep.error.long");
        }
        long id = insertWithSet(cmd, a, me);
        audit.record(AuditAction.FIELD_SWEEP_OPEN, null, null, a.areaCode(), List.of(),
                "sweep " + id + " " + cmd.startsOn() + ".." + cmd.endsOn() + " "
                        + jdbc.sql("select households from field_sweep where id = :id").param("id", id).query(Integer.class).single()
                        + " households");
        return id;
    }

    /** The sweep's row and its household set, without the checks of {@link #open} (the demo's past sweep). */
    long insertWithSet(SweepCmd cmd, AreaScope a, CurrentUser me) {
        long id = jdbc.sql("""
                insert into field_sweep (name, area_code, area_lo, area_hi, starts_on, ends_on, opened_by, opened_by_name)
                values (:name, :area, :lo, :hi, :from, :to, :by, :byName) returning id""")
                .param("name", cmd.name().strip()).param("area", a.areaCode()).param("lo", a.lowestCode())
                .param("hi", a.highestCode()).param("from", cmd.startsOn()).param("to", cmd.endsOn())
                .param("by", me.accountId()).param("byName", me.displayName()).query(Long.class).single();
        int n = fillSet(id, a);
        jdbc.sql("update field_sweep set households = :n where id = :id").param("n", n).param("id", id).update();
        return id;
    }

    /**
     * The area's households (the registry's roster, read first: a COPY holds the connection) into the sweep's set in
     * one COPY: a county's 100,000 households are a few MB once.
     */
    private int fillSet(long sweepId, AreaScope area) {
        record Member(long id, String village) {}
        List<Member> set = new ArrayList<>();
        households.roster(area, r -> set.add(new Member(r.id(), r.villageCode())));
        try (PgCopy copy = PgCopy.open(dataSource, "field_sweep_household", "sweep_id, household_id, village_code")) {
            for (Member m : set) copy.add(sweepId).add(m.id()).add(m.village()).endRow();
        }
        return set.size();
    }

    /** Closes by hand: its opener or an administrator, at the version seen; the figures are frozen. */
    @Transactional
    public void close(long id, CloseSweepCmd cmd, CurrentUser me) {
        Sweep s = find(id, me.scope()).orElseThrow(() -> new OutOfScopeException("sweep"));
        if (!mayClose(me, s)) throw new AccessDeniedException("sweep closed by " + me.role());
        if (s.version() != cmd.version()) throw new Conflict();
        freeze(s, me.displayName(), false);
    }

    /** Closes every open sweep whose end date has passed (the day after it): called before sweeps are read. */
    public void closeExpired() {
        LocalDate today = LocalDate.now(clock);
        List<Sweep> due = jdbc.sql("select * from field_sweep where state = 'OPEN' and ends_on < :today")
                .param("today", today).query(Sweeps::row).list();
        // each sweep in its own transaction: one failing leaves the others closed
        for (Sweep s : due) tx.executeWithoutResult(st -> freezeAuto(s.id()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void closeExpiredAtStart() {
        closeExpired();
    }

    private void freezeAuto(long id) {
        jdbc.sql("select * from field_sweep where id = :id and state = 'OPEN' for update").param("id", id)
                .query(Sweeps::row).optional().ifPresent(s -> freeze(s, null, true));
    }

    private void freeze(Sweep s, @Nullable String by, boolean auto) {
        int changed = jdbc.sql("""
                update field_sweep set state = 'CLOSED', closed_at = now(), closed_by_name = :by, closed_auto = :auto,
                       version = version + 1
                 where id = :id and state = 'OPEN' and version = :v""")
                .param("by", by).param("auto", auto).param("id", s.id()).param("v", s.version()).update();
        if (changed == 0) throw new Conflict();
        jdbc.sql("""
                update field_sweep_household sh set outcome = coalesce((
                         select case when bool_or(v.found_at_home) then 'HOME' else 'AWAY' end from field_visit v
                          where v.household_id = sh.household_id and v.visited_on between :from and :to
                         having count(*) > 0), 'NONE')
                 where sh.sweep_id = :s""")
                .param("s", s.id()).param("from", s.startsOn()).param("to", s.endsOn()).update();
        jdbc.sql("""
                update field_sweep_household sh set grid_id = p.grid_id, grid_name = g.name
                  from field_household_place p join field_grid g on g.id = p.grid_id
                 where sh.sweep_id = :s and p.household_id = sh.household_id""")
                .param("s", s.id()).update();
        jdbc.sql("""
                insert into field_sweep_figure (sweep_id, village_code, grid_id, grid_name, households, visited, not_found, not_yet)
                select :s, village_code, grid_id, grid_name, count(*), count(*) filter (where outcome = 'HOME'),
                       count(*) filter (where outcome = 'AWAY'), count(*) filter (where outcome = 'NONE')
                  from field_sweep_household where sweep_id = :s group by village_code, grid_id, grid_name""")
                .param("s", s.id()).update();
        audit.record(AuditAction.FIELD_SWEEP_CLOSE, null, null, s.areaCode(), List.of(),
                "sweep " + s.id() + (auto ? " closed after its end date" : " closed"));
        log.info("sweep {} closed{}", s.id(), auto ? " after its end date" : "");
    }

    /**
     * Links a visit just stored to the open sweep covering its household and day (the newest if two do): the sweep's
     * visits can be listed; the figures themselves count every visit of the period, linked or not.
     */
    public void tag(long visitId) {
        jdbc.sql("""
                update field_visit v set sweep_id = (
                         select s.id from field_sweep s join field_sweep_household sh on sh.sweep_id = s.id
                          where sh.household_id = v.household_id and s.state = 'OPEN'
                            and v.visited_on between s.starts_on and s.ends_on
                          order by s.opened_at desc, s.id desc limit 1)
                 where v.id = :id""")
                .param("id", visitId).update();
    }

    // the live outcome of a set household: true at home, false not found, null not yet visited in the period
    private static final String LIVE = """
            select sh.household_id, sh.village_code, p.grid_id, g.name as grid_name, g.sort as grid_sort,
                   (select bool_or(v.found_at_home) from field_visit v
                     where v.household_id = sh.household_id and v.visited_on between :from and :to) as home
              from field_sweep_household sh
              left join field_household_place p on p.household_id = sh.household_id
              left join field_grid g on g.id = p.grid_id
             where sh.sweep_id = :s and sh.village_code between :lo and :hi""";

    /** The figures per village and grid inside the scope: live while open, the frozen ones once closed. */
    public Progress progress(Sweep s, AreaScope scope) {
        FieldScopes r = FieldScopes.of(scope);
        record Raw(String village, @Nullable Long grid, @Nullable String gridName, long households, long visited,
                   long notFound, long notYet) {}
        RowMapperRaw<Raw> map = rs -> {
            long g = rs.getLong(2);
            boolean noGrid = rs.wasNull(); // read before any other column
            return new Raw(rs.getString(1), noGrid ? null : g, rs.getString(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7));
        };
        List<Raw> raw = new ArrayList<>();
        if (s.open()) {
            jdbc.sql("select village_code, grid_id, grid_name, count(*), count(*) filter (where home),"
                            + " count(*) filter (where not home), count(*) filter (where home is null) from (" + LIVE + ") x"
                            + " group by village_code, grid_id, grid_name, grid_sort"
                            + " order by village_code, grid_id is null, grid_sort, grid_name")
                    .param("s", s.id()).param("from", s.startsOn()).param("to", s.endsOn())
                    .param("lo", r.lo()).param("hi", r.hi())
                    .query((RowCallbackHandler) rs -> raw.add(map.map(rs)));
        } else {
            jdbc.sql("""
                    select village_code, grid_id, grid_name, households, visited, not_found, not_yet from field_sweep_figure
                     where sweep_id = :s and village_code between :lo and :hi
                     order by village_code, grid_id is null, grid_name""")
                    .param("s", s.id()).param("lo", r.lo()).param("hi", r.hi())
                    .query((RowCallbackHandler) rs -> raw.add(map.map(rs)));
        }
        Set<String> villages = new HashSet<>();
        raw.forEach(x -> villages.add(x.village()));
        var names = villageNames(villages);
        List<Figure> rows = new ArrayList<>();
        long[] total = new long[4];
        int i = 0;
        while (i < raw.size()) {
            String v = raw.get(i).village();
            long[] sum = new long[4];
            List<Figure> grids = new ArrayList<>();
            String name = names.getOrDefault(v, v);
            boolean anyGrid = false;
            for (; i < raw.size() && raw.get(i).village().equals(v); i++) {
                Raw x = raw.get(i);
                anyGrid |= x.grid() != null;
                grids.add(new Figure(v, name, x.grid(), x.gridName(), false, x.households(), x.visited(), x.notFound(), x.notYet()));
                sum[0] += x.households();
                sum[1] += x.visited();
                sum[2] += x.notFound();
                sum[3] += x.notYet();
            }
            rows.add(new Figure(v, name, null, null, true, sum[0], sum[1], sum[2], sum[3]));
            // a village without grids has no sub-rows: its own line says it all
            if (anyGrid) rows.addAll(grids);
            for (int k = 0; k < 4; k++) total[k] += sum[k];
        }
        return new Progress(rows, new Figure("", "", null, null, true, total[0], total[1], total[2], total[3]));
    }

    @FunctionalInterface
    private interface RowMapperRaw<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private java.util.Map<String, String> villageNames(Set<String> codes) {
        if (codes.isEmpty()) return java.util.Map.of();
        return areas.currentEdition().map(e -> areas.names(e.id(), codes)).orElse(java.util.Map.of());
    }

    /** Which not-yet households a list shows: a village, a grid of it ({@code gridId}) or its households in no grid. */
    public record PendingFilter(@Nullable String village, @Nullable Long gridId, boolean noGrid) {}

    /** Not-yet households inside the scope, by village and household, a page of them ({@code limit} < 0: all). */
    public List<Pending> pending(Sweep s, AreaScope scope, PendingFilter f, int offset, int limit) {
        List<long[]> ids = new ArrayList<>();
        List<String[]> where = new ArrayList<>();
        pendingRows(s, scope, f, offset, limit, (id, village, grid, gridName) -> {
            ids.add(new long[] {id, grid == null ? -1 : grid});
            where.add(new String[] {village, gridName});
        });
        List<Pending> out = new ArrayList<>();
        Set<String> villages = new HashSet<>();
        where.forEach(w -> villages.add(w[0]));
        var names = villageNames(villages);
        // the registry's names in chunks (a county's export may list thousands)
        for (int from = 0; from < ids.size(); from += 1000) {
            int to = Math.min(ids.size(), from + 1000);
            List<Long> chunk = ids.subList(from, to).stream().map(x -> x[0]).toList();
            var refs = households.refs(chunk, scope);
            for (int k = from; k < to; k++) {
                long id = ids.get(k)[0];
                HouseholdApi.Ref ref = refs.get(id);
                String village = where.get(k)[0];
                long grid = ids.get(k)[1];
                out.add(new Pending(id, ref == null ? "" : ref.householdNo(), village, names.getOrDefault(village, village),
                        grid < 0 ? null : grid, where.get(k)[1], ref == null ? "" : ref.headName(),
                        ref == null ? 0 : ref.members()));
            }
        }
        return out;
    }

    /** How many households {@link #pending} lists without paging. */
    public long pendingCount(Sweep s, AreaScope scope, PendingFilter f) {
        return pendingQuery(s, scope, f, true, 0, -1).query(Long.class).single();
    }

    private interface PendingRow {
        void accept(long id, String village, @Nullable Long grid, @Nullable String gridName);
    }

    private void pendingRows(Sweep s, AreaScope scope, PendingFilter f, int offset, int limit, PendingRow out) {
        pendingQuery(s, scope, f, false, offset, limit).query((RowCallbackHandler) rs -> {
            long g = rs.getLong(3);
            boolean none = rs.wasNull();
            out.accept(rs.getLong(1), rs.getString(2), none ? null : g, rs.getString(4));
        });
    }

    private JdbcClient.StatementSpec pendingQuery(Sweep s, AreaScope scope, PendingFilter f, boolean count, int offset,
                                                  int limit) {
        FieldScopes r = FieldScopes.of(scope);
        String sql = s.open()
                ? "select household_id, village_code, grid_id, grid_name from (" + LIVE + ") x where home is null"
                : """
                  select household_id, village_code, grid_id, grid_name from field_sweep_household
                   where sweep_id = :s and village_code between :lo and :hi and outcome = 'NONE'""";
        if (f.village() != null) sql += " and village_code = :v";
        if (f.noGrid()) sql += " and grid_id is null";
        else if (f.gridId() != null) sql += " and grid_id = :g";
        if (count) sql = "select count(*) from (" + sql + ") c";
        else sql += " order by village_code, household_id" + (limit >= 0 ? " offset :off limit :lim" : "");
        var q = jdbc.sql(sql).param("s", s.id()).param("lo", r.lo()).param("hi", r.hi());
        if (s.open()) q = q.param("from", s.startsOn()).param("to", s.endsOn());
        if (f.village() != null) q = q.param("v", f.village());
        if (!f.noGrid() && f.gridId() != null) q = q.param("g", f.gridId());
        if (!count && limit >= 0) q = q.param("off", offset).param("lim", limit);
        return q;
    }

    /** The open sweeps touching the scope and how many of their households inside it wait for a visit. */
    public List<Lacking> lacking(AreaScope scope) {
        List<Lacking> out = new ArrayList<>();
        for (Sweep s : list(scope)) {
            if (!s.open()) continue;
            out.add(new Lacking(s.id(), s.name(), pendingCount(s, scope, new PendingFilter(null, null, false))));
        }
        return out;
    }

    /** The households inside the scope that an open sweep still lacks (the worklist's filter 本次摸排未走访). */
    public Set<Long> lackingHouseholds(AreaScope scope) {
        Set<Long> out = new HashSet<>();
        for (Sweep s : list(scope)) {
            if (s.open()) pendingRows(s, scope, new PendingFilter(null, null, false), 0, -1, (id, v, g, n) -> out.add(id));
        }
        return out;
    }
}
