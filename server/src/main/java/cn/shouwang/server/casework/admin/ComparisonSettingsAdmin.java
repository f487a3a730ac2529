package cn.shouwang.server.casework.admin;

import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.ComparisonSetting;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 比对规则与阈值: the comparison's thresholds and which of its rules run ({@link ComparisonSetting}), set for the
 * province (province-wide rows of {@code casework_setting}; blank = feeds.md's default) or for a city or county
 * (rows of {@code casework_area_setting}; blank = inherit from above), checked, written with their audit row
 * ({@code CASEWORK_SETTINGS_UPDATE}) in one transaction and refused when the stored values changed since the form was
 * read. Who may change what: as for 业务参数 ({@link CaseworkAdmin#requireEverywhere}, {@link CaseworkAdmin#requireCovers}).
 * Runs read them through {@code StandardsApi.comparisonSettings}.
 */
@Service
class ComparisonSettingsAdmin {
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final AreaApi areas;
    private final CaseworkSettingsStore config;
    private final CaseworkAdmin admin;

    ComparisonSettingsAdmin(JdbcClient jdbc, AuditApi audit, AreaApi areas, CaseworkSettingsStore config, CaseworkAdmin admin) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.areas = areas;
        this.config = config;
        this.admin = admin;
    }

    /** What the area itself stores, by key (province: the province-wide rows). */
    Map<String, String> own(String areaCode, boolean province) {
        Map<String, String> all = province ? config.global() : config.own(areaCode);
        Map<String, String> v = new TreeMap<>();
        all.forEach((k, x) -> {
            if (ComparisonSetting.KEYS.contains(k)) v.put(k, x);
        });
        return v;
    }

    static String fingerprint(Map<String, String> own) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String k : ComparisonSetting.KEYS) {
                md.update((k + (own.containsKey(k) ? "=" + own.get(k) : "~") + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value the area inherits where it sets nothing: the value and the name of where it is set. */
    record Inherited(String value, String from, boolean isDefault) {}

    /** What each setting would be without the area's own value (province: feeds.md's defaults). */
    Map<String, Inherited> inherited(AreaInfo a, boolean province) {
        Map<String, Inherited> out = new LinkedHashMap<>();
        Map<String, CaseworkSettingsStore.InForce> parent = province || a.parentCode() == null ? Map.of()
                : config.inForce(a.parentCode(), config.global(), null, null);
        for (ComparisonSetting s : ComparisonSetting.values()) {
            CaseworkSettingsStore.InForce f = parent.get(s.key());
            String v = f == null ? null : s.normalise(f.value()).orElse(null);
            if (v == null) {
                out.put(s.key(), new Inherited(s.defaultValue(), "", true));
            } else {
                String from = f.areaCode() == null ? a.code().substring(0, 2) + "0000000000" : f.areaCode();
                out.put(s.key(), new Inherited(v, areas.find(from).map(AreaInfo::name).orElse(from), false));
            }
        }
        return out;
    }

    /** The form as sent: typed values by key, whether the area sets its own rules, the rules ticked as running. */
    record Form(Map<String, String> typed, boolean ownRules, Collection<String> enabledRules, String fingerprint) {}

    /**
     * Saves an area's (or the province's) comparison settings if still as the form read them; returns how many
     * changed. Problems are refused with their field (the setting's key).
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
        if (problems.isEmpty()) problems.addAll(ages(a, province, wanted));
        if (!problems.isEmpty()) throw new CaseworkAdmin.Refused(problems);
        // lock the province-wide rows: one settings save at a time (as 业务参数 does)
        jdbc.sql("select name from casework_setting for update").query(String.class).list();
        Map<String, String> old = own(a.code(), province);
        if (!fingerprint(old).equals(form.fingerprint())) throw new ConcurrentEditException();
        List<AuditApi.Change> changes = new ArrayList<>();
        for (Map.Entry<String, @Nullable String> e : wanted.entrySet()) {
            String before = old.get(e.getKey());
            if (Objects.equals(before, e.getValue())) continue;
            if (province) {
                if (e.getValue() == null) {
                    jdbc.sql("delete from casework_setting where name = :n").param("n", e.getKey()).update();
                } else {
                    jdbc.sql("insert into casework_setting (name, value) values (:n, :v) "
                                    + "on conflict (name) do update set value = excluded.value")
                            .param("n", e.getKey()).param("v", e.getValue()).update();
                }
            } else if (e.getValue() == null) {
                jdbc.sql("delete from casework_area_setting where area_code = :a and name = :n").param("a", a.code())
                        .param("n", e.getKey()).update();
            } else {
                jdbc.sql("insert into casework_area_setting (area_code, name, value) values (:a, :n, :v) "
                                + "on conflict (area_code, name) do update set value = excluded.value")
                        .param("a", a.code()).param("n", e.getKey()).param("v", e.getValue()).update();
            }
            changes.add(new AuditApi.Change(e.getKey(), before, e.getValue()));
        }
        if (!changes.isEmpty()) {
            audit.record(AuditAction.CASEWORK_SETTINGS_UPDATE, null, null, a.code(), changes, a.name());
        }
        return changes.size();
    }

    /** The age ranges in force at the area after the change must not be upside down. */
    private List<CaseworkAdmin.Problem> ages(AreaInfo a, boolean province, Map<String, @Nullable String> wanted) {
        Map<String, String> inForce = new HashMap<>();
        inherited(a, province).forEach((k, i) -> inForce.put(k, i.value()));
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
