package cn.shouwang.server.household;

/** A business-rule problem tied to one form field (message key in i18n/registry); nothing was stored. */
public class FieldProblem extends RuntimeException {
    private final String field;
    private final String messageKey;
    private final Object[] args;

    public FieldProblem(String field, String messageKey, Object... args) {
        super(field + ": " + messageKey);
        this.field = field;
        this.messageKey = messageKey;
        this.args = args;
    }

    public String field() { return field; }
    public String messageKey() { return messageKey; }
    public Object[] args() { return args; }
}
