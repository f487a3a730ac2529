package cn.shouwang.core.person;

/** Thrown by {@link IdNumber#of(String)}; carries the problem, never the number. */
public class InvalidIdNumberException extends IllegalArgumentException {
    private final IdNumber.Problem problem;

    public InvalidIdNumberException(IdNumber.Problem problem) {
        super(problem.code());
        this.problem = problem;
    }

    public IdNumber.Problem problem() { return problem; }
}
