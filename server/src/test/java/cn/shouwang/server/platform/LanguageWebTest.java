package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import cn.shouwang.server.ServerTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * One bundle file per language: Chinese is the base file, English the _en file. zh-CN (the default) finds no
 * _zh_CN file and resolves to the base, never to the machine's own locale; ?lang=en resolves to _en.
 */
class LanguageWebTest extends ServerTest {
    @Autowired MessageSource messages;

    @Test
    void chineseIsTheBaseFileAndEnglishItsOwn() {
        for (Locale zh : new Locale[] {Locale.SIMPLIFIED_CHINESE, Locale.CHINESE, Locale.TRADITIONAL_CHINESE, Locale.FRENCH}) {
            assertThat(messages.getMessage("registry.title", null, zh)).as(zh.toString()).isEqualTo("农户档案");
        }
        for (Locale en : new Locale[] {Locale.ENGLISH, Locale.US, Locale.UK}) {
            assertThat(messages.getMessage("registry.title", null, en)).as(en.toString()).isEqualTo("Registry");
        }
    }

    @Test
    void pagesAreChineseByDefaultAndEnglishOnRequest() throws Exception {
        mvc.perform(get("/login")).andExpect(content().string(containsString("登录")));
        mvc.perform(get("/login").header("Accept-Language", "en-US")).andExpect(content().string(containsString("登录")));
        mvc.perform(get("/login").param("lang", "zh_CN")).andExpect(content().string(containsString("登录")));
        mvc.perform(get("/login").param("lang", "en"))
                .andExpect(content().string(containsString("Sign in")));
    }
}
