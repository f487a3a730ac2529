package cn.shouwang.server.screening;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * A warning's reason as a sentence with its values ("人均可支配收入 5,914.50 元，低于 2025 年监测标准 8,700.00 元"),
 * built from the kept detail through one bundle pattern per rule ({@code screening.reason.<RULE>}); amounts with
 * thousands separators and two decimals, codes by their names. A detail the pattern cannot read (an older or
 * hand-made one) is shown as it is rather than as a wrong sentence.
 */
final class WarningReasons {
    private WarningReasons() {}

    static String money(@Nullable BigDecimal v) {
        if (v == null) return "";
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.SIMPLIFIED_CHINESE));
        return f.format(v);
    }

    static String sentence(String rule, @Nullable String detail, MessageSource messages, Locale locale) {
        Map<String, String> v = WarningValues.parse(detail);
        Object[] args;
        String key = "screening.reason." + rule;
        try {
            switch (rule) {
                case "MEDICAL_PERSON" -> {
                    BigDecimal sum = need(v, "out_of_pocket"), threshold = need(v, "threshold");
                    args = new Object[] {money(sum), money(threshold), sum.compareTo(threshold) > 0 ? 1 : 0};
                }
                case "MEDICAL_HOUSEHOLD" -> args = new Object[] {money(need(v, "out_of_pocket")), money(need(v, "net_income"))};
                case "MAJOR_DIAGNOSIS" -> args = new Object[] {text(v, "diagnosed_on")};
                case "NOT_INSURED" -> args = new Object[] {text(v, "year")};
                case "UNSAFE_HOUSE" -> args = new Object[] {text(v, "grade"), text(v, "appraised_on")};
                case "DROPOUT" -> args = new Object[] {text(v, "reported_on"), text(v, "age")};
                case "SCHOOL_COST" -> args = new Object[] {code(messages, "screening.value.stage.", text(v, "stage"), locale),
                        money(need(v, "out_of_pocket"))};
                case "NEW_DISABILITY" -> args = new Object[] {text(v, "grade"), text(v, "issued_on")};
                case "DEATH_OF_WORKER" -> {
                    if ("Y".equals(v.get("only_member_able_to_work"))) key += ".only";
                    args = new Object[] {text(v, "event_on"), text(v, "age")};
                }
                case "ACCIDENT" -> args = new Object[] {text(v, "occurred_on")};
                case "DISASTER_LOSS" -> {
                    BigDecimal net = WarningValues.decimal(v, "net_income");
                    if (net != null) key += ".net";
                    args = new Object[] {money(need(v, "loss")), money(net)};
                }
                case "JOB_LOSS" -> args = new Object[] {money(need(v, "wages")), money(need(v, "income"))};
                case "UNSAFE_WATER" -> args = new Object[] {text(v, "checked_on")};
                case "DIVIDEND_SHORTFALL" -> {
                    BigDecimal due = need(v, "due"), paid = need(v, "paid");
                    args = new Object[] {money(due), money(paid), money(due.subtract(paid))};
                }
                case "NEW_ASSISTANCE" -> args = new Object[] {code(messages, "screening.value.assistance.", text(v, "kind"), locale),
                        text(v, "started_on")};
                case "VEHICLE_ASSET" -> args = new Object[] {code(messages, "screening.value.vehicle.", text(v, "vehicle_type"), locale),
                        text(v, "registered_on"), money(need(v, "value")), money(need(v, "limit"))};
                case "PROPERTY_ASSET" -> args = new Object[] {code(messages, "screening.value.property.", text(v, "property_type"), locale),
                        text(v, "registered_on"), money(need(v, "value")), money(need(v, "limit"))};
                case "MARKET_ENTITY_ASSET" -> args = new Object[] {code(messages, "screening.value.entity.", text(v, "entity_type"), locale),
                        text(v, "registered_on"), money(need(v, "registered_capital")), money(need(v, "limit"))};
                case "INCOME_BELOW_LINE" -> args = new Object[] {text(v, "year"), money(need(v, "per_capita")),
                        money(need(v, "line"))};
                default -> {
                    return detail == null ? "" : detail;
                }
            }
        } catch (IllegalArgumentException e) {
            return detail == null ? "" : detail;
        }
        return messages.getMessage(key, args, detail == null ? "" : detail, locale);
    }

    private static BigDecimal need(Map<String, String> v, String key) {
        BigDecimal d = WarningValues.decimal(v, key);
        if (d == null) throw new IllegalArgumentException(key);
        return d;
    }

    private static String text(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || s.isEmpty()) throw new IllegalArgumentException(key);
        return s;
    }

    private static String code(MessageSource messages, String prefix, String code, Locale locale) {
        return messages.getMessage(prefix + code, null, code, locale);
    }
}
