package cn.shouwang.server.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.ModelFactory;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletModelAttributeMethodProcessor;

/**
 * A form whose record could not take a value (a word where a number belongs, an unknown choice) is shown again with
 * its messages, not a 500. Spring builds the record anyway (the failed component null) and hands it to the handler,
 * but the {@code BindingResult} it puts in the model keeps no target, so the page's {@code cmd} is null and every
 * {@code th:field} of it fails ("Cannot access properties on null bean instance"). Here the model gets the record
 * and a binding result of it with the same errors, for every {@code @ModelAttribute} of every controller.
 */
final class FormTargets implements HandlerMethodArgumentResolver {
    private final HandlerMethodArgumentResolver spring;

    FormTargets(HandlerMethodArgumentResolver spring) {
        this.spring = spring;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return spring.supportsParameter(parameter);
    }

    @Override
    public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mav,
                                            NativeWebRequest request, @Nullable WebDataBinderFactory binders) throws Exception {
        Object attribute = spring.resolveArgument(parameter, mav, request, binders);
        if (mav == null) return attribute;
        Object bound = attribute instanceof Optional<?> o ? o.orElse(null) : attribute;
        String name = ModelFactory.getNameForParameter(parameter);
        String key = BindingResult.MODEL_KEY_PREFIX + name;
        if (bound != null && mav.getModel().get(name) == null
                && mav.getModel().get(key) instanceof BindingResult errors && errors.getTarget() == null) {
            BeanPropertyBindingResult kept = new BeanPropertyBindingResult(bound, name);
            kept.addAllErrors(errors);
            // same keys, same order: the handler's BindingResult argument is still the entry right after its object
            mav.getModel().put(name, bound);
            mav.getModel().put(key, kept);
        }
        return attribute;
    }

    /** Wraps Spring's own two model-attribute resolvers (annotated first, catch-all last) in {@link FormTargets}. */
    static BeanPostProcessor installer() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getArgumentResolvers() != null) {
                    List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>(adapter.getArgumentResolvers());
                    boolean changed = false;
                    for (int i = 0; i < resolvers.size(); i++) {
                        if (resolvers.get(i) instanceof ServletModelAttributeMethodProcessor spring) {
                            resolvers.set(i, new FormTargets(spring));
                            changed = true;
                        }
                    }
                    if (changed) adapter.setArgumentResolvers(resolvers);
                }
                return bean;
            }
        };
    }
}
