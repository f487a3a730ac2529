package cn.shouwang.server.eldervisits.visitors;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.eldervisits.ElderPlaces;
import cn.shouwang.server.eldervisits.ElderRefusal;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The visitors of a village (志愿者, 村干部, 网格员): name, phone sealed at rest (shown masked), optionally the account of
 * the visitor, whose holder then sees "my people" on the phone.
 */
@Service
public class Visitors {
    public enum Kind { VOLUNTEER, CADRE, GRID }

    public record Visitor(long id, String villageCode, String name, Kind kind, String phoneMasked,
                          @Nullable Long accountId, boolean active, int version, long people) {}

    private final JdbcClient jdbc;
    private final PersonalDataApi personalData;
    private final AuditApi audit;

    Visitors(JdbcClient jdbc, PersonalDataApi personalData, AuditApi audit) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
    }

    private static final String COLUMNS = """
            v.id, v.village_code, v.name, v.kind, v.phone_masked, v.account_id, v.active, v.version,
            (select count(*) from elder_person p where p.visitor_id = v.id and p.active)""";

    private static Visitor row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Visitor(rs.getLong(1), rs.getString(2), rs.getString(3), Kind.valueOf(rs.getString(4)),
                rs.getString(5), (Long) rs.getObject(6), rs.getBoolean(7), rs.getInt(8), rs.getLong(9));
    }

    public List<Visitor> inArea(AreaScope area, boolean activeOnly) {
        return jdbc.sql("select " + COLUMNS + " from elder_visitor v where v.village_code between :lo and :hi "
                        + "and (v.active or not :ao) order by v.village_code, v.name, v.id")
                .param("lo", ElderPlaces.lo(area)).param("hi", ElderPlaces.hi(area)).param("ao", activeOnly)
                .query((rs, i) -> row(rs)).list();
    }

    public Optional<Visitor> find(long id, AreaScope scope) {
        return jdbc.sql("select " + COLUMNS + " from elder_visitor v where v.id = :id and v.village_code between :lo and :hi")
                .param("id", id).param("lo", ElderPlaces.lo(scope)).param("hi", ElderPlaces.hi(scope))
                .query((rs, i) -> row(rs)).optional();
    }

    /** The visitor records linked to this account (a person may visit in two villages). */
    public List<Long> ofAccount(long accountId) {
        return jdbc.sql("select id from elder_visitor where account_id = :a and active").param("a", accountId)
                .query(Long.class).list();
    }

    @Transactional
    public long add(VisitorCmd cmd, CurrentUser u) {
        ElderPlaces.requireWriter(u);
        String v = cmd.villageCode();
        if (!ElderPlaces.isVillage(v) || !u.scope().covers(v)) throw new OutOfScopeException("village");
        String phone = cmd.phoneDigits();
        long id = jdbc.sql("""
                insert into elder_visitor (village_code, name, kind, phone_enc, phone_masked, account_id)
                values (:v, :n, :k, :pe, :pm, :a) returning id""")
                .param("v", v).param("n", cmd.name().strip()).param("k", cmd.kind().name())
                .param("pe", phone.isEmpty() ? null : personalData.seal(phone))
                .param("pm", phone.isEmpty() ? "" : PersonalDataApi.maskPhone(phone))
                .param("a", cmd.linkMe() ? u.accountId() : null).query(Long.class).single();
        audit.record(AuditAction.ELDER_VISITOR_SAVE, null, null, v, List.of(
                new AuditApi.Change("name", null, cmd.name().strip()),
                new AuditApi.Change("phone", null, phone.isEmpty() ? "" : PersonalDataApi.maskPhone(phone))), "visitor " + id);
        return id;
    }

    /**
     * The signed-in account claims a visitor record of its own village as its own ("我是这位巡访员"): its "my people"
     * list then shows the visitor's people. A record already held by another account is refused.
     */
    @Transactional
    public void claim(long id, CurrentUser u) {
        ElderPlaces.requireWriter(u);
        Visitor v = find(id, u.scope()).orElseThrow(() -> new OutOfScopeException("visitor"));
        int n = jdbc.sql("update elder_visitor set account_id = :a, version = version + 1 "
                        + "where id = :id and (account_id is null or account_id = :a)")
                .param("a", u.accountId()).param("id", id).update();
        if (n == 0) throw new ElderRefusal("eldervisits.refused.claimed");
        audit.record(AuditAction.ELDER_VISITOR_SAVE, null, null, v.villageCode(), List.of(
                new AuditApi.Change("account", v.accountId() == null ? null : String.valueOf(v.accountId()),
                        u.username())), "visitor " + id);
    }

    /** Switches a visitor off or on again, as read at {@code version}. */
    @Transactional
    public void setActive(long id, int version, boolean active, CurrentUser u) {
        ElderPlaces.requireWriter(u);
        Visitor before = find(id, u.scope()).orElseThrow(() -> new OutOfScopeException("visitor"));
        int n = jdbc.sql("update elder_visitor set active = :a, version = version + 1 where id = :id and version = :ver")
                .param("a", active).param("id", id).param("ver", version).update();
        if (n == 0) throw new ElderRefusal("eldervisits.refused.changed");
        audit.record(AuditAction.ELDER_VISITOR_SAVE, null, null, before.villageCode(), List.of(
                new AuditApi.Change("active", String.valueOf(before.active()), String.valueOf(active))), "visitor " + id);
    }
}
