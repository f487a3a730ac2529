package cn.shouwang.server.household;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Form plumbing shared by the registry pages: the values exactly as typed (so a refused form keeps them) and
 * one plain-language message per field.
 */
@Component
class Forms {
    private final MessageSource messages;

    Forms(MessageSource messages) {
        this.messages = messages;
    }

    static Map<String, String> typed(Map<String, String[]> params) {
        Map<String, String> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.length == 0 ? "" : v[v.length - 1]));
        return m;
    }

    Map<String, String> errors(BindingResult... results) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> m = new LinkedHashMap<>();
        for (BindingResult br : results) {
            for (ObjectError e : br.getAllErrors()) {
                String field = e instanceof FieldError fe ? fe.getField() : "form";
                // class-level rules (@AssertTrue isXxx) are reported on the field they are about
                if (field.endsWith("exitYearGivenForFormerlyPoor")) field = field.replace("exitYearGivenForFormerlyPoor", "exitYear");
                if (field.endsWith("disabilityGradeOnlyWhenDisabled")) field = field.replace("disabilityGradeOnlyWhenDisabled", "disabilityGrade");
                // a value that could not be read (typeMismatch.java.lang.Integer, ...) says what is expected
                String text = messages.getMessage(e, locale);
                m.putIfAbsent(field, text);
            }
        }
        return m;
    }

    String message(FieldProblem p) {
        return messages.getMessage(p.messageKey(), p.args(), LocaleContextHolder.getLocale());
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
     * Runs the write when the form has no errors yet. A refused value or a concurrent edit becomes a message in
     * {@code errors} (beside its field, or for the whole form), so the page can be shown again with what was typed.
     *
     * @return true when the write was saved
     */
    boolean save(Map<String, String> errors, Write write) {
        if (!errors.isEmpty()) return false;
        try {
            write.run();
            return true;
        } catch (FieldProblem p) {
            errors.put(p.field(), message(p));
        } catch (ConcurrentEditException e) {
            errors.put("form", message("registry.conflict"));
        }
        return false;
    }
}
