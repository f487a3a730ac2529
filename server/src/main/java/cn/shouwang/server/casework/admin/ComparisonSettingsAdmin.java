package cn.shouwang.server.casework.admin;

import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.ComparisonSetting;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import cn.shouwang.server.casework.shared.StandardChanges;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 比对规则与阈值 and the monitoring categories open for new identifications: the comparison's thresholds and which of its
 * rules run ({@link ComparisonSetting}, every entry it has), set for the province (area null in
 * {@code standard_change}; blank = feeds.md's default) or for a city or county (blank = inherit from above), as
 * 标准调整: each change a record of its own from the day it takes effect, with its reason and approving document
 * (casework V11). Checked, written with their audit row ({@code CASEWORK_SETTINGS_UPDATE}) in one transaction and
 * refused when the area recorded another change since the form was read. Who may change what: as for 业务参数
 * ({@link CaseworkAdmin#requireEverywhere}, {@link CaseworkAdmin#requireCovers}). Runs read them through
 * {@code StandardsApi.comparisonSettings}, identifications through the casework context of their day.
 */
@Service
class ComparisonSettingsAdmin {
    private final AuditApi audit;
    private final AreaApi areas;
    private final CaseworkSettingsStore config;
    private final StandardChanges changes;
    private final CaseworkAdmin admin;
    private final Clock clock;

    ComparisonSettingsAdmin(AuditApi audit, AreaApi areas, CaseworkSettingsStore config, StandardChanges changes,
                            CaseworkAdmin admin, Clock clock) {
        this.audit = audit;
        this.areas = areas;
        this.config = config;
        this.changes = changes;
        this.admin = admin;
        this.clock = clock;
    }

    /** Every name this page keeps: the comparison settings, then the categories open for new identifications. */
    static List<String> names() {
        List<String> n = new ArrayList<>(ComparisonSetting.KEYS);
        n.add(StandardChanges.CATEGORIES_OPEN);
        return n;
    }

    /** The active monitoring categories, in the code list's order: those a region may leave open. */
    List<String> categories() {
        return config.activeCodes(CodeKind.CATEGORY);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** What the area itself sets on a day, by name (province: the province-wide values). */
    Map<String, String> own(String areaCode, boolean province, LocalDate asOf) {
        Map<String, String> v = new TreeMap<>();
        changes.own(province ? null : areaCode, asOf).forEach((k, x) -> {
            if (names().contains(k)) v.put(k, x);
        });
        return v;
    }

    /** What the area itself sets today. */
    Map<String, String> own(String areaCode, boolean province) {
        return own(areaCode, province, today());
    }

    /** The form's version: the area's last recorded change (another change since refuses the form). */
    String fingerprint(String areaCode, boolean province) {
        return String.valueOf(changes.lastId(province ? null : areaCode));
    }

    /** The area's changes not yet in force (待生效). */
    List<StandardChanges.Scheduled> scheduled(String areaCode, boolean province) {
        return changes.scheduled(province ? null : areaCode, today());
    }

    /** A value the area inherits where it sets nothing: the value and the name of where it is set. */
    record Inherited(String value, String from, boolean isDefault) {}

    /** What each name would be without the area's own value on a day (province: the defaults). */
    Map<String, Inherited> inherited(AreaInfo a, boolean province, LocalDate asOf) {
        Map<String, Inherited> out = new LinkedHashMap<>();
        Map<String, StandardChanges.InForce> parent = province || a.parentCode() == null ? Map.of()
                : changes.inForce(a.parentCode(), asOf);
        for (String k : names()) {
            StandardChanges.InForce f = parent.get(k);
            String v = f == null ? null : normalise(k, f.value()).orElse(null);
            if (v == null) {
                out.put(k, new Inherited(defaultValue(k), "", true));
            } else {
                String from = f.areaCode() == null ? a.code().substring(0, 2) + "0000000000" : f.areaCode();
                out.put(k, new Inherited(v, areas.find(from).map(AreaInfo::name).orElse(from), false));
            }
        }
        return out;
    }

    Map<String, Inherited> inherited(AreaInfo a, boolean province) {
        return inherited(a, province, today());
    }

    private String defaultValue(String name) {
        return ComparisonSetting.ofKey(name).map(ComparisonSetting::defaultValue)
                .orElseGet(() -> String.join(",", categories()));
    }

    private Optional<String> normalise(String name, String stored) {
        Optional<ComparisonSetting> s = ComparisonSetting.ofKey(name);
        if (s.isPresent()) return s.get().normalise(stored);
        return Optional.of(StandardChanges.categoriesValue(categories(), StandardChanges.categories(stored)));
    }

    /**
     * The form as sent: typed values by key, whether the area sets its own rules and which are ticked as running,
     * whether it sets its own categories and which are open, and the 标准调整: from when, why, which document.
     */
    record Form(Map<String, String> typed, boolean ownRules, Collection<String> enabledRules, boolean ownCategories,
                Collection<String> openCategories, String effectiveFrom, String reason, String document,
                String fingerprint) {}

    /**
     * Saves an area's (or the province's) settings as changes from a day if no change was recorded since the form
     * was read; returns how many changed. Problems are refused with their field.
     */
    @Transactional
    int save(CurrentUser by, AreaInfo a, boolean province, Form form) {
        if (province) admin.requireEverywhere(by); else admin.requireCovers(by, a.code());
        List<CaseworkAdmin.Problem> problems = new ArrayList<>();
        Map<String, @Nullable String> wanted = new LinkedHashMap<>();
        for (ComparisonSetting s : ComparisonSetting.values()) {
            if (s == ComparisonSetting.RULES_OFF) continue;
            String t = form.typed().getOrDefault(s.key(), "");
            if (t == null || t.isBlank()) {
                wanted.put(s.key(), null);
            } else {
                String v = s.normalise(t).orElse(null);
                if (v == null) problems.add(new CaseworkAdmin.Problem(s.key(), "comparison.setting.bad." + s.kind()));
                wanted.put(s.key(), v);
            }
        }
        if (province || form.ownRules()) {
            Set<String> off = java.util.Arrays.stream(Rule.values()).map(Rule::name)
                    .filter(r -> !form.enabledRules().contains(r)).collect(Collectors.toSet());
            wanted.put(ComparisonSetting.RULES_OFF.key(), ComparisonSetting.rulesValue(off));
        } else {
            wanted.put(ComparisonSetting.RULES_OFF.key(), null);
        }
        if (province || form.ownCategories()) {
            wanted.put(StandardChanges.CATEGORIES_OPEN, StandardChanges.categoriesValue(categories(), form.openCategories()));
        } else {
            wanted.put(StandardChanges.CATEGORIES_OPEN, null);
        }
        // the province's defaults are no value of its own: saving the page unchanged records nothing
        if (province) {
            wanted.replaceAll((k, v) -> v != null && v.equals(defaultValue(k)) ? null : v);
        }
        LocalDate from = null;
        String e = form.effectiveFrom() == null ? "" : form.effectiveFrom().strip();
        if (e.isEmpty()) {
            problems.add(new CaseworkAdmin.Problem("effectiveFrom", "admin.line.effectiveFrom.required"));
        } else {
            try {
                from = LocalDate.parse(e);
                LocalDate last = LocalDate.of(admin.maxLineYear() + 1, 12, 31);
                if (from.isBefore(CaseworkAdmin.FIRST_EFFECTIVE) || from.isAfter(last)) {
                    problems.add(new CaseworkAdmin.Problem("effectiveFrom", "admin.line.effectiveFrom.range",
                            CaseworkAdmin.FIRST_EFFECTIVE.toString(), last.toString()));
                }
            } catch (DateTimeParseException x) {
                problems.add(new CaseworkAdmin.Problem("effectiveFrom", "admin.line.effectiveFrom.bad"));
            }
        }
        String reason = form.reason() == null ? "" : form.reason().strip();
        if (reason.isEmpty()) problems.add(new CaseworkAdmin.Problem("reason", "admin.line.reason.required"));
        else if (reason.length() > 500) problems.add(new CaseworkAdmin.Problem("reason", "comparison.settings.tooLong", "500"));
        String document = form.document() == null || form.document().isBlank() ? null : form.document().strip();
        if (document != null && document.length() > 200) problems.add(new CaseworkAdmin.Problem("document", "comparison.settings.tooLong", "200"));
        if (problems.isEmpty()) problems.addAll(ages(a, province, wanted, from));
        if (!problems.isEmpty()) throw new CaseworkAdmin.Refused(problems);
        // lock the province-wide settings: one settings save at a time (as 业务参数 does)
        config.lockSettings();
        if (!fingerprint(a.code(), province).equals(form.fingerprint())) throw new ConcurrentEditException();
        // compared with what the area sets on that day: a change effective later is judged against what it replaces
        Map<String, String> old = own(a.code(), province, from);
        List<AuditApi.Change> audited = new ArrayList<>();
        for (Map.Entry<String, @Nullable String> w : wanted.entrySet()) {
            String before = old.get(w.getKey());
            if (Objects.equals(before, w.getValue())) continue;
            changes.record(province ? null : a.code(), w.getKey(), w.getValue(), from, reason, document, by.username(),
                    by.displayName(), clock.instant());
            audited.add(new AuditApi.Change(w.getKey(), before, w.getValue()));
        }
        if (!audited.isEmpty()) {
            audit.record(AuditAction.CASEWORK_SETTINGS_UPDATE, null, null, a.code(), audited, a.name() + ", effective "
                    + from + ", reason: " + reason + (document == null ? "" : ", document: " + document));
        }
        return audited.size();
    }

    /** The age ranges in force at the area from the change's day must not be upside down. */
    private List<CaseworkAdmin.Problem> ages(AreaInfo a, boolean province, Map<String, @Nullable String> wanted,
                                             @Nullable LocalDate from) {
        Map<String, String> inForce = new HashMap<>();
        inherited(a, province, from == null ? today() : from).forEach((k, i) -> inForce.put(k, i.value()));
        wanted.forEach((k, v) -> {
            if (v != null) inForce.put(k, v);
        });
        List<CaseworkAdmin.Problem> out = new ArrayList<>();
        if (Integer.parseInt(inForce.get(ComparisonSetting.DROPOUT_MIN_AGE.key()))
                > Integer.parseInt(inForce.get(ComparisonSetting.DROPOUT_MAX_AGE.key()))) {
            out.add(new CaseworkAdmin.Problem(ComparisonSetting.DROPOUT_MIN_AGE.key(), "comparison.setting.ages"));
        }
        if (Integer.parseInt(inForce.get(ComparisonSetting.DEATH_MIN_AGE.key()))
                > Integer.parseInt(inForce.get(ComparisonSetting.DEATH_MAX_AGE.key()))) {
            out.add(new CaseworkAdmin.Problem(ComparisonSetting.DEATH_MIN_AGE.key(), "comparison.setting.ages"));
        }
        return out;
    }
}
