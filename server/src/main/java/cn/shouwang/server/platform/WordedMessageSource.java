package cn.shouwang.server.platform;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.support.AbstractMessageSource;

/**
 * A message source that replaces the words of a text before it is formatted: {@code {{object}}} by the term in force
 * ({@link WordingApi}), else by the bundle's {@code term.object}. {@code {{object:plural}}} asks for the plural
 * (English; {@code term.object.plural}), and a capital first letter ({@code {{Object.short}}}) capitalises the word,
 * for the start of an English sentence. An unknown token stays as it is, visible, so a test or a reader notices.
 *
 * <p>The words go into the pattern before {@link MessageFormat} parses it (a {@code {{…}}} would not parse), escaped
 * so that a quote or brace in a province's term is shown as typed. Formats are cached per {@link WordingApi.Words}
 * instance: a change of the words starts a new cache. Texts without arguments are returned as the bundle has them, as
 * Spring does ({@code alwaysUseMessageFormat} off).
 */
public final class WordedMessageSource extends AbstractMessageSource {
    /** {@code {{name}}}, {@code {{name.part}}}, {@code {{category.SUDDEN_HARDSHIP}}}, each optionally {@code :plural}. */
    public static final Pattern TOKEN = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)(:plural)?}}");

    private final MessageSource inner;
    private final Supplier<WordingApi.Words> words;
    private volatile Formats formats = new Formats(WordingApi.Words.NONE);

    /** The formats made for one set of words. */
    private record Formats(WordingApi.Words words, Map<String, MessageFormat> byCode) {
        Formats(WordingApi.Words words) {
            this(words, new ConcurrentHashMap<>());
        }
    }

    public WordedMessageSource(MessageSource inner, Supplier<WordingApi.Words> words) {
        this.inner = inner;
        this.words = words;
        if (inner instanceof AbstractMessageSource a) {
            // the raw pattern is what we need from it, or nothing; formatting happens here (spring.messages sets
            // neither always-use-message-format nor use-code-as-default-message)
            a.setAlwaysUseMessageFormat(false);
            a.setUseCodeAsDefaultMessage(false);
        }
    }

    /** The bundle's text of a code, as written (no arguments, no formatting), or null. */
    private @Nullable String raw(String code, Locale locale) {
        return inner.getMessage(code, null, null, locale);
    }

    @Override
    protected @Nullable String resolveCodeWithoutArguments(String code, Locale locale) {
        String raw = raw(code, locale);
        return raw == null ? null : replace(raw, locale, words.get(), false);
    }

    @Override
    protected @Nullable MessageFormat resolveCode(String code, Locale locale) {
        WordingApi.Words w = words.get();
        Formats f = formats;
        if (f.words() != w) {
            f = new Formats(w);
            formats = f;
        }
        String key = code + '\u0000' + locale;
        MessageFormat cached = f.byCode().get(key);
        if (cached != null) return cached;
        String raw = raw(code, locale);
        if (raw == null) return null;
        MessageFormat made = createMessageFormat(replace(raw, locale, w, true), locale);
        f.byCode().put(key, made);
        return made;
    }

    /** The text with its words in; {@code forFormat}: quoted for a MessageFormat pattern. */
    String replace(String text, Locale locale, WordingApi.Words w, boolean forFormat) {
        if (text.indexOf("{{") < 0) return text;
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            String word = word(m.group(1), m.group(2) != null, locale, w);
            String put = forFormat ? quote(word == null ? m.group() : word) : word == null ? m.group() : word;
            m.appendReplacement(out, Matcher.quoteReplacement(put));
        }
        m.appendTail(out);
        return out.toString();
    }

    private @Nullable String word(String token, boolean plural, Locale locale, WordingApi.Words w) {
        boolean capital = Character.isUpperCase(token.charAt(0));
        String name = capital ? Character.toLowerCase(token.charAt(0)) + token.substring(1) : token;
        String word = null;
        if (plural) word = lookUp(name + ":plural", name + ".plural", locale, w);
        if (word == null) word = lookUp(name, name, locale, w);
        if (word == null || word.isEmpty() || !capital) return word;
        return word.substring(0, word.offsetByCodePoints(0, 1)).toUpperCase(locale) + word.substring(word.offsetByCodePoints(0, 1));
    }

    private @Nullable String lookUp(String set, String bundleName, Locale locale, WordingApi.Words w) {
        String v = w.get(set, locale);
        if (v != null) return v;
        String d = raw("term." + bundleName, locale);
        // a default itself may not use tokens (no loops)
        return d == null || d.contains("{{") ? null : d;
    }

    /** The word as literal text of a MessageFormat pattern. */
    static String quote(String word) {
        if (word.indexOf('\'') < 0 && word.indexOf('{') < 0 && word.indexOf('}') < 0) return word;
        return "'" + word.replace("'", "''") + "'";
    }
}
