package cn.shouwang.server.platform;

import java.time.Duration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Chinese by default; {@code ?lang=en} switches to English and is remembered in a cookie. A script calling
 * {@code /api/} has no cookie: there {@code Accept-Language} chooses (English when it prefers English, else Chinese),
 * as the API description says — pages keep Chinese whatever the browser's language.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /** Forms whose record could not take a value are shown again with their messages ({@link FormTargets}). */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor formTargets() {
        return FormTargets.installer();
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver r = new CookieLocaleResolver("SHOUWANG_LANG");
        r.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        r.setDefaultLocaleFunction(WebConfig::defaultLocale);
        r.setCookieMaxAge(Duration.ofDays(365));
        return r;
    }

    /**
     * No {@link ResourceUrlEncodingFilter}: Spring Boot adds it because webjars-locator-lite enables the resource
     * chain, and it then sends every link a page prints (twenty households, their pages, paging…) through the
     * resource resolvers, each a class-path lookup in the jar, only to give back the same address: the pages use no
     * versioned resource addresses, and {@code /webjars/htmx.org/dist/htmx.min.js} (the one sw.js caches) is served
     * as it is by the resource handler. Under load that lookup was a tenth of the server's CPU (docs/operations.md,
     * Load test). Registered disabled, so that Boot's own registration stands back.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> noResourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }

    /** Without the language cookie: the API's client's first choice of Chinese or English; Chinese everywhere else. */
    static Locale defaultLocale(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String header = request.getHeader("Accept-Language");
        if (header != null && uri != null && uri.startsWith(request.getContextPath() + "/api/")) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String lang = range.getRange().toLowerCase(Locale.ROOT);
                    if (lang.startsWith("en")) return Locale.ENGLISH;
                    if (lang.startsWith("zh")) return Locale.SIMPLIFIED_CHINESE;
                }
            } catch (IllegalArgumentException e) {
                // a malformed header: the default
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lci = new LocaleChangeInterceptor();
        lci.setParamName("lang");
        registry.addInterceptor(lci);
    }
}
