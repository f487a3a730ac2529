package cn.shouwang.server.household;

import cn.shouwang.core.household.AssetKind;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Household assets (household V12): the household page's section, the API and {@link HouseholdAssetsApi}. Every read
 * and write puts the account's scope in its SQL (through the household's village); every write checks and bumps the
 * household's version and is audited (ASSET_ADD, ASSET_UPDATE, ASSET_DELETE: the household's history shows them).
 */
@Service
class Assets implements HouseholdAssetsApi {
    private final JdbcClient jdbc;
    private final Registry registry;
    private final AuditApi audit;
    private final Clock clock;

    Assets(JdbcClient jdbc, Registry registry, AuditApi audit, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    private static final String COLUMNS = "a.id, a.kind, a.description, a.value, a.registered_on, a.source, a.period";

    private static Asset asset(ResultSet rs, int i) throws SQLException {
        return new Asset(rs.getLong(1), AssetKind.valueOf(rs.getString(2)), rs.getString(3), rs.getBigDecimal(4),
                rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7));
    }

    @Override
    public List<Asset> assets(long householdId, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("select " + COLUMNS + """
                  from household_asset a join household h on h.id = a.household_id
                 where a.household_id = :h and h.village_code between :lo and :hi
                 order by a.kind, a.value desc, a.id""")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi()).query(Assets::asset).list();
    }

    /** One asset of a household within the scope; {@link Registry.NotFound} otherwise. */
    Asset find(long householdId, long assetId, AreaScope scope) {
        return assets(householdId, scope).stream().filter(a -> a.id() == assetId).findFirst()
                .orElseThrow(Registry.NotFound::new);
    }

    /** Adds an asset ({@code assetId} null) or corrects one entered by hand; returns its id. */
    @Transactional
    long save(long householdId, @Nullable Long assetId, AssetCmd c, AreaScope scope) {
        if (c.registeredOn() != null && c.registeredOn().isAfter(LocalDate.now(clock))) {
            throw new FieldProblem("registeredOn", "registry.asset.registeredOn.future");
        }
        Asset old = assetId == null ? null : find(householdId, assetId, scope);
        if (old != null && !old.manual()) throw new FieldProblem(null, "registry.asset.fromDepartment");
        registry.bumpVersion(householdId, c.householdVersion(), scope);
        List<AuditApi.Change> ch = new ArrayList<>();
        diff(ch, "assetKind", old == null ? null : old.kind().name(), c.kind().name());
        diff(ch, "assetDescription", old == null ? null : old.description(), c.descriptionOrEmpty());
        diff(ch, "assetValue", old == null ? null : yuan(old.value()), yuan(c.value()));
        diff(ch, "assetRegisteredOn", old == null || old.registeredOn() == null ? null : old.registeredOn().toString(),
                c.registeredOn() == null ? null : c.registeredOn().toString());
        CurrentUser by = CurrentUsers.find();
        long id;
        if (old == null) {
            id = jdbc.sql("""
                    insert into household_asset (household_id, kind, description, value, registered_on, recorded_by, recorded_at)
                    values (:h, :k, :d, :v, :on, :by, :at) returning id""")
                    .param("h", householdId).param("k", c.kind().name()).param("d", c.descriptionOrEmpty())
                    .param("v", c.value()).param("on", c.registeredOn()).param("by", by == null ? null : by.accountId())
                    .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
        } else {
            id = old.id();
            jdbc.sql("""
                    update household_asset set kind = :k, description = :d, value = :v, registered_on = :on,
                           recorded_by = :by, recorded_at = :at
                     where id = :id and household_id = :h""")
                    .param("k", c.kind().name()).param("d", c.descriptionOrEmpty()).param("v", c.value())
                    .param("on", c.registeredOn()).param("by", by == null ? null : by.accountId())
                    .param("at", Timestamp.from(clock.instant())).param("id", id).param("h", householdId).update();
        }
        if (old == null || !ch.isEmpty()) {
            audit.record(old == null ? AuditAction.ASSET_ADD : AuditAction.ASSET_UPDATE, householdId, null,
                    village(householdId), ch, null);
        }
        return id;
    }

    /** Deletes an asset (by hand or from a department: a registration found wrong on a visit), audited with its values. */
    @Transactional
    void delete(long householdId, long assetId, @Nullable Integer householdVersion, AreaScope scope) {
        Asset old = find(householdId, assetId, scope);
        registry.bumpVersion(householdId, householdVersion, scope);
        jdbc.sql("delete from household_asset where id = :id and household_id = :h").param("id", assetId)
                .param("h", householdId).update();
        List<AuditApi.Change> ch = new ArrayList<>();
        ch.add(new AuditApi.Change("assetKind", old.kind().name(), null));
        if (!old.description().isEmpty()) ch.add(new AuditApi.Change("assetDescription", old.description(), null));
        ch.add(new AuditApi.Change("assetValue", yuan(old.value()), null));
        audit.record(AuditAction.ASSET_DELETE, householdId, null, village(householdId), ch, null);
    }

    @Override
    @Transactional
    public int recordFromDepartments(List<DepartmentAsset> rows) {
        if (rows.isEmpty()) return 0;
        int n = 0;
        Timestamp at = Timestamp.from(clock.instant());
        // a city's run finds tens of thousands (registrations above the limits): one statement per 5,000, in the
        // run's transaction (a registration twice in one statement is recorded once: on conflict do nothing)
        for (int from = 0; from < rows.size(); from += 5_000) {
            List<DepartmentAsset> b = rows.subList(from, Math.min(rows.size(), from + 5_000));
            int k = b.size();
            Long[] h = new Long[k];
            String[] kind = new String[k], description = new String[k], source = new String[k], period = new String[k];
            BigDecimal[] value = new BigDecimal[k];
            java.sql.Date[] on = new java.sql.Date[k];
            for (int i = 0; i < k; i++) {
                DepartmentAsset d = b.get(i);
                h[i] = d.householdId();
                kind[i] = d.kind().name();
                description[i] = d.description();
                value[i] = d.value();
                on[i] = d.registeredOn() == null ? null : java.sql.Date.valueOf(d.registeredOn());
                source[i] = d.source();
                period[i] = d.period();
            }
            n += jdbc.sql("""
                    insert into household_asset (household_id, kind, description, value, registered_on, source, period, recorded_at)
                    select t.h, t.k, t.d, t.v, t.o, t.s, t.p, :at
                      from unnest(:h::bigint[], :k::text[], :d::text[], :v::numeric[], :o::date[], :s::text[], :p::text[])
                           as t(h, k, d, v, o, s, p)
                    on conflict (household_id, source, registered_on, value) where source <> 'MANUAL' do nothing""")
                    .param("h", new org.springframework.jdbc.support.SqlArrayValue("bigint", (Object[]) h))
                    .param("k", new org.springframework.jdbc.support.SqlArrayValue("text", (Object[]) kind))
                    .param("d", new org.springframework.jdbc.support.SqlArrayValue("text", (Object[]) description))
                    .param("v", new org.springframework.jdbc.support.SqlArrayValue("numeric", (Object[]) value))
                    .param("o", new org.springframework.jdbc.support.SqlArrayValue("date", (Object[]) on))
                    .param("s", new org.springframework.jdbc.support.SqlArrayValue("text", (Object[]) source))
                    .param("p", new org.springframework.jdbc.support.SqlArrayValue("text", (Object[]) period))
                    .param("at", at).update();
        }
        return n;
    }

    private String village(long householdId) {
        return jdbc.sql("select village_code from household where id = :id").param("id", householdId)
                .query(String.class).single();
    }

    private static void diff(List<AuditApi.Change> ch, String field, @Nullable String old, @Nullable String now) {
        if (!Objects.equals(old, now)) ch.add(new AuditApi.Change(field, old, now));
    }

    private static String yuan(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
