package cn.shouwang.server.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.MessageSource;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Puts {@link WordedMessageSource} in front of the application's message source (Spring Boot's, from
 * {@code spring.messages}), so that every message — Thymeleaf's {@code #{…}}, {@code MessageSource.getMessage} in
 * exports, notices and errors — has its {@code {{…}}} words replaced, including texts added later by anyone: nothing
 * has to remember to call it.
 */
@Component
class WordedMessages implements BeanPostProcessor {
    private final ObjectProvider<WordingApi> wording;

    WordedMessages(ObjectProvider<WordingApi> wording) {
        this.wording = wording;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME.equals(name) && bean instanceof MessageSource m
                && !(bean instanceof WordedMessageSource)) {
            // asked lazily: casework's answer reads the database, which is not there yet while the context starts
            return new WordedMessageSource(m, () -> {
                WordingApi w = wording.getIfAvailable();
                return w == null ? WordingApi.Words.NONE : w.current();
            });
        }
        return bean;
    }
}
