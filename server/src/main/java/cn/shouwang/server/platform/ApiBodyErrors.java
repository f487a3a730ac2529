package cn.shouwang.server.platform;

import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON body that cannot be read — broken JSON, or "abc" where a number belongs — is a 400 problem naming the
 * field (as the path inside the body, e.g. {@code household.exitYear}) with the same message the forms show,
 * in the shape the API's validation problems use ({@code errors: {field: message}}).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiBodyErrors {
    private final MessageSource messages;

    ApiBodyErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String field = "body";
        String[] codes = {"api.body.unreadable"};
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            // a value of the wrong type names its place in the body; broken JSON (a StreamReadException) is "body"
            if (t instanceof DatabindException de && !de.getPath().isEmpty()) {
                field = path(de);
                codes = de instanceof MismatchedInputException m && m.getTargetType() != null
                        ? new String[] {"typeMismatch." + m.getTargetType().getName(), "typeMismatch"}
                        : new String[] {"typeMismatch"};
                break;
            }
        }
        var locale = LocaleContextHolder.getLocale();
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("api.invalid", null, locale));
        pd.setProperty("errors", Map.of(field, messages.getMessage(new DefaultMessageSourceResolvable(codes), locale)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

    /** household.exitYear, members[2].name */
    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
