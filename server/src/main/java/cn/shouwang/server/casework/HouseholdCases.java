package cn.shouwang.server.casework;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.shared.CaseworkCodes;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.LeadStates;
import cn.shouwang.server.household.HouseholdCasesApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the household page: monitored status and category, and the household's open leads, within the scope; the
 * income lines in force at its village; the monitoring of a batch of households for the export in national layout.
 */
@Component
class HouseholdCases implements HouseholdCasesApi {
    private final JdbcClient jdbc;
    private final CaseworkCodes codes;
    private final MessageSource messages;
    private final CaseworkSettingsStore settings;
    private final PersonalDataApi personalData;

    private final AssetStandards assetStandards;

    HouseholdCases(JdbcClient jdbc, CaseworkCodes codes, MessageSource messages, CaseworkSettingsStore settings,
                   PersonalDataApi personalData, AssetStandards assetStandards) {
        this.assetStandards = assetStandards;
        this.personalData = personalData;
        this.settings = settings;
        this.jdbc = jdbc;
        this.codes = codes;
        this.messages = messages;
    }

    @Override
    public Cases casesOf(long householdId, AreaScope scope) {
        String lo = pad(scope.prefix(), '0');
        String hi = pad(scope.prefix(), '9');
        Locale l = LocaleContextHolder.getLocale();
        record Monitored(String status, String category) {}
        Monitored m = jdbc.sql("""
                        select status, category from monitored_household
                         where household_id = :h and village_code between :lo and :hi""")
                .param("h", householdId).param("lo", lo).param("hi", hi).query(Monitored.class).optional().orElse(null);
        List<OpenLead> open = jdbc.sql("""
                        select id, state from lead
                         where household_id = :h and village_code between :lo and :hi
                           and\s""" + LeadStates.OPEN + " order by id")
                .param("h", householdId).param("lo", lo).param("hi", hi)
                .query((rs, i) -> new OpenLead(rs.getLong("id"),
                        messages.getMessage("casework.state." + rs.getString("state"), null, rs.getString("state"), l)))
                .list();
        return new Cases(m == null ? null : messages.getMessage("casework.monitoring." + m.status(), null, m.status(), l),
                m == null ? null : codes.name(CodeKind.CATEGORY, m.category()), open);
    }

    @Override
    public Map<cn.shouwang.core.household.AssetKind, BigDecimal> assetLimits(String villageCode) {
        return assetStandards.limits(villageCode);
    }

    @Override
    public Map<Integer, BigDecimal> incomeLines(String villageCode) {
        return settings.incomeLines(villageCode).byYear();
    }

    @Override
    public Map<Long, Monitoring> monitoringOf(java.util.Collection<Long> householdIds, boolean fullPhones) {
        Map<Long, Monitoring> out = new java.util.HashMap<>();
        if (householdIds.isEmpty()) return out;
        Long[] ids = householdIds.toArray(Long[]::new);
        record Officer(String name, String unit, String phone) {}
        Map<Long, Officer> officers = new java.util.HashMap<>();
        // the current officer: the latest whose term has not ended
        jdbc.sql("""
                select distinct on (household_id) household_id, name, unit, phone_enc from assistance_officer
                 where household_id = any(:ids) and (to_date is null or to_date >= :today)
                 order by household_id, from_date desc, id desc""")
                .param("ids", ids).param("today", settings.today())
                .query(rs -> {
                    String phone = personalData.open(rs.getBytes(4));
                    officers.put(rs.getLong(1), new Officer(rs.getString(2), rs.getString(3),
                            phone.isEmpty() || fullPhones ? phone : PersonalDataApi.maskPhone(phone)));
                });
        Map<Long, Map<String, List<String>>> measures = new java.util.HashMap<>();
        jdbc.sql("""
                select household_id, measure_group, description from plan_measure
                 where household_id = any(:ids) and state <> 'STOPPED' order by household_id, id""")
                .param("ids", ids)
                .query(rs -> {
                    measures.computeIfAbsent(rs.getLong(1), k -> new java.util.LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new java.util.ArrayList<>()).add(rs.getString(3));
                });
        jdbc.sql("""
                select household_id, category, risk_types, disaster_subtype, identified_on, status, eliminated_month
                  from monitored_household where household_id = any(:ids)""")
                .param("ids", ids)
                .query(rs -> {
                    long h = rs.getLong(1);
                    Officer o = officers.get(h);
                    java.time.LocalDate month = rs.getObject(7, java.time.LocalDate.class);
                    out.put(h, new Monitoring(rs.getString(2), List.of((String[]) rs.getArray(3).getArray()),
                            rs.getString(4), rs.getObject(5, java.time.LocalDate.class),
                            "RISK_ELIMINATED".equals(rs.getString(6)),
                            month == null ? null : java.time.YearMonth.from(month),
                            o == null ? null : o.name(), o == null ? null : o.unit(), o == null ? null : o.phone(),
                            measures.getOrDefault(h, Map.of())));
                });
        return out;
    }

    private static String pad(String prefix, char c) {
        return prefix + String.valueOf(c).repeat(12 - prefix.length());
    }
}
