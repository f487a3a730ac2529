package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedKind;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Names of the department kinds for messages built in code. The one source is the bundle the pages use
 * ({@code screening.kind.*} in {@code i18n/screening*.properties}); nothing here spells a name.
 */
final class KindNames {
    private KindNames() {}

    static String key(FeedKind k) {
        return "screening.kind." + k.name();
    }

    /** The kind's Chinese name (the base file of the bundle), for texts still built in Chinese only. */
    static String zh(FeedKind k) {
        try {
            return Chinese.BUNDLE.getString(key(k));
        } catch (MissingResourceException e) {
            return k.fileName();
        }
    }

    private static final class Chinese {
        /** The base file alone (Locale.ROOT, no fallback): the Chinese texts. */
        static final ResourceBundle BUNDLE = ResourceBundle.getBundle("i18n.screening", Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
