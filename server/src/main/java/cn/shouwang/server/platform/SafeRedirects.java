package cn.shouwang.server.platform;

import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Every {@code "redirect:…"} a handler returns becomes a {@link RedirectView} that the view resolver initialises as a
 * bean; this makes each one safe whatever user text went into its address: no URI-template expansion (a search for
 * {@code {x}} answered 500: "no value for key x" — no handler of the product uses templates in redirects), control
 * characters, braces, spaces and non-ASCII percent-encoded (CR/LF cannot split the Location header), and an address
 * longer than a header holds cut to its path.
 */
@Component
class SafeRedirects implements BeanPostProcessor {
    /** Well under Tomcat's 8 KB response header limit. */
    static final int MAX_LOCATION = 4000;

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof RedirectView view) {
            view.setExpandUriTemplateVariables(false);
            if (view.getUrl() != null) view.setUrl(safe(view.getUrl()));
        }
        return bean;
    }

    static String safe(String url) {
        StringBuilder sb = new StringBuilder(url.length());
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '{' || c == '}' || c == '"' || c == '<' || c == '>' || c == '\\') {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                sb.append((char) c);
            }
        }
        String s = sb.toString();
        if (s.length() > MAX_LOCATION) {
            int q = s.indexOf('?');
            s = q > 0 && q <= MAX_LOCATION ? s.substring(0, q) : "/";
        }
        return s;
    }
}
