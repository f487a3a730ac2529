package cn.shouwang.server.casework.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * The code lists an administrator keeps (table {@code casework_code}, column {@code kind}): monitoring categories,
 * risk types and the results of a re-check (复核走访). Named on screens by {@code admin.code.kind.<name>} in the casework bundle.
 */
public enum CodeKind {
    CATEGORY, RISK_TYPE, RECHECK_RESULT;

    /** The kind of that name (as in a URL), or empty. */
    public static Optional<CodeKind> parse(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
