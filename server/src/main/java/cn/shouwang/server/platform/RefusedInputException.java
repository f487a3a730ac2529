package cn.shouwang.server.platform;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.BindingResult;

/**
 * Input refused by a module's own rules (what Bean Validation cannot see: a number already registered, a village
 * outside the user's area, ...), shared by every module: one or more problems, each naming a form field (or none: the
 * whole form) and a message code of the bundles with its arguments, so the refusal shows in the reader's language.
 * Nothing was written. Pages put the problems on the form's {@link BindingResult} ({@link #rejectInto}); APIs answer
 * them per field. The exception's own message holds fields and codes only, never the arguments (which may be input).
 */
public class RefusedInputException extends RuntimeException {

    /** One refused value: the field ({@code null}: the whole form), the message code and its arguments. */
    public record Problem(@Nullable String field, String code, Object... args) implements MessageSourceResolvable {
        @Override
        public String[] getCodes() {
            return new String[] {code};
        }

        @Override
        public Object[] getArguments() {
            return args;
        }

        @Override
        public String toString() {
            return (field == null ? "" : field + ": ") + code;
        }
    }

    private final List<Problem> problems;

    public RefusedInputException(List<Problem> problems) {
        super(problems.toString());
        if (problems.isEmpty()) throw new IllegalArgumentException("no problem");
        this.problems = List.copyOf(problems);
    }

    public RefusedInputException(@Nullable String field, String code, Object... args) {
        this(List.of(new Problem(field, code, args)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * Puts every problem on the form: beside its field when the form has it (tried as named, then under each of
     * {@code nestedUnder}, e.g. "household."), else above the form as a global error.
     */
    public void rejectInto(BindingResult br, String... nestedUnder) {
        for (Problem p : problems) {
            String named = p.field();
            String field = null;
            if (named != null) {
                if (has(br, named)) field = named;
                else for (String prefix : nestedUnder) if (field == null && has(br, prefix + named)) field = prefix + named;
            }
            if (field == null) br.reject(p.code(), p.args(), null);
            else br.rejectValue(field, p.code(), p.args(), null);
        }
    }

    private static boolean has(BindingResult br, String field) {
        try {
            return br.getFieldType(field) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
