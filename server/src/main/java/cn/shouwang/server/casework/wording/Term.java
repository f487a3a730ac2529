package cn.shouwang.server.casework.wording;

import java.util.Optional;

/**
 * A word of the deployment (issue 17), by its token name in the message bundles ({@code {{object.short}}}): the
 * default of each is the bundles' {@code term.<token>}, the 2021-2025 wording {@code term.before2026.<token>}.
 */
public enum Term {
    /** 防止返贫致贫对象: the full name, on notices and in formal sentences. */
    OBJECT("object", true),
    /** 监测对象: the short name, in menus, titles and columns. */
    OBJECT_SHORT("object.short", true),
    /** 常态化防止返贫致贫监测帮扶机制: the mechanism. */
    MECHANISM("mechanism", false),
    /** 防止返贫致贫监测帮扶: the platform's name (守望 · …平台). */
    MECHANISM_SHORT("mechanism.short", false),
    /** 全国防止返贫监测信息系统: the national system person lists come from. */
    SYSTEM("system", false);

    private final String token;
    private final boolean counted;

    Term(String token, boolean counted) {
        this.token = token;
        this.counted = counted;
    }

    /** The token's name in the bundles: {@code {{object.short}}}. */
    public String token() {
        return token;
    }

    /** Whether English texts count it (and so need its plural). */
    public boolean counted() {
        return counted;
    }

    public static Optional<Term> ofToken(String token) {
        for (Term t : values()) if (t.token.equals(token)) return Optional.of(t);
        return Optional.empty();
    }
}
