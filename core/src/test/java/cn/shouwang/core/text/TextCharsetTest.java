package cn.shouwang.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one charset detection: UTF-8 with and without BOM, GB18030 otherwise; what is not text at all. */
class TextCharsetTest {
    static final String TEXT = "code,name\n220000000000,吉林省\n";

    @Test void utf8WithoutBom() {
        byte[] b = TEXT.getBytes(StandardCharsets.UTF_8);
        assertThat(TextCharset.of(b, 0, b.length, true)).isEqualTo(new TextCharset.Detected(StandardCharsets.UTF_8, 0));
    }

    @Test void utf8WithBom() {
        byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[body.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(body, 0, b, 3, body.length);
        assertThat(TextCharset.of(b, 0, b.length, true)).isEqualTo(new TextCharset.Detected(StandardCharsets.UTF_8, 3));
    }

    @Test void gbkIsReadAsGb18030() {
        byte[] b = TEXT.getBytes(TextCharset.GB18030);
        TextCharset.Detected d = TextCharset.of(b, 0, b.length, true);
        assertThat(d.charset()).isEqualTo(TextCharset.GB18030);
        assertThat(new String(b, d.charset())).isEqualTo(TEXT);
        byte[] gbk = TEXT.getBytes(java.nio.charset.Charset.forName("GBK"));
        assertThat(new String(gbk, TextCharset.of(gbk, 0, gbk.length, true).charset())).isEqualTo(TEXT);
    }

    @Test void aUtf8SequenceCutByTheSampleIsNotHeldAgainstUtf8() {
        byte[] b = "吉林".getBytes(StandardCharsets.UTF_8);
        assertThat(TextCharset.detect(b, 0, 4, false)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextCharset.detect(b, 0, 4, true)).isEqualTo(TextCharset.GB18030);
    }

    @Test void binaryAndUtf16AreNotText() {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00};
        assertThat(TextCharset.isText(zip, 0, zip.length, TextCharset.detect(zip, 0, zip.length, true), true)).isFalse();
        byte[] utf16 = "code,身份证号\r\n".getBytes(StandardCharsets.UTF_16LE); // Excel's "Unicode text", without its BOM
        assertThat(TextCharset.isText(utf16, 0, utf16.length, TextCharset.detect(utf16, 0, utf16.length, true), true)).isFalse();
        byte[] text = TEXT.getBytes(TextCharset.GB18030);
        assertThat(TextCharset.isText(text, 0, text.length, TextCharset.GB18030, true)).isTrue();
    }
}
