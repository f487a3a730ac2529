package cn.shouwang.server.casework.shared;

import cn.shouwang.server.access.AreaScope;

/** Area scope as an index-friendly range on a char(12) code column: {@code code between lo and hi}. */
public record Scopes(String lo, String hi) {

    public static Scopes of(AreaScope scope) {
        return new Scopes(scope.lowestCode(), scope.highestCode());
    }

    static String prefix(String areaCode) {
        return new AreaScope(areaCode).prefix();
    }
}
