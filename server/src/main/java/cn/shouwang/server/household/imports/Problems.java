package cn.shouwang.server.household.imports;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/** A row problem in words: the column (letter and header) and the message of its code with its arguments. */
final class Problems {
    private Problems() {}

    static String text(MessageSource messages, @Nullable String column, String code, Object[] args, Locale locale) {
        String message = messages.getMessage(code, args, code, locale);
        return column == null ? message : messages.getMessage("registry.import.problem.inColumn", new Object[] {column, message}, locale);
    }
}
