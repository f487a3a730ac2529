package cn.shouwang.server.screening;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The values a warning was decided on, read back from its kept detail ({@code key=value;…}, feeds.md): its main
 * amount, and whether a later warning of the same fact differs materially from one that was dismissed.
 */
final class WarningValues {
    private WarningValues() {}

    static Map<String, String> parse(@Nullable String detail) {
        Map<String, String> v = new LinkedHashMap<>();
        if (detail == null || detail.isBlank()) return v;
        for (String pair : detail.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) v.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return v;
    }

    static @Nullable BigDecimal decimal(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || s.isEmpty()) return null;
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The rule's main amount in yuan: out of pocket (medical, school), loss, wages (job loss), dividend short
     * (due − paid), per-capita income (income below the line); null for rules decided by a date or a status.
     */
    static @Nullable BigDecimal amount(String rule, @Nullable String detail) {
        Map<String, String> v = parse(detail);
        return switch (rule) {
            case "MEDICAL_PERSON", "MEDICAL_HOUSEHOLD", "SCHOOL_COST" -> decimal(v, "out_of_pocket");
            case "DISASTER_LOSS" -> decimal(v, "loss");
            case "JOB_LOSS" -> decimal(v, "wages");
            case "INCOME_BELOW_LINE" -> decimal(v, "per_capita");
            case "DIVIDEND_SHORTFALL" -> {
                BigDecimal due = decimal(v, "due"), paid = decimal(v, "paid");
                yield due == null || paid == null ? null : due.subtract(paid);
            }
            default -> null;
        };
    }

    /**
     * Whether {@code now} differs materially from the dismissed {@code then} (same household, rule and person, a
     * later period), so the warning comes back. Amount rules: the amount grew by at least {@code percent} % (for
     * income below the line: the per-capita income fell by at least that share; for a job loss: it is a new loss,
     * always). Event rules: another event (another date, a worse grade, another year for insurance); the same event
     * seen again stays dismissed.
     */
    static boolean changedMaterially(String rule, @Nullable String then, @Nullable String now, int percent) {
        Map<String, String> a = parse(then), b = parse(now);
        BigDecimal share = BigDecimal.valueOf(percent).movePointLeft(2);
        return switch (rule) {
            case "MEDICAL_PERSON", "MEDICAL_HOUSEHOLD", "SCHOOL_COST", "DISASTER_LOSS", "DIVIDEND_SHORTFALL" ->
                    grew(amount(rule, then), amount(rule, now), share);
            case "INCOME_BELOW_LINE" -> {
                BigDecimal x = amount(rule, then), y = amount(rule, now);
                if (x == null || y == null) yield !Objects.equals(x, y);
                yield x.subtract(y).compareTo(x.abs().multiply(share)) >= 0 && y.compareTo(x) < 0;
            }
            case "JOB_LOSS" -> true; // each month's loss of work is a new event
            case "UNSAFE_HOUSE" -> worse(a.get("grade"), b.get("grade"));
            case "NEW_DISABILITY" -> !Objects.equals(a.get("issued_on"), b.get("issued_on"))
                    || worse(b.get("grade"), a.get("grade")); // grade 1 is worse than 2
            case "NOT_INSURED" -> !Objects.equals(a.get("year"), b.get("year"));
            case "MAJOR_DIAGNOSIS" -> !Objects.equals(a.get("diagnosed_on"), b.get("diagnosed_on"));
            case "DROPOUT" -> !Objects.equals(a.get("reported_on"), b.get("reported_on"));
            case "DEATH_OF_WORKER" -> !Objects.equals(a.get("event_on"), b.get("event_on"));
            case "ACCIDENT" -> !Objects.equals(a.get("occurred_on"), b.get("occurred_on"));
            case "UNSAFE_WATER" -> !Objects.equals(a.get("checked_on"), b.get("checked_on"));
            case "NEW_ASSISTANCE" -> !Objects.equals(a.get("started_on"), b.get("started_on"))
                    || !Objects.equals(a.get("kind"), b.get("kind"));
            default -> !Objects.equals(a, b);
        };
    }

    private static boolean grew(@Nullable BigDecimal then, @Nullable BigDecimal now, BigDecimal share) {
        if (then == null || now == null) return !Objects.equals(then, now);
        return now.subtract(then).compareTo(then.abs().multiply(share)) >= 0 && now.compareTo(then) > 0;
    }

    /** Grades as letters or digits: a later letter (D after C) is worse. */
    private static boolean worse(@Nullable String then, @Nullable String now) {
        if (then == null || now == null) return !Objects.equals(then, now);
        return now.compareTo(then) > 0;
    }
}
