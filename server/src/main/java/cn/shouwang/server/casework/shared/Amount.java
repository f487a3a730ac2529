package cn.shouwang.server.casework.shared;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A yuan amount on a casework form: required, not negative, at most two decimals. One annotation for the income
 * parts of the verification and the home check, so their messages cannot drift apart.
 */
@NotNull(message = "{casework.money.required}")
@DecimalMin(value = "0", message = "{casework.money.invalid}")
@Digits(integer = 10, fraction = 2, message = "{casework.money.invalid}")
@Constraint(validatedBy = {})
@Target({METHOD, FIELD, ANNOTATION_TYPE, PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Amount {
    String message() default "{casework.money.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
