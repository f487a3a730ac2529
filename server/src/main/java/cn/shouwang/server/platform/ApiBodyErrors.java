package cn.shouwang.server.platform;

import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of the API is a problem detail (RFC 9457, {@code application/problem+json}): Spring MVC's own errors
 * (a missing or mistyped parameter, an unknown address, a wrong method or content type, a file too large) through
 * {@link ResponseEntityExceptionHandler}, instead of the servlet error page's JSON. A JSON body that cannot be
 * read — broken JSON, or "abc" where a number belongs — is a 400 problem naming the field (as the path inside the
 * body, e.g. {@code household.exitYear}) with the same message the forms show, in the shape the API's validation
 * problems use ({@code errors: {field: message}}); so is a body that fails Bean Validation. A database that cannot
 * be reached is a 503 (the client may retry), never a 500 with its message.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiBodyErrors extends ResponseEntityExceptionHandler {
    private final MessageSource messages;

    ApiBodyErrors(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(unreadable(ex).getBody());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        var locale = LocaleContextHolder.getLocale();
        for (var err : ex.getBindingResult().getAllErrors()) {
            String field = err instanceof FieldError fe ? fe.getField() : err.getObjectName();
            errors.putIfAbsent(field, messages.getMessage(err, locale));
        }
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.getMessage("api.invalid", null, locale));
        pd.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

    /** The database is down or unreachable: 503, so that a client retries later (nothing of the cause is shown). */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                messages.getMessage("api.unavailable", null, LocaleContextHolder.getLocale()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

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
