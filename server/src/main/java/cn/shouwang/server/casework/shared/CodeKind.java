package cn.shouwang.server.casework.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * The code lists an administrator keeps (table {@code casework_code}, column {@code kind}): monitoring categories and
 * risk types. Named on screens by {@code admin.code.kind.<name>} in the casework bundle.
 */
public enum CodeKind {
    CATEGORY, RISK_TYPE;

    /** The kind of that name (as in a URL), or empty. */
    public static Optional<CodeKind> parse(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
