package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 忽略 / 撤销忽略 / 交办核查 of warnings: one SQL update within the caller's area for all selected warnings, and
 * one audit row per household touched (in the same transaction, so no change goes unaudited). The household's
 * history page shows it; the detail names the period, rules, warning ids and the reason or the area and deadline.
 */
@Service
class WarningTriage {
    private final ScreeningStore store;
    private final AuditApi audit;
    private final Clock clock;

    WarningTriage(ScreeningStore store, AuditApi audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    int dismiss(Collection<Long> ids, AreaScope scope, boolean onlyAssigned, String reason, @Nullable String note,
                String by) {
        List<ScreeningStore.Triaged> done = store.dismiss(ids, scope, onlyAssigned, reason, note, by,
                OffsetDateTime.now(clock));
        audit(AuditAction.WARNING_DISMISS, done, "reason " + reason + (note == null ? "" : " note " + note));
        return done.size();
    }

    @Transactional
    int restore(Collection<Long> ids, AreaScope scope) {
        List<ScreeningStore.Triaged> done = store.restore(ids, scope);
        audit(AuditAction.WARNING_RESTORE, done, "");
        return done.size();
    }

    @Transactional
    int assign(Collection<Long> ids, AreaScope scope, AreaScope area, LocalDate due, String by) {
        List<ScreeningStore.Triaged> done = store.assign(ids, scope, area, due, by, OffsetDateTime.now(clock));
        audit(AuditAction.WARNING_ASSIGN, done, "to " + area.areaCode() + " due " + due);
        return done.size();
    }

    private void audit(AuditAction action, List<ScreeningStore.Triaged> done, String what) {
        Map<Long, List<ScreeningStore.Triaged>> byHousehold = new LinkedHashMap<>();
        done.forEach(t -> byHousehold.computeIfAbsent(t.householdId(), k -> new java.util.ArrayList<>()).add(t));
        byHousehold.forEach((household, ws) -> audit.record(action, household, null, ws.get(0).villageCode(), List.of(),
                "warnings " + ws.get(0).period() + " "
                        + ws.stream().map(t -> t.rule() + ":" + t.id()).collect(Collectors.joining(","))
                        + (what.isEmpty() ? "" : " " + what)));
    }
}
