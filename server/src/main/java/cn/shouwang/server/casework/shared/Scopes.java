package cn.shouwang.server.casework.shared;

import cn.shouwang.server.access.AreaScope;

/** Area scope as an index-friendly range on a char(12) code column: {@code code between lo and hi}. */
public record Scopes(String lo, String hi) {

    public static Scopes of(AreaScope scope) {
        String p = scope.prefix();
        return new Scopes((p + "000000000000").substring(0, 12), (p + "999999999999").substring(0, 12));
    }

    static String prefix(String areaCode) {
        return new AreaScope(areaCode).prefix();
    }
}
