package cn.shouwang.server.villagearchive.checklist;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.RefusedInputException;
import cn.shouwang.server.villagearchive.ArchiveCodes;
import cn.shouwang.server.villagearchive.ArchiveScopes;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The model-village checklist 九有六无 of a village: each active item of the code list with its state (met, not met,
 * not applicable, or not yet checked), its evidence (a note, optionally one of the village's documents), who checked it
 * and when. Completeness is "x of y met", y being the active items not marked not applicable.
 */
@Component
public class Checklist {
    public enum Status { MET, NOT_MET, NOT_APPLICABLE }

    /** One item of a village's checklist; {@code status} null: not checked yet. */
    public record Line(String itemCode, String itemName, @Nullable Status status, String note, @Nullable Long documentId,
                       @Nullable LocalDate checkedOn, @Nullable String checkedByName, int version) {}

    /** x of y met; {@code complete} when every applicable item is met (and there is one at least). */
    public record Completeness(long met, long applicable) {
        public boolean complete() {
            return applicable > 0 && met == applicable;
        }

        public Completeness plus(Completeness o) {
            return new Completeness(met + o.met, applicable + o.applicable);
        }
    }

    /** A change of one item, as the form sends it. */
    public record CheckCmd(String itemCode, @Nullable String status, @Nullable String note, @Nullable Long documentId,
                           @Nullable LocalDate checkedOn, int version) {}

    /** Another user changed the item since the form was opened. */
    public static class ConcurrentEdit extends RuntimeException {
        public ConcurrentEdit() {
            super("checklist item changed meanwhile");
        }
    }

    private final JdbcClient jdbc;
    private final ArchiveCodes codes;
    private final AuditApi audit;

    Checklist(JdbcClient jdbc, ArchiveCodes codes, AuditApi audit) {
        this.jdbc = jdbc;
        this.codes = codes;
        this.audit = audit;
    }

    private record Row(String item, Status status, String note, @Nullable Long doc, LocalDate on, String by, int version) {}

    /** The village's checklist: every active item in order, checked or not (the village inside the scope, else empty states). */
    public List<Line> ofVillage(String villageCode, AreaScope scope, Locale locale) {
        ArchiveScopes s = ArchiveScopes.of(scope);
        Map<String, Row> rows = new HashMap<>();
        jdbc.sql("""
                select * from checklist_status where village_code = :v and village_code between :lo and :hi""")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> rows.put(rs.getString("item_code"), new Row(rs.getString("item_code"),
                        Status.valueOf(rs.getString("status")), rs.getString("note"),
                        (Long) rs.getObject("document_id"), rs.getObject("checked_on", LocalDate.class),
                        rs.getString("checked_by_name"), rs.getInt("version")))).list();
        return codes.list(ArchiveCodes.CHECK_ITEM, true).stream().map(c -> {
            Row r = rows.get(c.code());
            return r == null ? new Line(c.code(), c.name(locale), null, "", null, null, null, -1)
                    : new Line(c.code(), c.name(locale), r.status(), r.note(), r.doc(), r.on(), r.by(), r.version());
        }).toList();
    }

    /** Completeness of each of these villages inside the scope (one query; every village is in the answer). */
    public Map<String, Completeness> completeness(Collection<String> villageCodes, AreaScope scope) {
        Map<String, Completeness> out = new HashMap<>();
        Set<String> active = codes.list(ArchiveCodes.CHECK_ITEM, true).stream().map(ArchiveCodes.Code::code)
                .collect(Collectors.toSet());
        for (String v : villageCodes) out.put(v, new Completeness(0, active.size()));
        if (villageCodes.isEmpty() || active.isEmpty()) return out;
        ArchiveScopes s = ArchiveScopes.of(scope);
        jdbc.sql("""
                select village_code, count(*) filter (where status = 'MET'),
                       count(*) filter (where status = 'NOT_APPLICABLE')
                  from checklist_status
                 where village_code between :lo and :hi and village_code in (:codes) and item_code in (:items)
                 group by village_code""")
                .param("lo", s.lo()).param("hi", s.hi()).param("codes", villageCodes).param("items", active)
                .query((rs, i) -> out.put(rs.getString(1),
                        new Completeness(rs.getLong(2), active.size() - rs.getLong(3)))).list();
        return out;
    }

    /** Completeness of the whole area in view: every item of every village in it, and how many villages are complete. */
    public record AreaCompleteness(long villages, long villagesComplete, Completeness items) {}

    public AreaCompleteness areaCompleteness(Collection<String> villageCodes, AreaScope scope) {
        Map<String, Completeness> each = completeness(villageCodes, scope);
        Completeness sum = new Completeness(0, 0);
        long complete = 0;
        for (Completeness c : each.values()) {
            sum = sum.plus(c);
            if (c.complete()) complete++;
        }
        return new AreaCompleteness(each.size(), complete, sum);
    }

    /**
     * Records one item's state in a village the caller has checked is in {@code me}'s scope; the document, if any,
     * must be the village's own. Refused when the item or status is unknown; {@link ConcurrentEdit} when someone else
     * changed it since {@code version}.
     */
    @Transactional
    public void check(String villageCode, CheckCmd cmd, CurrentUser me, LocalDate today) {
        me.requireInScope(villageCode);
        if (codes.find(ArchiveCodes.CHECK_ITEM, cmd.itemCode()).filter(ArchiveCodes.Code::active).isEmpty()) {
            throw new RefusedInputException("itemCode", "villagearchive.check.error.item");
        }
        Status status;
        try {
            status = Status.valueOf(cmd.status() == null ? "" : cmd.status());
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException("status", "villagearchive.check.error.status");
        }
        String note = cmd.note() == null ? "" : cmd.note().strip();
        if (note.length() > 500) throw new RefusedInputException("note", "villagearchive.check.error.note", 500);
        if (cmd.documentId() != null && jdbc.sql(
                        "select count(*) from village_document where id = :id and village_code = :v")
                .param("id", cmd.documentId()).param("v", villageCode).query(Long.class).single() == 0) {
            throw new RefusedInputException("documentId", "villagearchive.check.error.document");
        }
        LocalDate on = cmd.checkedOn() == null ? today : cmd.checkedOn();
        if (on.isAfter(today)) throw new RefusedInputException("checkedOn", "villagearchive.check.error.future");
        var old = jdbc.sql("select status, version from checklist_status where village_code = :v and item_code = :i for update")
                .param("v", villageCode).param("i", cmd.itemCode())
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getInt(2)}).optional();
        if (old.isEmpty()) {
            if (cmd.version() != -1) throw new ConcurrentEdit();
            int n = jdbc.sql("""
                    insert into checklist_status (village_code, item_code, status, note, document_id, checked_on,
                           checked_by, checked_by_name)
                    values (:v, :i, :s, :n, :d, :on, :by, :name) on conflict do nothing""")
                    .param("v", villageCode).param("i", cmd.itemCode()).param("s", status.name()).param("n", note)
                    .param("d", cmd.documentId()).param("on", on).param("by", me.accountId())
                    .param("name", me.displayName()).update();
            if (n == 0) throw new ConcurrentEdit();
        } else {
            int n = jdbc.sql("""
                    update checklist_status set status = :s, note = :n, document_id = :d, checked_on = :on,
                           checked_by = :by, checked_by_name = :name, checked_at = now(), version = version + 1
                     where village_code = :v and item_code = :i and version = :ver""")
                    .param("v", villageCode).param("i", cmd.itemCode()).param("s", status.name()).param("n", note)
                    .param("d", cmd.documentId()).param("on", on).param("by", me.accountId())
                    .param("name", me.displayName()).param("ver", cmd.version()).update();
            if (n == 0) throw new ConcurrentEdit();
        }
        audit.record(AuditAction.VILLAGE_CHECKLIST_UPDATE, null, null, villageCode,
                List.of(new AuditApi.Change(cmd.itemCode(), old.map(o -> (String) o[0]).orElse(null), status.name())),
                note.isEmpty() ? null : note);
    }
}
