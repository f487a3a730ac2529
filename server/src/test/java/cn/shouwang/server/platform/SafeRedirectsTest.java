package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.view.RedirectView;

class SafeRedirectsTest {

    @Test
    void userTextInARedirectNeitherExpandsNorSplitsTheHeader() {
        RedirectView v = new RedirectView("/moral-bank/items?area={x}\r\nSet-Cookie: a=b");
        new SafeRedirects().postProcessBeforeInitialization(v, "redirect:");
        assertThat(v.getUrl()).isEqualTo("/moral-bank/items?area=%7Bx%7D%0D%0ASet-Cookie:%20a=b");
        assertThat(SafeRedirects.safe("/households?q=张三")).isEqualTo("/households?q=%E5%BC%A0%E4%B8%89");
        assertThat(SafeRedirects.safe("/households?q=" + "x".repeat(5000))).isEqualTo("/households");
        assertThat(SafeRedirects.safe("/leads/12?tab=a%20b")).isEqualTo("/leads/12?tab=a%20b");
    }

    @Test
    void nulAndHalfSurrogatesAreUnreadableLineBreaksAndChineseAreNot() {
        assertThat(UnreadableInputFilter.unreadable("a\u0000b")).isTrue();
        assertThat(UnreadableInputFilter.unreadable("\uD800")).isTrue();
        assertThat(UnreadableInputFilter.unreadable("x\uDC00")).isTrue();
        assertThat(UnreadableInputFilter.unreadable("第一行\r\n第二行\t😀")).isFalse();
    }
}
