package cn.shouwang.server.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Forms (and API bodies) of account administration. Messages are keys in i18n/access*.properties. */
public final class AccountCmd {
    private AccountCmd() {}

    /** A new account. */
    public record Create(
            @NotBlank(message = "{account.username.required}")
            @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,31}", message = "{account.username.pattern}") String username,
            @NotBlank(message = "{account.displayName.required}") @Size(max = 40, message = "{account.displayName.size}")
            String displayName,
            @NotNull(message = "{account.role.required}") Role role,
            @NotBlank(message = "{account.areaCode.required}")
            @Pattern(regexp = "\\d{12}", message = "{account.areaCode.pattern}") String areaCode,
            @NotBlank(message = "{account.password.required}")
            @Size(max = 72, message = "{account.password.size}") String password,
            @org.jspecify.annotations.Nullable Department department) {

        public static Create empty() {
            return new Create("", "", null, "", "", null);
        }
    }

    /** Changes to an existing account; {@code version} is the one the form was read at. */
    public record Edit(
            @NotBlank(message = "{account.displayName.required}") @Size(max = 40, message = "{account.displayName.size}")
            String displayName,
            @NotNull(message = "{account.role.required}") Role role,
            @NotBlank(message = "{account.areaCode.required}")
            @Pattern(regexp = "\\d{12}", message = "{account.areaCode.pattern}") String areaCode,
            int version, Department department) {
    }

    /** A new password set by an administrator. */
    public record ResetPassword(
            @NotBlank(message = "{account.password.required}")
            @Size(max = 72, message = "{account.password.size}") String password) {
    }

    /** Changing one's own password. */
    public record ChangePassword(
            @NotBlank(message = "{account.currentPassword.required}") String currentPassword,
            @NotBlank(message = "{account.password.required}")
            @Size(max = 72, message = "{account.password.size}") String password,
            String confirm) {

        public static ChangePassword empty() {
            return new ChangePassword("", "", "");
        }
    }
}
