package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The screening texts built in code come from the bundle, in the reader's language: reject reasons, refusals, run texts. */
class ScreeningTextsTest {
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final Locale EN = Locale.ENGLISH;

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("i18n/screening");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    final ResourceBundleMessageSource messages = messages();
    final UploadCheck check = new UploadCheck(messages, UploadCheck.MAX_REJECTED_SHARE);

    @Test
    void rejectReasonsInBothLanguages() {
        assertThat(check.reason("id_number check character", ZH)).isEqualTo("身份证号校验位不正确");
        assertThat(check.reason("id_number check character", EN)).isEqualTo("The id number’s check character is wrong");
        assertThat(check.reason("month", ZH)).isEqualTo("月份格式不正确");
        assertThat(check.reason("month", EN)).isEqualTo("month has the wrong format");
        assertThat(check.reason("something new", EN)).isEqualTo("something new");
        List<UploadCheck.Reason> rs = List.of(new UploadCheck.Reason(12345, "id_number format"));
        assertThat(check.reasons(rs, ZH)).isEqualTo("身份证号应为18位,前17位为数字 12,345 行");
        assertThat(check.reasons(rs, EN)).isEqualTo("The id number must have 18 characters, the first 17 digits: 12,345");
    }

    @Test
    void aRefusalInBothLanguages() {
        var e = new UploadService.UploadRefusedException("screening.upload.mostlyRejected", "a.csv", 3000L, 2000L,
                List.of(new UploadCheck.Reason(2000, "id_number empty")),
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                        new String[] {KindNames.key(cn.shouwang.screening.feed.FeedKind.MAJOR_DIAGNOSES)}, "x"));
        assertThat(check.message(e, ZH)).startsWith("文件“a.csv”未接收：读取 3,000 行，其中 2,000 行无法使用（身份证号为空 2,000 行）")
                .contains("请核对这是否为大病诊断数据");
        assertThat(check.message(e, EN)).startsWith("File “a.csv” refused: 3,000 rows read, 2,000 of them unusable "
                + "(The id number is empty: 2,000)");
    }

    @Test
    void runTextsAreCodesRenderedWhenShown() {
        String kept = RunText.of("screening.progress.intake", 1234L);
        assertThat(RunText.render(kept, messages, ZH)).isEqualTo("自动转为线索（1,234 条新预警）");
        assertThat(RunText.render(kept, messages, EN)).isEqualTo("Turning warnings into leads (1,234 new warnings)");
        // a text kept by an earlier release, and the engine's own bilingual line, are shown as they are
        assertThat(RunText.render("服务器重启，比对中断，请重新比对", messages, EN)).isEqualTo("服务器重启，比对中断，请重新比对");
        assertThat(RunText.render("[   1.0 s] 比对 comparing 3 households", messages, EN)).startsWith("[");
        assertThat(RunText.render(null, messages, EN)).isNull();
        // the engine's failure in the reader's language; ours, when the engine read a file through it
        String unusable = RunService.failure(new cn.shouwang.screening.run.UnusableInputException("缺少登记文件", "missing registry file"));
        assertThat(RunText.render(unusable, messages, ZH)).isEqualTo("缺少登记文件");
        assertThat(RunText.render(unusable, messages, EN)).isEqualTo("missing registry file");
        String ours = RunText.of("screening.run.error.unreadable", "大病.csv");
        String wrapped = RunService.failure(new cn.shouwang.screening.run.UnusableInputException("无法读取 x: " + ours, "cannot read x: " + ours));
        assertThat(RunText.render(wrapped, messages, EN)).startsWith("Uploaded file “大病.csv” cannot be opened");
        assertThat(RunText.render(RunService.failure(new IllegalStateException("boom")), messages, EN)).isEqualTo("boom");
    }
}
