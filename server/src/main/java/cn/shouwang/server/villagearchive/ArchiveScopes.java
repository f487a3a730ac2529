package cn.shouwang.server.villagearchive;

import cn.shouwang.server.access.AreaScope;

/** Area scope as an index-friendly range on a char(12) village code: {@code village_code between lo and hi}. */
public record ArchiveScopes(String lo, String hi) {

    public static ArchiveScopes of(AreaScope scope) {
        String p = scope.prefix();
        return new ArchiveScopes((p + "000000000000").substring(0, 12), (p + "999999999999").substring(0, 12));
    }
}
