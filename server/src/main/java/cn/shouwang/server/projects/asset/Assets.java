package cn.shouwang.server.projects.asset;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.projects.ProjectsAccess;
import cn.shouwang.server.projects.ProjectsAccess.Range;
import cn.shouwang.server.projects.Refused;
import cn.shouwang.server.projects.StaleVersion;
import cn.shouwang.server.projects.project.Projects;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 帮扶资产台账: the assets the projects built, scoped by the asset's own area. */
@Service("projectAssets")
public class Assets {
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final Projects projects;
    private final Clock clock;

    Assets(JdbcClient jdbc, AuditApi audit, Projects projects, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.projects = projects;
        this.clock = clock;
    }

    public record Row(long id, long projectId, String projectName, String name, AssetKind kind, OwnerType ownerType,
                      String ownerName, String areaCode, BigDecimal value, BigDecimal yearlyIncome, String managedBy,
                      int version) {
        /** Who pays the dividends: the managing enterprise, else the owner. */
        public String payer() {
            return managedBy.isBlank() ? ownerName : managedBy;
        }
    }

    public record Filter(@Nullable AssetKind kind, @Nullable OwnerType ownerType, @Nullable String q) {
        @Nullable String q2() {
            return q == null || q.isBlank() ? null : "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
        }
    }

    private static final String SELECT = "\n" + """
            select a.id, a.project_id, p.name, a.name, a.kind, a.owner_type, a.owner_name, a.area_code, a.value,
                   a.yearly_income, a.managed_by, a.version
              from project_asset a join project p on p.id = a.project_id""";
    private static final String WHERE = "\n" + """
             where a.area_code between :lo and :hi
               and (cast(:kind as text) is null or a.kind = :kind)
               and (cast(:owner as text) is null or a.owner_type = :owner)
               and (cast(:q as text) is null or a.name like :q or a.managed_by like :q)""";

    private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), AssetKind.valueOf(rs.getString(5)),
                OwnerType.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getBigDecimal(9),
                rs.getBigDecimal(10), rs.getString(11), rs.getInt(12));
    }

    private JdbcClient.StatementSpec filtered(String sql, Filter f, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(sql).param("lo", r.lo()).param("hi", r.hi())
                .param("kind", f.kind() == null ? null : f.kind().name())
                .param("owner", f.ownerType() == null ? null : f.ownerType().name()).param("q", f.q2());
    }

    public long count(Filter f, AreaScope scope) {
        return filtered("select count(*) from project_asset a" + WHERE, f, scope).query(Long.class).single();
    }

    /** The totals of what the filters show: value and yearly income. */
    public BigDecimal[] totals(Filter f, AreaScope scope) {
        return filtered("select coalesce(sum(a.value), 0), coalesce(sum(a.yearly_income), 0) from project_asset a" + WHERE,
                f, scope).query((rs, i) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)}).single();
    }

    /** A page of the list; {@code size} 0 for every row. */
    public List<Row> list(Filter f, AreaScope scope, int page, int size) {
        return filtered(SELECT + WHERE + " order by a.area_code, a.name, a.id"
                + (size > 0 ? " limit " + size + " offset " + (long) (page - 1) * size : ""), f, scope)
                .query(Assets::row).list();
    }

    public List<Row> ofProject(long projectId, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where a.project_id = :p and a.area_code between :lo and :hi order by a.name, a.id")
                .param("p", projectId).param("lo", r.lo()).param("hi", r.hi()).query(Assets::row).list();
    }

    public Optional<Row> find(long id, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where a.id = :id and a.area_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Assets::row).optional();
    }

    public Row require(long id, AreaScope scope) {
        return find(id, scope).orElseThrow(() -> new OutOfScopeException("asset " + id));
    }

    private void requireArea(String areaCode, Projects.Row project, CurrentUser by) {
        // the asset stands where the project is, or in a village of it, and within the writer's area
        if (!by.scope().covers(areaCode) || !new AreaScope(project.areaCode()).covers(areaCode)) {
            throw new Refused("areaCode", "projects.asset.area.outside");
        }
    }

    @Transactional
    public long create(long projectId, AssetCmd c, CurrentUser by) {
        ProjectsAccess.requireWrite(by);
        Projects.Row p = projects.require(projectId, by.scope());
        requireArea(c.areaCode(), p, by);
        long id = jdbc.sql("""
                insert into project_asset (project_id, name, kind, owner_type, owner_name, area_code, value, yearly_income,
                                           managed_by, created_by, created_at)
                values (:p, :n, :k, :o, :on, :a, :v, :i, :m, :by, :now) returning id""")
                .param("p", projectId).param("n", c.name().strip()).param("k", c.kind().name())
                .param("o", c.ownerType().name()).param("on", c.ownerNameOrEmpty()).param("a", c.areaCode())
                .param("v", c.value()).param("i", c.incomeOrZero()).param("m", c.managedByOrEmpty())
                .param("by", ProjectsAccess.account(by)).param("now", Timestamp.from(clock.instant())).query(Long.class).single();
        audit.record(AuditAction.PROJECT_ASSET_ADD, null, null, c.areaCode(), List.of(
                new AuditApi.Change("name", null, c.name().strip()),
                new AuditApi.Change("value", null, c.value().toPlainString())), "asset-" + id + " project-" + projectId);
        return id;
    }

    @Transactional
    public void update(long id, AssetCmd c, CurrentUser by) {
        ProjectsAccess.requireWrite(by);
        Range r = Range.of(by.scope());
        jdbc.sql("select id from project_asset where id = :id and area_code between :lo and :hi for update")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Long.class).optional()
                .orElseThrow(() -> new OutOfScopeException("asset " + id));
        Row old = require(id, by.scope());
        if (c.version() == null || c.version() != old.version()) throw new StaleVersion("asset " + id);
        requireArea(c.areaCode(), projects.require(old.projectId(), by.scope()), by);
        jdbc.sql("""
                update project_asset set name = :n, kind = :k, owner_type = :o, owner_name = :on, area_code = :a,
                       value = :v, yearly_income = :i, managed_by = :m, version = version + 1 where id = :id""")
                .param("n", c.name().strip()).param("k", c.kind().name()).param("o", c.ownerType().name())
                .param("on", c.ownerNameOrEmpty()).param("a", c.areaCode()).param("v", c.value())
                .param("i", c.incomeOrZero()).param("m", c.managedByOrEmpty()).param("id", id).update();
        List<AuditApi.Change> changes = new ArrayList<>();
        if (!old.name().equals(c.name().strip())) changes.add(new AuditApi.Change("name", old.name(), c.name().strip()));
        if (old.value().compareTo(c.value()) != 0) {
            changes.add(new AuditApi.Change("value", old.value().toPlainString(), c.value().toPlainString()));
        }
        if (old.yearlyIncome().compareTo(c.incomeOrZero()) != 0) {
            changes.add(new AuditApi.Change("yearlyIncome", old.yearlyIncome().toPlainString(),
                    c.incomeOrZero().toPlainString()));
        }
        if (!old.managedBy().equals(c.managedByOrEmpty())) {
            changes.add(new AuditApi.Change("managedBy", old.managedBy(), c.managedByOrEmpty()));
        }
        audit.record(AuditAction.PROJECT_ASSET_UPDATE, null, null, c.areaCode(), changes, "asset-" + id);
    }

    /** Count, value and yearly income of the assets standing in a village. */
    public record VillageAssets(long count, BigDecimal value, BigDecimal yearlyIncome) {}

    public VillageAssets village(String villageCode) {
        return jdbc.sql("""
                select count(*), coalesce(sum(value), 0), coalesce(sum(yearly_income), 0) from project_asset
                 where area_code = :v""").param("v", villageCode)
                .query((rs, i) -> new VillageAssets(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3))).single();
    }
}
