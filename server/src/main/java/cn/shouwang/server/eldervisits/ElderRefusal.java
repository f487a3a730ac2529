package cn.shouwang.server.eldervisits;

/**
 * A rule of the elderly visits refused a change (already enrolled, a visitor of another village, …): nothing was
 * written. {@code messageKey} is a key of i18n/eldervisits*.properties, {@code args} its values.
 */
public class ElderRefusal extends RuntimeException {
    private final String messageKey;
    private final transient Object[] args;

    public ElderRefusal(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
