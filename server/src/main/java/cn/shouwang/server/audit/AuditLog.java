package cn.shouwang.server.audit;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Writes audit rows; reads them for the audit page and the household history. */
@Service
class AuditLog implements AuditApi {
    private final JdbcClient jdbc;
    private final Clock clock;

    private final javax.sql.DataSource ds;

    AuditLog(JdbcClient jdbc, Clock clock, javax.sql.DataSource ds) {
        this.ds = ds;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(AuditAction action, @Nullable Long householdId, @Nullable Long memberId, @Nullable String areaCode,
                       List<Change> changes, @Nullable String detail) {
        Long accountId = null;
        String username = "system";
        CurrentUser user = CurrentUsers.find();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (user != null) {
            accountId = user.accountId();
            username = user.username();
        } else if (auth != null && auth.getName() != null) {
            username = auth.getName();
        }
        jdbc.sql("""
                insert into audit_event (at, account_id, username, action, household_id, member_id, area_code, ip, changes, detail)
                values (:at, :account, :username, :action, :household, :member, :area, :ip, cast(:changes as jsonb), :detail)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("account", accountId)
                .param("username", username)
                .param("action", action.name())
                .param("household", householdId)
                .param("member", memberId)
                .param("area", areaCode)
                .param("ip", clientIp())
                .param("changes", changes.isEmpty() ? null : Json.changes(changes))
                .param("detail", detail)
                .update();
    }

    @Override
    public void recordAll(AuditAction action, List<Bulk> rows) {
        if (rows.isEmpty()) return;
        Long accountId = null;
        String username = "system";
        CurrentUser user = CurrentUsers.find();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (user != null) {
            accountId = user.accountId();
            username = user.username();
        } else if (auth != null && auth.getName() != null) {
            username = auth.getName();
        }
        Timestamp at = Timestamp.from(clock.instant());
        String ip = clientIp();
        try (cn.shouwang.server.platform.PgCopy copy = cn.shouwang.server.platform.PgCopy.open(ds, "audit_event",
                "at, account_id, username, action, household_id, member_id, area_code, ip, changes, detail")) {
            for (Bulk b : rows) {
                copy.add(at.toInstant().toString()).add(accountId).add(username).add(action.name()).add(b.householdId())
                        .add(b.memberId()).add(b.areaCode()).add(ip).add(b.changes().isEmpty() ? null : Json.changes(b.changes()))
                        .add(b.detail()).endRow();
            }
        }
    }

    /**
     * A sign-in: nobody is signed in yet, so who (the account, or for an unknown name the name tried) and from where
     * are given, not taken from the request's user.
     */
    void recordSignIn(AuditAction action, @Nullable Long accountId, String username, @Nullable String areaCode,
                      String address) {
        jdbc.sql("""
                insert into audit_event (at, account_id, username, action, area_code, ip)
                values (:at, :account, :username, :action, :area, :ip)""")
                .param("at", Timestamp.from(clock.instant())).param("account", accountId)
                // an unknown name is kept as typed, but never more than an account name can be long
                .param("username", username.length() > 64 ? username.substring(0, 64) : username)
                .param("action", action.name()).param("area", areaCode).param("ip", address)
                .update();
    }

    private static @Nullable String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return a.getRequest().getRemoteAddr();
        }
        return "local";
    }

    @Override
    public List<Entry> history(long householdId, int limit) {
        java.util.Map<Long, List<Change>> changes = new java.util.HashMap<>();
        jdbc.sql("""
                select e.id, c.field, c.old, c.new from audit_event e,
                       jsonb_to_recordset(e.changes) as c(field text, old text, new text)
                 where e.household_id = :h""")
                .param("h", householdId)
                .query(rs -> {
                    changes.computeIfAbsent(rs.getLong("id"), k -> new java.util.ArrayList<>())
                            .add(new Change(rs.getString("field"), rs.getString("old"), rs.getString("new")));
                });
        return jdbc.sql("""
                select id, at, username, action, member_id, ip, detail from audit_event
                 where household_id = :h order by at desc, id desc limit :limit""")
                .param("h", householdId).param("limit", limit)
                .query((rs, i) -> new Entry(rs.getLong("id"), rs.getObject("at", java.time.OffsetDateTime.class),
                        rs.getString("username"), rs.getString("action"), (Long) rs.getObject("member_id"),
                        rs.getString("ip"), changes.getOrDefault(rs.getLong("id"), List.of()), rs.getString("detail")))
                .list();
    }
}
