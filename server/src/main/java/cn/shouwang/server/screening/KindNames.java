package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedKind;

/**
 * Names of the department kinds: their message codes. The one source is the bundle the pages use
 * ({@code screening.kind.*} in {@code i18n/screening*.properties}); nothing here spells a name.
 */
final class KindNames {
    private KindNames() {}

    static String key(FeedKind k) {
        return "screening.kind." + k.name();
    }
}
