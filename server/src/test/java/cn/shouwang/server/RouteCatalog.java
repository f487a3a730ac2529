package cn.shouwang.server;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the server as the handler mappings know it — so a route added later is in every test that walks
 * this list without editing the test: its method, its pattern, the path variables, the request parameters it reads
 * (named {@code @RequestParam}s, simple parameters, the components of the form records it binds) and the components of
 * a JSON {@code @RequestBody} record. Used by {@code BadInputCorpusTest} and {@code AccessMatrixTest}.
 */
public final class RouteCatalog {
    public static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    private RouteCatalog() {}

    /**
     * One route: {@code method} is GET, POST, PUT, DELETE (a mapping without a method is listed as GET); {@code handler}
     * names the controller method, for messages.
     */
    public record Route(String method, String pattern, List<String> params, List<String> variables,
                        List<String> bodyFields, boolean multipart, String handler) {
        public boolean isRead() {
            return method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Every route, each method of a mapping on its own, in a stable order (pattern, then method). */
    public static List<Route> routes(RequestMappingHandlerMapping mappings) {
        List<Route> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<String> params = new LinkedHashSet<>();
            List<String> body = new ArrayList<>();
            boolean multipart = false;
            for (MethodParameter p : e.getValue().getMethodParameters()) {
                p.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                RequestParam rp = p.getParameterAnnotation(RequestParam.class);
                Class<?> type = p.getParameterType();
                if (p.hasParameterAnnotation(PathVariable.class)) continue;
                if (MultipartFile.class.isAssignableFrom(type)) {
                    multipart = true;
                    continue;
                }
                if (p.hasParameterAnnotation(RequestBody.class)) {
                    for (RecordComponent c : type.isRecord() ? type.getRecordComponents() : new RecordComponent[0]) {
                        body.add(c.getName());
                    }
                    continue;
                }
                if (rp != null) {
                    String name = !rp.name().isEmpty() ? rp.name() : !rp.value().isEmpty() ? rp.value() : p.getParameterName();
                    if (name != null && !Map.class.isAssignableFrom(type)) params.add(name);
                } else if (p.hasParameterAnnotation(ModelAttribute.class) || type.isRecord()) {
                    for (RecordComponent c : type.isRecord() ? type.getRecordComponents() : new RecordComponent[0]) {
                        params.add(c.getName());
                    }
                } else if (BeanUtils.isSimpleProperty(type) && p.getParameterName() != null
                        && !type.getName().startsWith("jakarta.") && !type.getName().startsWith("java.security")) {
                    params.add(p.getParameterName());
                }
            }
            List<String> verbs = methods.isEmpty() ? List.of("GET")
                    : methods.stream().map(Enum::name).filter(m -> !m.equals("HEAD") && !m.equals("OPTIONS")).sorted().toList();
            String handler = e.getValue().getBeanType().getSimpleName() + "." + e.getValue().getMethod().getName();
            for (String pattern : info.getPatternValues()) {
                List<String> variables = new ArrayList<>();
                Matcher m = VARIABLE.matcher(pattern);
                while (m.find()) variables.add(m.group(1));
                for (String verb : verbs) {
                    out.add(new Route(verb, pattern, List.copyOf(params), List.copyOf(variables), List.copyOf(body),
                            multipart, handler));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Route::pattern).thenComparing(Route::method));
        return out;
    }

    /** The GET routes only (what a browser can follow). */
    public static List<Route> getRoutes(RequestMappingHandlerMapping mappings) {
        return routes(mappings).stream().filter(Route::isRead).toList();
    }

    /** The pattern with every path variable replaced by {@code valueOf(name)}. */
    public static String fill(String pattern, java.util.function.Function<String, String> valueOf) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(valueOf.apply(m.group(1))));
        m.appendTail(sb);
        return sb.toString();
    }

    /** The pattern with {@code variable} set to {@code value} and every other variable to {@link #sample}. */
    public static String fill(String pattern, @Nullable String variable, String value) {
        return fill(pattern, v -> v.equals(variable) ? value : sample(v));
    }

    /** A plausible value for a path variable: a village code for codes, a small id otherwise. */
    public static String sample(String variable) {
        String v = variable.toLowerCase(Locale.ROOT);
        return v.contains("village") || v.contains("code") || v.contains("area") ? "220322103205" : "1";
    }
}
