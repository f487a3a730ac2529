package cn.shouwang.server.casework.identification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

class SelfReportCaptchaTest {
    final SelfReportLimiterTest.MovingClock clock = new SelfReportLimiterTest.MovingClock();
    final SelfReportCaptcha captcha = new SelfReportCaptcha(clock);

    @Test
    void theChallengeIsAPictureOfItsAnswerAndTheAnswerIsNotWrittenInThePicture() throws Exception {
        MockHttpSession session = new MockHttpSession();
        SelfReportCaptcha.Challenge c = captcha.issue(session);
        assertThat(c.answer()).matches("[" + SelfReportCaptcha.DIGITS + "]{" + SelfReportCaptcha.LENGTH + "}");
        assertThat(c.nonce()).doesNotContain(c.answer());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(c.png()));
        assertThat(img.getWidth()).isEqualTo(SelfReportCaptcha.WIDTH);
        assertThat(img.getHeight()).isEqualTo(SelfReportCaptcha.HEIGHT);
        // no text chunk or comment carries it
        assertThat(new String(c.png(), StandardCharsets.ISO_8859_1)).doesNotContain(c.answer());
        // ink in the picture: the text is drawn, not left blank
        int dark = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y);
                int lum = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                if (lum < 110) dark++;
            }
        }
        assertThat(dark).isGreaterThan(img.getWidth() * img.getHeight() / 40);
        // two challenges differ
        assertThat(captcha.issue(session).png()).isNotEqualTo(c.png());
    }

    @Test
    void aChallengeIsCheckedOnceRightOrWrong() {
        MockHttpSession session = new MockHttpSession();
        String answer = captcha.issue(session).answer();
        assertThat(captcha.check(session, wrong(answer))).isFalse();
        assertThat(captcha.check(session, answer)).as("used up by the wrong try").isFalse();
        answer = captcha.issue(session).answer();
        assertThat(captcha.check(session, answer)).isTrue();
        assertThat(captcha.check(session, answer)).as("used once").isFalse();
        assertThat(captcha.check(new MockHttpSession(), answer)).as("another session").isFalse();
        assertThat(captcha.check(session, null)).isFalse();
    }

    @Test
    void whatAPhoneKeyboardTypesIsReadAsDigitsAndAnOldChallengeExpires() {
        MockHttpSession session = new MockHttpSession();
        String answer = captcha.issue(session).answer();
        StringBuilder fullWidth = new StringBuilder(" ");
        for (char ch : answer.toCharArray()) fullWidth.append((char) (ch - '0' + '０')).append(' ');
        assertThat(captcha.check(session, fullWidth.toString())).isTrue();

        answer = captcha.issue(session).answer();
        clock.now = clock.now.plus(SelfReportCaptcha.TTL).plus(Duration.ofSeconds(1));
        assertThat(captcha.check(session, answer)).isFalse();
    }

    @Test
    void theImageOfTheSessionIsItsCurrentChallengeOrANewOne() {
        MockHttpSession session = new MockHttpSession();
        SelfReportCaptcha.Challenge first = captcha.current(session);
        assertThat(captcha.current(session)).isSameAs(first);
        clock.now = clock.now.plus(SelfReportCaptcha.TTL).plus(Duration.ofSeconds(1));
        assertThat(captcha.current(session).answer()).isNotNull();
        assertThat(captcha.current(session)).isNotSameAs(first);
    }

    static String wrong(String answer) {
        return SelfReportTestSupport.wrong(answer);
    }
}
