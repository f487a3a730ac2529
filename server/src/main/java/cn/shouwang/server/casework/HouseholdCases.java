package cn.shouwang.server.casework;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.shared.CaseworkCodes;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.LeadStates;
import cn.shouwang.server.household.HouseholdCasesApi;
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
 * income lines in force at its village.
 */
@Component
class HouseholdCases implements HouseholdCasesApi {
    private final JdbcClient jdbc;
    private final CaseworkCodes codes;
    private final MessageSource messages;
    private final CaseworkSettingsStore settings;

    HouseholdCases(JdbcClient jdbc, CaseworkCodes codes, MessageSource messages, CaseworkSettingsStore settings) {
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
    public Map<Integer, BigDecimal> incomeLines(String villageCode) {
        return settings.incomeLines(villageCode).byYear();
    }

    private static String pad(String prefix, char c) {
        return prefix + String.valueOf(c).repeat(12 - prefix.length());
    }
}
