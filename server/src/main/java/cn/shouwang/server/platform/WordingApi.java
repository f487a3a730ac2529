package cn.shouwang.server.platform;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The words a deployment uses for the monitored object, the mechanism and the categories (issue 17, policy.md §10):
 * message texts name them by tokens ({@code {{object}}}, {@code {{object.short}}}, {@code {{mechanism}}},
 * {@code {{category.MARGINAL_AT_RISK}}}, …) that {@link WordedMessages} replaces when a message is resolved, so every
 * page, notice, export and report says what the province decided. Asked by the platform, answered by casework (its
 * 名称与表述 settings and code lists); without an answer, or for a word it does not set, the bundles' {@code term.*}
 * texts stand (the 2026 wording).
 */
public interface WordingApi {

    /** The words set now. The same instance until they change: callers cache what they derive by its identity. */
    Words current();

    /**
     * Words by token name ({@code object}, {@code object.short:plural}, {@code category.SUDDEN_HARDSHIP}) and
     * language: Chinese for every locale but English (the bundles' base file is Chinese).
     */
    record Words(Map<String, String> zh, Map<String, String> en) {
        public static final Words NONE = new Words(Map.of(), Map.of());

        public Words {
            zh = Map.copyOf(zh);
            en = Map.copyOf(en);
        }

        public @Nullable String get(String token, Locale locale) {
            return (isEnglish(locale) ? en : zh).get(token);
        }

        public static boolean isEnglish(Locale locale) {
            return "en".equals(locale.getLanguage());
        }
    }
}
