package cn.shouwang.server.access;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a new password must be (every way one is set: an account made, an administrator's reset, one's own change,
 * the API): at least {@value #MIN_LENGTH} characters (the forms' {@code @Size} allows up to 72, bcrypt's limit), not
 * the account's name nor containing it, and none of the passwords every guesser tries first. The list is short on
 * purpose: the length does most of the work; it catches what people pick to get past a length rule.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 10;

    /** Lower-cased; compared with the password lower-cased. */
    static final Set<String> COMMON = Set.of(
            "1234567890", "12345678910", "0123456789", "9876543210", "1111111111", "0000000000", "1234512345",
            "123456789a", "a123456789", "123456789q", "1qaz2wsx3edc", "1q2w3e4r5t", "qwertyuiop", "qwerty12345",
            "1234qwer!@#$", "asdfghjkl;", "zxcvbnm123", "password12", "password123", "password1!", "passw0rd123",
            "p@ssw0rd123", "admin12345", "admin123456", "administrator", "root123456", "iloveyou520", "woaini1314",
            "woaini520520", "5201314520", "1314520520", "abc1234567", "abcd123456", "abcdefghij", "aa123456789",
            "qq123456789", "shouwang123", "shouwang2024", "shouwang2025", "shouwang2026", "demo2024demo",
            "welcome123", "changeme123", "letmein1234", "88888888888", "6666666666", "1234567890a");

    private PasswordPolicy() {}

    /** The message key of the rule {@code password} breaks, or null when it may be used. */
    static @Nullable String problem(@Nullable String username, String password) {
        if (password.length() < MIN_LENGTH) return "account.password.tooShort";
        String p = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank()) {
            String u = username.strip().toLowerCase(Locale.ROOT);
            if (p.contains(u) || p.contains(new StringBuilder(u).reverse())) return "account.password.name";
        }
        if (COMMON.contains(p) || oneCharacter(p)) return "account.password.common";
        return null;
    }

    private static boolean oneCharacter(String p) {
        return p.chars().distinct().count() <= 2;
    }
}
