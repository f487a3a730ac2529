package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.validation.BeanPropertyBindingResult;

/** The shared refusal: problems with message codes, put beside their field (nested or not) or above the form. */
class RefusedInputExceptionTest {
    record Inner(String villageCode) {}

    record Outer(Inner household, String headName) {}

    @Test
    void problemsGoBesideTheirFieldOrAboveTheForm() {
        var br = new BeanPropertyBindingResult(new Outer(new Inner("220322103205"), "张三"), "cmd");
        new RefusedInputException(List.of(new RefusedInputException.Problem("villageCode", "registry.village.outOfScope"),
                new RefusedInputException.Problem("headName", "registry.idNumber.takenIn", "22032210320500001"),
                new RefusedInputException.Problem("nothing", "registry.duplicate"),
                new RefusedInputException.Problem(null, "registry.conflict"))).rejectInto(br, "household.");
        assertThat(br.getFieldError("household.villageCode").getCode()).isEqualTo("registry.village.outOfScope");
        assertThat(br.getFieldError("household.villageCode").getRejectedValue()).isEqualTo("220322103205");
        assertThat(br.getFieldError("headName").getArguments()).containsExactly("22032210320500001");
        assertThat(br.getGlobalErrors()).extracting(e -> e.getCode()).containsExactly("registry.duplicate", "registry.conflict");
    }

    @Test
    void aProblemIsItsOwnMessageAndTheExceptionTextHoldsNoInput() {
        var p = new RefusedInputException.Problem("idNumber", "registry.idNumber.takenIn", "22032210320500001");
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("registry.idNumber.takenIn", Locale.ROOT, "已登记在户 {0} 中");
        assertThat(messages.getMessage(p, Locale.ROOT)).isEqualTo("已登记在户 22032210320500001 中");
        assertThat(new RefusedInputException(List.of(p)).getMessage()).isEqualTo("[idNumber: registry.idNumber.takenIn]")
                .doesNotContain("22032210320500001");
    }
}
