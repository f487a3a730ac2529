package cn.shouwang.server.fieldwork;

import cn.shouwang.server.access.AreaScope;

/** Area scope as an index-friendly range on a char(12) village code: {@code village_code between lo and hi}. */
public record FieldScopes(String lo, String hi) {

    public static FieldScopes of(AreaScope scope) {
        return new FieldScopes(scope.lowestCode(), scope.highestCode());
    }
}
