package cn.shouwang.server.household;

import cn.shouwang.server.platform.RefusedInputException;

/**
 * The registry's refusal of one form field (message code in i18n/registry; field "form": the whole form); nothing was
 * stored. The shared {@link RefusedInputException} with one problem.
 */
public class FieldProblem extends RefusedInputException {

    public FieldProblem(String field, String messageKey, Object... args) {
        super("form".equals(field) ? null : field, messageKey, args);
    }
}
