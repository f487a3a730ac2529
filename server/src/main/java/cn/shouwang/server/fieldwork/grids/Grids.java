package cn.shouwang.server.fieldwork.grids;

import cn.shouwang.server.access.AccountsApi;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.fieldwork.FieldScopes;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.RefusedInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grids (网格) and ten-household groups (十户一组) of a village and the place of each household in them. Every read
 * and write names the user's scope in its WHERE (a code range on {@code village_code}); a grid or group outside it is
 * 404. Changes check the version read with the form (别人已修改: {@link Conflict}) and are audited. Placing checks
 * that every household is one of the village's (the registry's roster, one query) and writes them in one batch.
 */
@Component
public class Grids {
    /** Someone changed the grid or group since the form was read. */
    public static class Conflict extends RuntimeException {
        Conflict() {
            super("changed meanwhile");
        }
    }

    public record Group(long id, long gridId, String villageCode, String name, @Nullable Long headAccountId,
                        @Nullable Long headHouseholdId, @Nullable String headName, int sort, int version, long households) {
        public boolean hasHead() {
            return headName != null && !headName.isBlank();
        }
    }

    public record Grid(long id, String villageCode, String name, @Nullable Long workerAccountId, @Nullable String workerName,
                       int sort, int version, long households, List<Group> groups) {
        public boolean hasWorker() {
            return workerName != null && !workerName.isBlank();
        }

        /** Households of the grid in none of its groups. */
        public long outsideGroups() {
            return households - groups.stream().mapToLong(Group::households).sum();
        }
    }

    /** Where a household is: its grid and (optionally) group, with the people in charge. */
    public record Place(long householdId, long gridId, String gridName, @Nullable String workerName,
                        @Nullable Long groupId, @Nullable String groupName, @Nullable String headName) {}

    /** Coverage of one village: who covers whom, and what is missing. */
    public record Coverage(String villageCode, long households, long noGrid, long noGroup, long grids,
                           long gridsWithoutWorker, long groups, long groupsWithoutHead) {
        public long placed() {
            return households - noGrid;
        }
    }

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final AccountsApi accounts;
    private final AuditApi audit;

    Grids(JdbcClient jdbc, HouseholdApi households, AccountsApi accounts, AuditApi audit) {
        this.jdbc = jdbc;
        this.households = households;
        this.accounts = accounts;
        this.audit = audit;
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    private static Group group(ResultSet rs) throws SQLException {
        return new Group(rs.getLong("id"), rs.getLong("grid_id"), rs.getString("village_code"), rs.getString("name"),
                rs.getObject("head_account_id", Long.class), rs.getObject("head_household_id", Long.class),
                rs.getString("head_name"), rs.getInt("sort"), rs.getInt("version"), rs.getLong("households"));
    }

    /** The village's grids in their order, each with its groups and household counts (three queries). */
    public List<Grid> of(String villageCode, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        Map<Long, List<Group>> groups = new HashMap<>();
        jdbc.sql("""
                select g.*, (select count(*) from field_household_place p where p.group_id = g.id) households
                  from field_group g where g.village_code = :v and g.village_code between :lo and :hi
                 order by g.sort, g.id""")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi())
                .query((RowCallbackHandler) rs -> groups.computeIfAbsent(rs.getLong("grid_id"), k -> new ArrayList<>()).add(group(rs)));
        return jdbc.sql("""
                select g.*, (select count(*) from field_household_place p where p.grid_id = g.id) households
                  from field_grid g where g.village_code = :v and g.village_code between :lo and :hi
                 order by g.sort, g.id""")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> new Grid(rs.getLong("id"), rs.getString("village_code"), rs.getString("name"),
                        rs.getObject("worker_account_id", Long.class), rs.getString("worker_name"), rs.getInt("sort"),
                        rs.getInt("version"), rs.getLong("households"), groups.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    public Grid grid(long id, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        String v = jdbc.sql("select village_code from field_grid where id = :id and village_code between :lo and :hi")
                .param("id", id).param("lo", s.lo()).param("hi", s.hi()).query(String.class).optional()
                .orElseThrow(() -> new OutOfScopeException("grid"));
        return of(v, scope).stream().filter(g -> g.id() == id).findFirst().orElseThrow(() -> new OutOfScopeException("grid"));
    }

    public Group group(long id, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        return jdbc.sql("""
                select g.*, (select count(*) from field_household_place p where p.group_id = g.id) households
                  from field_group g where g.id = :id and g.village_code between :lo and :hi""")
                .param("id", id).param("lo", s.lo()).param("hi", s.hi()).query((rs, i) -> group(rs)).optional()
                .orElseThrow(() -> new OutOfScopeException("group"));
    }

    /** Each placed household of the village with its place (one query). */
    public Map<Long, Place> places(String villageCode, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        Map<Long, Place> out = new HashMap<>();
        jdbc.sql(PLACE + " where p.village_code = :v and p.village_code between :lo and :hi")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi())
                .query((RowCallbackHandler) rs -> out.put(rs.getLong(1), place(rs)));
        return out;
    }

    private static final String PLACE = """
            select p.household_id, g.id, g.name, g.worker_name, r.id, r.name, r.head_name
              from field_household_place p join field_grid g on g.id = p.grid_id
              left join field_group r on r.id = p.group_id""";

    private static Place place(ResultSet rs) throws SQLException {
        return new Place(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getObject(5, Long.class),
                rs.getString(6), rs.getString(7));
    }

    /** The household's place, if it has one inside the scope. */
    public Optional<Place> placeOf(long householdId, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        return jdbc.sql(PLACE + " where p.household_id = :h and p.village_code between :lo and :hi")
                .param("h", householdId).param("lo", s.lo()).param("hi", s.hi()).query((rs, i) -> place(rs)).optional();
    }

    /** The households placed in a grid (and, if given, one of its groups) inside the scope: a worklist's filter. */
    public Set<Long> householdsOf(@Nullable Long gridId, @Nullable Long groupId, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        Set<Long> out = new HashSet<>();
        jdbc.sql("""
                select household_id from field_household_place where village_code between :lo and :hi
                   and (cast(:grid as bigint) is null or grid_id = :grid) and (cast(:grp as bigint) is null or group_id = :grp)""")
                .param("lo", s.lo()).param("hi", s.hi()).param("grid", gridId).param("grp", groupId)
                .query((RowCallbackHandler) rs -> out.add(rs.getLong(1)));
        return out;
    }

    /** The households of the grids the account works and the groups it heads (a grid worker's own worklist). */
    public Optional<Set<Long>> householdsCoveredBy(long accountId, AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        long mine = jdbc.sql("""
                select (select count(*) from field_grid where worker_account_id = :a and village_code between :lo and :hi)
                     + (select count(*) from field_group where head_account_id = :a and village_code between :lo and :hi)""")
                .param("a", accountId).param("lo", s.lo()).param("hi", s.hi()).query(Long.class).single();
        if (mine == 0) return Optional.empty();
        Set<Long> out = new HashSet<>();
        jdbc.sql("""
                select p.household_id from field_household_place p
                  left join field_grid g on g.id = p.grid_id and g.worker_account_id = :a
                  left join field_group r on r.id = p.group_id and r.head_account_id = :a
                 where p.village_code between :lo and :hi and (g.id is not null or r.id is not null)""")
                .param("a", accountId).param("lo", s.lo()).param("hi", s.hi())
                .query((RowCallbackHandler) rs -> out.add(rs.getLong(1)));
        return Optional.of(out);
    }

    /** The grids and groups of the villages in the scope as picker options (the worklist's filter). */
    public List<Grid> inScope(AreaScope scope, int limit) {
        FieldScopes s = FieldScopes.of(scope);
        List<String> villages = jdbc.sql("""
                select distinct village_code from field_grid where village_code between :lo and :hi
                 order by village_code limit :n""")
                .param("lo", s.lo()).param("hi", s.hi()).param("n", limit).query(String.class).list();
        List<Grid> out = new ArrayList<>();
        for (String v : villages) out.addAll(of(v, scope));
        return out;
    }

    /**
     * Coverage per village of the scope: the registry's roster (households per village) against the places, grids and
     * groups (three grouped queries); villages without households are left out.
     */
    public Map<String, Coverage> coverage(AreaScope scope) {
        FieldScopes s = FieldScopes.of(scope);
        Map<String, long[]> rosterCounts = new LinkedHashMap<>();
        households.roster(scope, r -> rosterCounts.computeIfAbsent(r.villageCode(), k -> new long[1])[0]++);
        Map<String, long[]> placed = new HashMap<>();
        jdbc.sql("""
                select village_code, count(*), count(group_id) from field_household_place
                 where village_code between :lo and :hi group by village_code""")
                .param("lo", s.lo()).param("hi", s.hi())
                .query((RowCallbackHandler) rs -> placed.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}));
        Map<String, long[]> grids = new HashMap<>();
        jdbc.sql("""
                select village_code, count(*), count(*) filter (where coalesce(worker_name, '') = '') from field_grid
                 where village_code between :lo and :hi group by village_code""")
                .param("lo", s.lo()).param("hi", s.hi())
                .query((RowCallbackHandler) rs -> grids.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}));
        Map<String, long[]> groups = new HashMap<>();
        jdbc.sql("""
                select village_code, count(*), count(*) filter (where coalesce(head_name, '') = '') from field_group
                 where village_code between :lo and :hi group by village_code""")
                .param("lo", s.lo()).param("hi", s.hi())
                .query((RowCallbackHandler) rs -> groups.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}));
        Map<String, Coverage> out = new LinkedHashMap<>();
        Set<String> villages = new java.util.TreeSet<>(rosterCounts.keySet());
        villages.addAll(grids.keySet());
        for (String v : villages) {
            long n = rosterCounts.getOrDefault(v, new long[1])[0];
            long[] p = placed.getOrDefault(v, new long[2]);
            long[] g = grids.getOrDefault(v, new long[2]);
            long[] r = groups.getOrDefault(v, new long[2]);
            out.put(v, new Coverage(v, n, Math.max(0, n - p[0]), Math.max(0, n - p[1]), g[0], g[1], r[0], r[1]));
        }
        return out;
    }

    public Coverage coverageOf(String villageCode, AreaScope scope) {
        if (!scope.covers(villageCode)) throw new OutOfScopeException("village");
        return coverage(new AreaScope(villageCode)).getOrDefault(villageCode,
                new Coverage(villageCode, 0, 0, 0, 0, 0, 0, 0));
    }

    // ---- writes ---------------------------------------------------------------------------------------------------

    private static String village(String villageCode, CurrentUser me) {
        if (!AreaScope.isAreaCode(villageCode) || new AreaScope(villageCode).level() != 5) {
            throw new OutOfScopeException("not a village");
        }
        me.requireInScope(villageCode);
        return villageCode;
    }

    /** The person in charge as stored: an account of the village, a household head of the village, or a name. */
    private record Person(@Nullable Long accountId, @Nullable Long householdId, @Nullable String name) {}

    private Person person(String villageCode, GridCmd cmd, boolean householdAllowed, CurrentUser me) {
        if (cmd.accountId() != null) {
            AccountsApi.Person p = accounts.find(cmd.accountId(), villageCode)
                    .orElseThrow(() -> new RefusedInputException("accountId", "fieldwork.grids.error.account"));
            return new Person(p.id(), null, p.displayName());
        }
        if (householdAllowed && cmd.householdId() != null) {
            HouseholdApi.Ref h = households.ref(cmd.householdId(), me.scope())
                    .filter(r -> r.villageCode().equals(villageCode) && !r.headName().isBlank())
                    .orElseThrow(() -> new RefusedInputException("householdId", "fieldwork.grids.error.household"));
            return new Person(null, h.id(), h.headName());
        }
        String name = cmd.personName() == null || cmd.personName().isBlank() ? null : cmd.personName().strip();
        return new Person(null, null, name);
    }

    @Transactional
    public long createGrid(String villageCode, GridCmd cmd, CurrentUser me) {
        village(villageCode, me);
        Person p = person(villageCode, cmd, false, me);
        requireFreeName("field_grid", "village_code", villageCode, cmd.name(), null);
        long id = jdbc.sql("""
                insert into field_grid (village_code, name, worker_account_id, worker_name, sort)
                values (:v, :n, :a, :w, (select coalesce(max(sort), 0) + 1 from field_grid where village_code = :v))
                returning id""")
                .param("v", villageCode).param("n", cmd.name().strip()).param("a", p.accountId()).param("w", p.name())
                .query(Long.class).single();
        audit.record(AuditAction.FIELD_GRID_CREATE, null, null, villageCode, List.of(
                new AuditApi.Change("name", null, cmd.name().strip()), new AuditApi.Change("worker", null, p.name())),
                "grid " + id);
        return id;
    }

    @Transactional
    public void updateGrid(long id, GridCmd cmd, CurrentUser me) {
        Grid g = grid(id, me.scope());
        Person p = person(g.villageCode(), cmd, false, me);
        requireFreeName("field_grid", "village_code", g.villageCode(), cmd.name(), id);
        int n = jdbc.sql("""
                update field_grid set name = :n, worker_account_id = :a, worker_name = :w, version = version + 1
                 where id = :id and version = :ver""")
                .param("n", cmd.name().strip()).param("a", p.accountId()).param("w", p.name()).param("id", id)
                .param("ver", cmd.version()).update();
        if (n == 0) throw new Conflict();
        audit.record(AuditAction.FIELD_GRID_UPDATE, null, null, g.villageCode(), List.of(
                new AuditApi.Change("name", g.name(), cmd.name().strip()),
                new AuditApi.Change("worker", g.workerName(), p.name())), "grid " + id);
    }

    /** Deletes a grid that has no group and no household; its past visits keep their day, not the link. */
    @Transactional
    public void deleteGrid(long id, int version, CurrentUser me) {
        Grid g = grid(id, me.scope());
        if (g.version() != version) throw new Conflict();
        if (!g.groups().isEmpty() || g.households() > 0) {
            throw new RefusedInputException(null, "fieldwork.grids.error.notEmpty", g.name());
        }
        if (jdbc.sql("delete from field_grid where id = :id and version = :ver").param("id", id).param("ver", version)
                .update() == 0) throw new Conflict();
        audit.record(AuditAction.FIELD_GRID_DELETE, null, null, g.villageCode(),
                List.of(new AuditApi.Change("name", g.name(), null)), "grid " + id);
    }

    /** Moves a grid one place up (-1) or down (+1) among the village's grids (the sort is renumbered). */
    @Transactional
    public void moveGrid(long id, int by, int version, CurrentUser me) {
        Grid g = grid(id, me.scope());
        if (g.version() != version) throw new Conflict();
        List<Long> order = new ArrayList<>(of(g.villageCode(), me.scope()).stream().map(Grid::id).toList());
        reorder("field_grid", order, id, by);
        audit.record(AuditAction.FIELD_GRID_UPDATE, null, null, g.villageCode(), List.of(), "grid " + id + " moved " + by);
    }

    @Transactional
    public long createGroup(long gridId, GridCmd cmd, CurrentUser me) {
        Grid g = grid(gridId, me.scope());
        Person p = person(g.villageCode(), cmd, true, me);
        requireFreeName("field_group", "grid_id", gridId, cmd.name(), null);
        long id = jdbc.sql("""
                insert into field_group (grid_id, village_code, name, head_account_id, head_household_id, head_name, sort)
                values (:g, :v, :n, :a, :h, :hn, (select coalesce(max(sort), 0) + 1 from field_group where grid_id = :g))
                returning id""")
                .param("g", gridId).param("v", g.villageCode()).param("n", cmd.name().strip()).param("a", p.accountId())
                .param("h", p.householdId()).param("hn", p.name()).query(Long.class).single();
        audit.record(AuditAction.FIELD_GROUP_CREATE, null, null, g.villageCode(), List.of(
                new AuditApi.Change("name", null, cmd.name().strip()), new AuditApi.Change("head", null, p.name())),
                "grid " + gridId + " group " + id);
        return id;
    }

    @Transactional
    public void updateGroup(long id, GridCmd cmd, CurrentUser me) {
        Group r = group(id, me.scope());
        Person p = person(r.villageCode(), cmd, true, me);
        requireFreeName("field_group", "grid_id", r.gridId(), cmd.name(), id);
        int n = jdbc.sql("""
                update field_group set name = :n, head_account_id = :a, head_household_id = :h, head_name = :hn,
                       version = version + 1
                 where id = :id and version = :ver""")
                .param("n", cmd.name().strip()).param("a", p.accountId()).param("h", p.householdId())
                .param("hn", p.name()).param("id", id).param("ver", cmd.version()).update();
        if (n == 0) throw new Conflict();
        audit.record(AuditAction.FIELD_GROUP_UPDATE, null, null, r.villageCode(), List.of(
                new AuditApi.Change("name", r.name(), cmd.name().strip()),
                new AuditApi.Change("head", r.headName(), p.name())), "group " + id);
    }

    @Transactional
    public void deleteGroup(long id, int version, CurrentUser me) {
        Group r = group(id, me.scope());
        if (r.version() != version) throw new Conflict();
        if (r.households() > 0) throw new RefusedInputException(null, "fieldwork.grids.error.notEmpty", r.name());
        if (jdbc.sql("delete from field_group where id = :id and version = :ver").param("id", id).param("ver", version)
                .update() == 0) throw new Conflict();
        audit.record(AuditAction.FIELD_GROUP_DELETE, null, null, r.villageCode(),
                List.of(new AuditApi.Change("name", r.name(), null)), "group " + id);
    }

    @Transactional
    public void moveGroup(long id, int by, int version, CurrentUser me) {
        Group r = group(id, me.scope());
        if (r.version() != version) throw new Conflict();
        List<Long> order = new ArrayList<>(grid(r.gridId(), me.scope()).groups().stream().map(Group::id).toList());
        reorder("field_group", order, id, by);
        audit.record(AuditAction.FIELD_GROUP_UPDATE, null, null, r.villageCode(), List.of(), "group " + id + " moved " + by);
    }

    private void reorder(String table, List<Long> order, long id, int by) {
        int at = order.indexOf(id);
        int to = Math.max(0, Math.min(order.size() - 1, at + Integer.signum(by)));
        if (at == to) return;
        order.remove(at);
        order.add(to, id);
        // the table is one of two constants of this class, never input
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("update " + table + " set sort = :s, version = version + 1 where id = :id and sort <> :s")
                    .param("s", i + 1).param("id", order.get(i)).update();
        }
    }

    private void requireFreeName(String table, String parent, Object parentValue, String name, @Nullable Long self) {
        long n = jdbc.sql("select count(*) from " + table + " where " + parent + " = :p and name = :n and id <> :self")
                .param("p", parentValue).param("n", name.strip()).param("self", self == null ? -1L : self)
                .query(Long.class).single();
        if (n > 0) throw new RefusedInputException("name", "fieldwork.grids.error.nameTaken", name.strip());
    }

    /**
     * Places households of the village in a grid and, if given, one of its groups (a household already placed
     * moves; {@code gridId} null takes them out of every grid). Every id must be a household of the village now.
     */
    @Transactional
    public int place(String villageCode, Collection<Long> householdIds, @Nullable Long gridId, @Nullable Long groupId,
                     CurrentUser me) {
        village(villageCode, me);
        if (householdIds.isEmpty()) throw new RefusedInputException("households", "fieldwork.grids.error.noneChosen");
        Long grid = gridId;
        if (groupId != null) {
            Group r = group(groupId, me.scope());
            if (!r.villageCode().equals(villageCode)) throw new OutOfScopeException("group");
            grid = r.gridId();
        }
        String gridName = null;
        if (grid != null) {
            Grid g = grid(grid, me.scope());
            if (!g.villageCode().equals(villageCode)) throw new OutOfScopeException("grid");
            gridName = g.name();
        }
        Set<Long> ofVillage = new HashSet<>();
        households.roster(new AreaScope(villageCode), r -> ofVillage.add(r.id()));
        Set<Long> ids = new HashSet<>(householdIds);
        if (!ofVillage.containsAll(ids)) throw new RefusedInputException("households", "fieldwork.grids.error.notOfVillage");
        Long[] arr = ids.toArray(Long[]::new);
        int n;
        if (grid == null) {
            n = jdbc.sql("delete from field_household_place where household_id = any(:ids) and village_code = :v")
                    .param("ids", arr).param("v", villageCode).update();
        } else {
            n = jdbc.sql("""
                    insert into field_household_place (household_id, village_code, grid_id, group_id, placed_by_name)
                    select h, :v, :g, :r, :by from unnest(cast(:ids as bigint[])) h
                    on conflict (household_id) do update set village_code = excluded.village_code,
                           grid_id = excluded.grid_id, group_id = excluded.group_id, placed_at = now(),
                           placed_by_name = excluded.placed_by_name""")
                    .param("v", villageCode).param("g", grid).param("r", groupId).param("by", me.displayName())
                    .param("ids", arr).update();
        }
        String detail = (grid == null ? "unplaced" : "grid " + grid + (groupId == null ? "" : " group " + groupId));
        String where = gridName;
        audit.recordAll(AuditAction.FIELD_HOUSEHOLD_PLACE, ids.stream().sorted().map(h -> new AuditApi.Bulk(h, null,
                villageCode, List.of(new AuditApi.Change("grid", null, where)), detail)).toList());
        return n;
    }

    /** Every household of the 村民小组 (the registry's free-text village group) not placed yet goes to the grid. */
    @Transactional
    public int placeUnplacedOfVillageGroup(String villageCode, String villageGroup, long gridId, CurrentUser me) {
        village(villageCode, me);
        Set<Long> placed = places(villageCode, me.scope()).keySet();
        List<Long> ids = new ArrayList<>();
        households.roster(new AreaScope(villageCode), r -> {
            String vg = r.villageGroup() == null ? "" : r.villageGroup().strip();
            if (vg.equals(villageGroup.strip()) && !placed.contains(r.id())) ids.add(r.id());
        });
        if (ids.isEmpty()) return 0;
        return place(villageCode, ids, gridId, null, me);
    }

    /** A household that left the village leaves its place (the new village places it again). */
    @Transactional
    public void leftVillage(long householdId, String nowIn) {
        jdbc.sql("delete from field_household_place where household_id = :h and village_code <> :v")
                .param("h", householdId).param("v", nowIn).update();
    }
}
