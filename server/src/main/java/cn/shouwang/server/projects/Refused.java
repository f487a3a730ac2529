package cn.shouwang.server.projects;

import org.jspecify.annotations.Nullable;

/**
 * A command refused by a rule of the module: the message key (with its arguments) the form shows, beside {@code field}
 * or above the form when null.
 */
public class Refused extends RuntimeException {
    private final String key;
    private final @Nullable String field;
    private final Object[] args;

    public Refused(@Nullable String field, String key, Object... args) {
        super(key);
        this.key = key;
        this.field = field;
        this.args = args;
    }

    public String key() { return key; }

    public @Nullable String field() { return field; }

    public Object[] args() { return args; }
}
