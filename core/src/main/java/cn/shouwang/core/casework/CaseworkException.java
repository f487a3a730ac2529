package cn.shouwang.core.casework;

import org.jspecify.annotations.Nullable;

/** A refused casework command; nothing changed. {@link #field()} names the form field to show it beside, if any. */
public class CaseworkException extends RuntimeException {
    private final CaseworkProblem problem;
    private final @Nullable String field;

    public CaseworkException(CaseworkProblem problem) {
        this(problem, null);
    }

    public CaseworkException(CaseworkProblem problem, @Nullable String field) {
        super(problem.name() + (field == null ? "" : " (" + field + ")") + ": " + problem.english());
        this.problem = problem;
        this.field = field;
    }

    public CaseworkProblem problem() { return problem; }

    public @Nullable String field() { return field; }

    static void require(boolean condition, CaseworkProblem problem, @Nullable String field) {
        if (!condition) throw new CaseworkException(problem, field);
    }
}
