package cn.shouwang.server.eldervisits.visitors;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A new visitor; messages are keys of i18n/eldervisits*.properties. */
public record VisitorCmd(
        @NotBlank(message = "{eldervisits.village.required}") String villageCode,
        @NotBlank(message = "{eldervisits.name.required}") @Size(max = 40, message = "{eldervisits.name.size}") String name,
        @NotNull(message = "{eldervisits.kind.required}") Visitors.Kind kind,
        @Pattern(regexp = "^$|^1\\d{10}$|^0\\d{9,11}$", message = "{eldervisits.phone.pattern}") @Nullable String phone,
        @Nullable Boolean linkToMe) {

    public String phoneDigits() {
        return phone == null ? "" : phone.strip();
    }

    public boolean linkMe() {
        return linkToMe != null && linkToMe;
    }
}
