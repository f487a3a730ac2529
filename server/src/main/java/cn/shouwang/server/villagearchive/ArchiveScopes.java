package cn.shouwang.server.villagearchive;

import cn.shouwang.server.access.AreaScope;

/** Area scope as an index-friendly range on a char(12) village code: {@code village_code between lo and hi}. */
public record ArchiveScopes(String lo, String hi) {

    public static ArchiveScopes of(AreaScope scope) {
        return new ArchiveScopes(scope.lowestCode(), scope.highestCode());
    }
}
