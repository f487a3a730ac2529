package cn.shouwang.server.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.AbstractHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Spring's {@link DefaultHandlerExceptionResolver} logs every request error it answers with the exception's text:
 * the rejected value ({@code For input string: "22032219460712002X"}) and sometimes the request path — so an id
 * number typed into a numeric field, or put into an address, ended up in the server log. Here it logs nothing
 * itself; a wrapper writes one line per answered error with the status, the mapping pattern (never the path as
 * sent), the exception's type and the names of the parameters or fields concerned, never a value.
 */
@Configuration(proxyBeanMethods = false)
class RequestErrorLog implements WebMvcConfigurer {
    private static final Logger log = LoggerFactory.getLogger(RequestErrorLog.class);

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        for (int i = 0; i < resolvers.size(); i++) {
            if (resolvers.get(i) instanceof DefaultHandlerExceptionResolver d) {
                d.setWarnLogCategory(null);
                resolvers.set(i, new Logged(d));
            } else if (resolvers.get(i) instanceof AbstractHandlerExceptionResolver a) {
                a.setWarnLogCategory(null);
            }
        }
    }

    /** Answers as Spring's resolver does, then logs what was answered without any value. */
    private record Logged(DefaultHandlerExceptionResolver delegate) implements HandlerExceptionResolver, Ordered {
        @Override
        public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
                                                       @Nullable Object handler, Exception ex) {
            ModelAndView answer = delegate.resolveException(request, response, handler, ex);
            if (answer == null) return null;
            // a missing static file (favicon, a mistyped address) is not worth a warning, as before
            if (ex instanceof NoResourceFoundException) {
                if (log.isDebugEnabled()) log.debug(describe(request, response.getStatus(), ex));
            } else if (log.isWarnEnabled()) {
                log.warn(describe(request, response.getStatus(), ex));
            }
            return answer;
        }

        @Override
        public int getOrder() {
            return delegate.getOrder();
        }
    }

    /** "400 GET /households/{id}: MethodArgumentTypeMismatchException, parameter id (long)": no value, no path. */
    static String describe(HttpServletRequest request, int status, Exception ex) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        StringBuilder sb = new StringBuilder().append(status).append(' ').append(request.getMethod()).append(' ')
                .append(pattern == null ? "(no mapping)" : pattern).append(": ").append(ex.getClass().getSimpleName());
        if (ex instanceof MethodArgumentTypeMismatchException m) {
            sb.append(", parameter ").append(m.getName()).append(type(m.getRequiredType()));
        } else if (ex instanceof TypeMismatchException t) {
            sb.append(", property ").append(t.getPropertyName()).append(type(t.getRequiredType()));
        } else if (ex instanceof MissingServletRequestParameterException m) {
            sb.append(", parameter ").append(m.getParameterName());
        } else if (ex instanceof BindException b) {
            // MethodArgumentNotValidException too: field names and error codes, never the rejected values
            sb.append(", fields ").append(b.getFieldErrors().stream()
                    .map(e -> e.getField() + " (" + e.getCode() + ")").distinct().collect(Collectors.joining(", ")));
            if (b.hasGlobalErrors()) sb.append(", ").append(b.getGlobalErrorCount()).append(" object error(s)");
        }
        return sb.toString();
    }

    private static String type(@Nullable Class<?> c) {
        return c == null ? "" : " (" + c.getSimpleName() + ")";
    }
}
