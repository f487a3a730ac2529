package cn.shouwang.server.household;

import cn.shouwang.core.person.IdNumber;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A GB 11643 id number; the message says which part is wrong (format, birth date, check character). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidIdNumber.Validator.class)
public @interface ValidIdNumber {
    String message() default "{registry.idNumber.FORMAT}";
    boolean optional() default false;
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidIdNumber, String> {
        private boolean optional;

        @Override
        public void initialize(ValidIdNumber a) {
            optional = a.optional();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext ctx) {
            if (optional && (value == null || value.isBlank())) return true;
            IdNumber.Problem p = IdNumber.problem(value);
            if (p == null) return true;
            ctx.disableDefaultConstraintViolation();
            ctx.buildConstraintViolationWithTemplate("{registry.idNumber." + p.name() + "}").addConstraintViolation();
            return false;
        }
    }
}
