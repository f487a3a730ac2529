package cn.shouwang.server.audit;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** 审计日志: administrators and city/county analysts browse the log of their own area. */
@Controller
class AuditController {
    private static final int PAGE = 20;
    private final JdbcClient jdbc;
    private final AuditWording wording;

    AuditController(JdbcClient jdbc, AuditWording wording) {
        this.jdbc = jdbc;
        this.wording = wording;
    }

    record Entry(long id, OffsetDateTime at, String username, @Nullable Long accountId, String action,
                 @Nullable Long householdId, @Nullable String areaCode, @Nullable String ip, @Nullable String detail) {}

    @GetMapping("/audit")
    String browse(@RequestParam(required = false) @Nullable String action,
                  @RequestParam(required = false) @Nullable String username,
                  @RequestParam(required = false) @Nullable Long household,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
                  @RequestParam(defaultValue = "1") int page,
                  @RequestHeader(value = "HX-Request", required = false) @Nullable String hx,
                  Model model) {
        CurrentUser user = CurrentUsers.require();
        if (!(user.is(Role.ADMIN) || user.is(Role.CITY_ANALYST) || user.is(Role.COUNTY_ANALYST))) {
            throw new AccessDeniedException("audit log: administrators and analysts only");
        }
        String prefix = user.scope().prefix();
        StringBuilder where = new StringBuilder(" where ");
        Map<String, Object> p = new LinkedHashMap<>();
        // rows without an area (imports, settings) are the administrators' business
        where.append(user.is(Role.ADMIN) ? "(area_code between :lo and :hi or area_code is null)" : "area_code between :lo and :hi");
        p.put("lo", prefix + "0".repeat(12 - prefix.length()));
        p.put("hi", prefix + "9".repeat(12 - prefix.length()));
        if (action != null && !action.isBlank()) { where.append(" and action = :action"); p.put("action", action); }
        if (username != null && !username.isBlank()) { where.append(" and username = :username"); p.put("username", username.strip()); }
        if (household != null) { where.append(" and household_id = :household"); p.put("household", household); }
        ZoneId zone = ZoneId.systemDefault();
        if (from != null) { where.append(" and at >= :from"); p.put("from", Timestamp.from(from.atStartOfDay(zone).toInstant())); }
        if (to != null) { where.append(" and at < :to"); p.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant())); }
        long total = jdbc.sql("select count(*) from audit_event" + where).params(p).query(Long.class).single();
        int pg = Math.max(1, page);
        List<Entry> rows = jdbc.sql("select id, at, username, account_id, action, household_id, area_code, ip, detail from audit_event"
                        + where + " order by at desc, id desc limit " + PAGE + " offset :off")
                .params(p).param("off", (long) (pg - 1) * PAGE)
                .query((rs, i) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("username"),
                        (Long) rs.getObject("account_id"), rs.getString("action"), (Long) rs.getObject("household_id"),
                        rs.getString("area_code"), rs.getString("ip"), rs.getString("detail")))
                .list();
        model.addAttribute("rows", wording.rows(rows, changesOf(rows)));
        cn.shouwang.server.platform.Paging.toModel(model, pg, PAGE, total);
        model.addAttribute("actions", AuditAction.values()); // every action recorded anywhere
        model.addAttribute("f", Map.of("action", action == null ? "" : action, "username", username == null ? "" : username,
                "household", household == null ? "" : household.toString(), "from", from == null ? "" : from.toString(),
                "to", to == null ? "" : to.toString()));
        return hx != null ? "audit/list :: results" : "audit/list";
    }

    /** The changed fields of the page's rows (one query), by row. */
    private Map<Long, List<AuditApi.Change>> changesOf(List<Entry> rows) {
        Map<Long, List<AuditApi.Change>> changes = new java.util.HashMap<>();
        if (rows.isEmpty()) return changes;
        jdbc.sql("""
                select e.id, c.field, c.old, c.new from audit_event e,
                       jsonb_to_recordset(case when jsonb_typeof(e.changes) = 'array' then e.changes else '[]' end)
                         as c(field text, old text, new text)
                 where e.id in (:ids) order by e.id""")
                .param("ids", rows.stream().map(Entry::id).toList())
                .query(rs -> {
                    changes.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                            .add(new AuditApi.Change(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return changes;
    }
}
