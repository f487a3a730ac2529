package cn.shouwang.server.casework.identification;

import java.security.SecureRandom;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The reference a household gets back for its self-report: 12 characters drawn from a CSPRNG in an alphabet without
 * look-alikes (no 0/O, 1/I/L), shown and stored as {@code XXXX-XXXX-XXXX} — about 59 bits, so references neither
 * collide in practice nor can be guessed. It is derived from nothing: the same answer whether the household is
 * monitored, has an open lead, is registered or unknown. Kept as the report's {@code source_ref} (the lead it opened,
 * or the {@code lead_report} row when it joined a case), where staff look it up.
 */
final class SelfReportReference {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfReportReference() {}

    static String next() {
        StringBuilder sb = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) sb.append('-');
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * A reference as typed by someone reading it out (spaces, dashes, lower case) in its stored form;
     * empty when the text cannot be one.
     */
    static Optional<String> parse(@Nullable String typed) {
        if (typed == null) return Optional.empty();
        StringBuilder sb = new StringBuilder(LENGTH);
        for (char c : typed.strip().toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == ' ' || c == '-' || c == '\u3000') continue;
            if (ALPHABET.indexOf(c) < 0) return Optional.empty();
            sb.append(c);
        }
        if (sb.length() != LENGTH) return Optional.empty();
        return Optional.of(sb.substring(0, 4) + "-" + sb.substring(4, 8) + "-" + sb.substring(8));
    }
}
