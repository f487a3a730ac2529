package cn.shouwang.server.household;

import cn.shouwang.server.platform.RefusedInputException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Form plumbing shared by the registry pages, which bind {@code XxxCmd} records with Bean Validation and show them
 * with {@code th:object}/{@code th:field}/{@code th:errors}, as the casework pages do: one message per field, class-level
 * rules on the field they are about, refusals of the registry ({@link RefusedInputException}) and concurrent edits on the same
 * BindingResult, so a refused form comes back with what was typed.
 */
@Component
class Forms {
    /** Class-level rules (@AssertTrue isXxx) and the field whose message they are. */
    private static final Map<String, String> CLASS_RULES = Map.of("exitYearGivenForFormerlyPoor", "exitYear",
            "disabilityGradeOnlyWhenDisabled", "disabilityGrade");
    private final MessageSource messages;
    private final SpringValidatorAdapter validator;

    Forms(MessageSource messages, jakarta.validation.Validator validator) {
        this.messages = messages;
        this.validator = new SpringValidatorAdapter(validator);
    }

    /**
     * When a value could not be read (a binding failure), Spring skips the Bean Validation rules of the whole form;
     * this applies them to the other fields, so that every wrong field of a long form says so at once (a field that
     * could not be read keeps its own message only).
     */
    void otherRules(BindingResult form, Object cmd) {
        if (form.getFieldErrors().stream().noneMatch(FieldError::isBindingFailure)) return;
        BeanPropertyBindingResult rules = new BeanPropertyBindingResult(cmd, form.getObjectName());
        validator.validate(cmd, rules);
        for (FieldError e : rules.getFieldErrors()) {
            if (!form.hasFieldErrors(e.getField())) form.addError(e);
        }
    }

    /**
     * The errors as the page shows them, in place of Spring's in the model: the first error of each field only (a value
     * that could not be read comes before the rules about it), class-level rules moved to the field they are about.
     * Values typed stay as typed: a refused one in its error, the others in {@code cmd} (after a binding failure
     * Spring still builds the record, with null where a value could not be read, but leaves its BindingResult
     * without a target).
     */
    static BindingResult shown(BindingResult br, Object cmd, Model model) {
        BeanPropertyBindingResult out = new BeanPropertyBindingResult(cmd, br.getObjectName());
        for (ObjectError e : br.getGlobalErrors()) out.addError(e);
        Set<String> seen = new HashSet<>();
        for (FieldError e : br.getFieldErrors()) {
            String field = e.getField();
            for (var rule : CLASS_RULES.entrySet()) {
                if (field.endsWith(rule.getKey())) field = field.substring(0, field.length() - rule.getKey().length()) + rule.getValue();
            }
            if (!seen.add(field)) continue;
            Object typed = field.equals(e.getField()) ? e.getRejectedValue() : out.getRawFieldValue(field);
            out.addError(new FieldError(e.getObjectName(), field, typed, e.isBindingFailure(), e.getCodes(), e.getArguments(),
                    e.getDefaultMessage()));
        }
        model.addAttribute(br.getObjectName(), cmd);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + br.getObjectName(), out);
        return out;
    }

    /** A blank form's BindingResult, for a page that shows a command nobody has sent yet. */
    static void blank(Model model, String name, Object cmd) {
        model.addAttribute(name, cmd);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, new BeanPropertyBindingResult(cmd, name));
    }

    String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    /** A registry write behind a form. */
    interface Write {
        void run();
    }

    /**
     * Runs the write when the form has no errors yet. A refusal ({@link RefusedInputException}, e.g. {@link FieldProblem})
     * goes beside its field, or above the form when the form has no such field; a concurrent edit is for the whole form.
     *
     * @return true when the write was saved
     */
    static boolean save(BindingResult br, Write write) {
        if (br.hasErrors()) return false;
        try {
            write.run();
            return true;
        } catch (RefusedInputException r) {
            // the new-household form nests the household's fields under "household."
            r.rejectInto(br, "household.");
        } catch (ConcurrentEditException e) {
            br.reject("registry.conflict");
        }
        return false;
    }
}
