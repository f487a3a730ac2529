package cn.shouwang.server.moralbank;

/**
 * A rule of the moral bank refused a change (not enough points, out of stock, an entry already reversed…): nothing
 * was written. {@code messageKey} is a key of i18n/moralbank*.properties, {@code args} its values.
 */
public class MoralBankRefusal extends RuntimeException {
    private final String messageKey;
    private final transient Object[] args;

    public MoralBankRefusal(String messageKey, Object... args) {
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
