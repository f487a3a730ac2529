package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.StaticMessageSource;

/** The words in a text: set, default, plural, capitalised, quoted for MessageFormat, unknown, changed. */
class WordedMessageSourceTest {
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final Locale EN = Locale.ENGLISH;

    final StaticMessageSource bundles = new StaticMessageSource();
    final AtomicReference<WordingApi.Words> words = new AtomicReference<>(WordingApi.Words.NONE);
    final WordedMessageSource messages = new WordedMessageSource(bundles, words::get);

    {
        bundles.addMessage("term.object.short", ZH, "监测对象");
        bundles.addMessage("term.object.short", EN, "monitored household");
        bundles.addMessage("term.object.short.plural", EN, "monitored households");
        bundles.addMessage("title", ZH, "{{object.short}}");
        bundles.addMessage("title", EN, "{{Object.short:plural}}");
        bundles.addMessage("count", ZH, "文件中有 {0} 户{{object.short}}");
        bundles.addMessage("count", EN, "The file has {0} {{object.short:plural}}");
        bundles.addMessage("category", ZH, "{{category.MARGINAL_AT_RISK}}：{0}");
        bundles.addMessage("unknown", ZH, "{{nothing}}与{0}");
        bundles.addMessage("quoted", ZH, "''{{object.short}}''");
    }

    @Test
    void theBundlesDefaultsWhenNothingIsSet() {
        assertThat(messages.getMessage("title", null, ZH)).isEqualTo("监测对象");
        assertThat(messages.getMessage("title", null, EN)).isEqualTo("Monitored households");
        assertThat(messages.getMessage("count", new Object[] {3}, ZH)).isEqualTo("文件中有 3 户监测对象");
        assertThat(messages.getMessage("count", new Object[] {3}, EN)).isEqualTo("The file has 3 monitored households");
    }

    @Test
    void theWordsSetWinAndAChangeShowsAtOnce() {
        assertThat(messages.getMessage("count", new Object[] {3}, ZH)).isEqualTo("文件中有 3 户监测对象");
        words.set(new WordingApi.Words(Map.of("object.short", "帮扶户", "category.MARGINAL_AT_RISK", "边缘户"),
                Map.of("object.short", "supported household", "object.short:plural", "supported households")));
        assertThat(messages.getMessage("title", null, ZH)).isEqualTo("帮扶户");
        assertThat(messages.getMessage("count", new Object[] {3}, ZH)).isEqualTo("文件中有 3 户帮扶户");
        assertThat(messages.getMessage("count", new Object[] {2}, EN)).isEqualTo("The file has 2 supported households");
        assertThat(messages.getMessage("title", null, EN)).isEqualTo("Supported households");
        assertThat(messages.getMessage("category", new Object[] {"x"}, ZH)).isEqualTo("边缘户：x");
    }

    @Test
    void aQuoteOrBraceInAWordIsShownAsTyped() {
        words.set(new WordingApi.Words(Map.of("object.short", "对象'甲'{乙}"), Map.of()));
        assertThat(messages.getMessage("count", new Object[] {1}, ZH)).isEqualTo("文件中有 1 户对象'甲'{乙}");
        assertThat(messages.getMessage("title", null, ZH)).isEqualTo("对象'甲'{乙}");
        // a text without arguments is as the bundle has it (Spring's rule), the word put in as it is
        assertThat(messages.getMessage("quoted", null, ZH)).isEqualTo("''对象'甲'{乙}''");
    }

    @Test
    void anUnknownWordStaysVisibleAndAMissingKeyIsStillMissing() {
        assertThat(messages.getMessage("unknown", new Object[] {"乙"}, ZH)).isEqualTo("{{nothing}}与乙");
        assertThatThrownBy(() -> messages.getMessage("absent", null, ZH)).isInstanceOf(NoSuchMessageException.class);
        assertThat(messages.getMessage(new DefaultMessageSourceResolvable(new String[] {"absent", "title"}, "x"), ZH))
                .isEqualTo("监测对象");
    }
}
