package cn.shouwang.server.socialassistance;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/** What every page of the module shares: who may do what, the area as a code range, money and file names. */
public final class Sa {
    private Sa() {}

    /** Record and change layers and grants: the township and the county (the village monitor reads). */
    private static final Set<Role> EDITORS = EnumSet.of(Role.ADMIN, Role.COUNTY_ANALYST, Role.TOWNSHIP_STAFF);
    /** Generate payment lists, mark them paid, import the civil-affairs list: the county. */
    private static final Set<Role> PAYERS = EnumSet.of(Role.ADMIN, Role.COUNTY_ANALYST);

    public static boolean mayEdit(CurrentUser u) { return EDITORS.contains(u.role()); }

    public static boolean mayPay(CurrentUser u) { return PAYERS.contains(u.role()); }

    /**
     * Whether the user may have bank accounts and id numbers in full (asked for, audited): as the registry's export in
     * national layout, an administrator or a county analyst.
     */
    public static boolean mayFull(CurrentUser u) { return u.role() == Role.ADMIN || u.role() == Role.COUNTY_ANALYST; }

    /** The area as an index-friendly range on a char(12) code column: {@code code between lo and hi}. */
    public record Range(String lo, String hi) {
        public static Range of(AreaScope scope) {
            return new Range(scope.lowestCode(), scope.highestCode());
        }
    }

    public static BigDecimal yuan(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /** A Content-Disposition for a Chinese file name (RFC 6266: an ASCII fallback and the UTF-8 name). */
    public static String attachment(String fileName, String asciiFallback) {
        return "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A bank account as shown by default: its first four and last four digits. */
    public static String maskAccount(String account) {
        String a = account.strip();
        if (a.length() <= 8) return "*".repeat(a.length());
        return a.substring(0, 4) + "*".repeat(a.length() - 8) + a.substring(a.length() - 4);
    }
}
