package cn.shouwang.server.fieldwork.offline;

import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.fieldwork.FieldScopes;
import cn.shouwang.server.fieldwork.visits.VisitCmd;
import cn.shouwang.server.fieldwork.visits.Visits;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.platform.RefusedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The phone's offline queue, item by item, in the order it was recorded (issue 13 point 4). Each item carries the key
 * its form made when it opened and what the phone knew of the household then; the server answers one of:
 * <ul>
 *   <li>STORED / REPLAYED: stored now, or by an earlier try with the same key (nothing stored twice);</li>
 *   <li>CONFLICT: the household changed meanwhile in a way that matters — moved out of the monitor's area, its members
 *       changed (registry version moved and the active member count differs), or a lead for it opened by someone else
 *       (lead items) — nothing is stored; the phone keeps the item and shows both sides until the monitor stores it
 *       anyway ({@code force}) or discards it. A moved household's item can only be discarded (it is outside the area);</li>
 *   <li>REFUSED: never the monitor's household, or the content refused (the form's own checks).</li>
 * </ul>
 * Writes go through the forms' own paths ({@link Visits#record}, {@link CaseworkApi#fieldLead}), scoped and audited
 * like them; a conflict answer and a forced store are audited too.
 */
@Component
public class OfflineSync {
    /** How many items one request may carry (the phone sends what waits, oldest first). */
    public static final int MAX_ITEMS = 50;

    public enum Kind { VISIT, LEAD }

    public enum Status { STORED, REPLAYED, CONFLICT, REFUSED }

    /** What the phone knew of the household when it cached it. */
    public record Cached(@Nullable String village, @Nullable Integer version, @Nullable Integer members,
                         @Nullable Long openLead) {}

    /** The lead form's content. */
    public record LeadBody(@Nullable String description, @Nullable List<String> riskCodes) {}

    public record Item(@Nullable Kind kind, @Nullable String key, long householdId, @Nullable Cached cached, boolean force,
                       @Nullable VisitCmd visit, @Nullable LeadBody lead) {}

    public record Request(@Nullable List<Item> items) {}

    /** Both sides of a conflict, in the user's language; {@code mayStore}: 仍然保存 is offered. */
    public record Conflict(String kind, String what, String then, String now, boolean mayStore) {}

    public record Result(@Nullable String key, Status status, String message, @Nullable String link,
                         @Nullable Conflict conflict) {}

    private final Visits visits;
    private final CaseworkApi casework;
    private final HouseholdApi households;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Validator validator;
    private final JdbcClient jdbc;

    OfflineSync(Visits visits, CaseworkApi casework, HouseholdApi households, AreaApi areas, AuditApi audit,
                MessageSource messages, Validator validator, JdbcClient jdbc) {
        this.visits = visits;
        this.casework = casework;
        this.households = households;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.validator = validator;
        this.jdbc = jdbc;
    }

    public List<Result> sync(List<Item> items, CurrentUser me) {
        List<Result> out = new ArrayList<>();
        for (Item i : items) out.add(one(i, me));
        return out;
    }

    Result one(Item i, CurrentUser me) {
        UUID key;
        try {
            key = UUID.fromString(i.key() == null ? "" : i.key().strip());
        } catch (IllegalArgumentException e) {
            return refused(i.key(), msg("fieldwork.visit.error.key"));
        }
        if (i.kind() == null || i.kind() == Kind.VISIT && i.visit() == null || i.kind() == Kind.LEAD && i.lead() == null) {
            return refused(i.key(), msg("fieldwork.offline.refused.empty"));
        }
        try {
            return i.kind() == Kind.VISIT ? visit(i, key, me) : lead(i, key, me);
        } catch (RefusedInputException e) {
            return refused(i.key(), e.problems().stream().map(p -> messages.getMessage(p, locale()))
                    .collect(Collectors.joining("；")));
        } catch (CaseworkException e) {
            return refused(i.key(), messages.getMessage("casework.problem." + e.problem().name(), null,
                    e.problem().name(), locale()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result visit(Item i, UUID key, CurrentUser me) throws IOException {
        VisitCmd v = i.visit();
        VisitCmd cmd = new VisitCmd(key.toString(), v.visitedOn(), v.companions(), v.foundAtHome(), v.educationSecured(),
                v.medicalSecured(), v.housingSecured(), v.waterSecured(), v.incomeTrend(), v.incomeChange(), v.risks(),
                v.note());
        List<String> invalid = validator.validate(cmd).stream().map(this::violation).distinct().toList();
        if (!invalid.isEmpty()) return refused(i.key(), String.join("；", invalid));
        Optional<HouseholdApi.Ref> h = households.ref(i.householdId(), me.scope());
        if (h.isPresent() && visits.storedWithKey(key, i.householdId(), me).isPresent()) {
            return new Result(i.key(), Status.REPLAYED, msg("fieldwork.offline.stored.VISIT", name(h.get())),
                    "/visits/households/" + i.householdId(), null);
        }
        if (h.isEmpty()) return outside(i, me);
        if (!i.force()) {
            Conflict c = membersChanged(i, h.get(), me);
            if (c != null) return conflict(i, h.get().villageCode(), c);
        }
        Visits.Saved s = visits.record(i.householdId(), cmd, null, me);
        if (i.force()) forced(i, h.get().villageCode());
        return new Result(i.key(), s.replayed() ? Status.REPLAYED : Status.STORED,
                msg("fieldwork.offline.stored.VISIT", name(h.get()))
                        + (s.intake() == null ? "" : " " + msg("fieldwork.intake." + s.intake().outcome().name())),
                "/visits/households/" + i.householdId(), null);
    }

    private Result lead(Item i, UUID key, CurrentUser me) {
        LeadBody b = i.lead();
        String description = b.description() == null ? "" : b.description().strip();
        if (description.isEmpty()) return refused(i.key(), msg("casework.description.required"));
        if (description.length() > 500) return refused(i.key(), msg("casework.description.size"));
        Optional<HouseholdApi.Ref> h = households.ref(i.householdId(), me.scope());
        if (h.isEmpty()) return outside(i, me);
        List<String> risks = b.riskCodes() == null ? List.of()
                : b.riskCodes().stream().filter(r -> r != null && !r.isBlank()).distinct().toList();
        var active = visits.riskOptions(h.get().villageCode());
        for (String r : risks) if (!active.containsKey(r)) return refused(i.key(), msg("fieldwork.visit.error.risk"));
        if (!i.force()) {
            Optional<CaseworkApi.OpenLead> open = casework.openLeadOf(i.householdId(), me.scope());
            Long cachedLead = i.cached() == null ? null : i.cached().openLead();
            if (open.isPresent() && !open.get().openedLeadIsMine(me.accountId())
                    && !Long.valueOf(open.get().leadId()).equals(cachedLead)) {
                CaseworkApi.OpenLead o = open.get();
                return conflict(i, h.get().villageCode(), new Conflict("LEAD_OPENED", msg("fieldwork.offline.conflict.LEAD_OPENED"),
                        cachedLead == null ? msg("fieldwork.offline.then.noLead") : msg("fieldwork.offline.then.lead", cachedLead),
                        msg("fieldwork.offline.now.lead", o.leadId(), o.openedByName() == null ? "—" : o.openedByName(),
                                o.openedOn().toString()), true));
            }
        }
        CaseworkApi.KeyedIntake k = casework.fieldLead(i.householdId(), description, risks, key);
        if (i.force() && !k.replayed()) forced(i, h.get().villageCode());
        CaseworkApi.IntakeResult r = k.result();
        String link = r.outcome() == CaseworkApi.IntakeResult.Outcome.JOINED_MONITORED ? "/monitored/" + r.id() : "/leads/" + r.id();
        return new Result(i.key(), k.replayed() ? Status.REPLAYED : Status.STORED,
                msg("fieldwork.offline.stored.LEAD", name(h.get())) + " " + msg("casework.intake." + r.outcome().name()),
                link, null);
    }

    /**
     * Outside the scope now: a household that left the monitor's area (fieldwork heard its move) is a conflict that
     * can only be discarded; any other household is refused without a word about it.
     */
    private Result outside(Item i, CurrentUser me) {
        FieldScopes s = FieldScopes.of(me.scope());
        record Move(String from, String to, LocalDate on) {}
        Optional<Move> m = jdbc.sql("""
                select from_village, to_village, moved_on from field_household_move
                 where household_id = :h and from_village between :lo and :hi and not to_village between :lo and :hi
                 order by moved_on desc, id desc limit 1""")
                .param("h", i.householdId()).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, n) -> new Move(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class))).optional();
        if (m.isEmpty()) return refused(i.key(), msg("fieldwork.offline.refused.scope"));
        Conflict c = new Conflict("MOVED", msg("fieldwork.offline.conflict.MOVED"),
                msg("fieldwork.offline.then.village", villageName(m.get().from())),
                msg("fieldwork.offline.now.moved", villageName(m.get().to()), m.get().on().toString()), false);
        return conflict(i, m.get().from(), c);
    }

    /** The registry's version moved and the active members are not those the phone had: a conflict. */
    private @Nullable Conflict membersChanged(Item i, HouseholdApi.Ref h, CurrentUser me) {
        Cached c = i.cached();
        if (c == null || c.version() == null || c.members() == null) return null;
        Views.Household now = households.findHousehold(h.id(), me.scope()).orElse(null);
        if (now == null || now.version() == c.version()) return null;
        List<String> active = now.members().stream().filter(m -> "ACTIVE".equals(m.status())).map(Views.Member::name).toList();
        if (active.size() == c.members()) return null;
        return new Conflict("MEMBERS", msg("fieldwork.offline.conflict.MEMBERS"), msg("fieldwork.offline.then.members", c.members()),
                msg("fieldwork.offline.now.members", active.size(), String.join(msg("list.separator"), active)), true);
    }

    private Result conflict(Item i, String village, Conflict c) {
        audit.record(AuditAction.FIELD_OFFLINE_CONFLICT, i.householdId(), null, village, List.of(),
                i.kind() + " " + i.key() + " " + c.kind());
        return new Result(i.key(), Status.CONFLICT, c.what(), null, c);
    }

    private void forced(Item i, String village) {
        audit.record(AuditAction.FIELD_OFFLINE_SYNC, i.householdId(), null, village, List.of(),
                i.kind() + " " + i.key() + " stored despite a conflict");
    }

    private Result refused(@Nullable String key, String message) {
        return new Result(key, Status.REFUSED, message, null, null);
    }

    private String violation(ConstraintViolation<?> v) {
        String t = v.getMessageTemplate();
        if (t.startsWith("{") && t.endsWith("}")) return msg(t.substring(1, t.length() - 1));
        return v.getMessage();
    }

    private String name(HouseholdApi.Ref h) {
        return h.headName().isEmpty() ? h.householdNo() : h.headName();
    }

    private String villageName(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }
}
