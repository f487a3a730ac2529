package cn.shouwang.server.casework.admin;

import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.casework.ComparisonSetting;
import cn.shouwang.server.casework.shared.CaseworkCodes;
import cn.shouwang.server.casework.shared.StandardChanges;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A standard's name and its values in words, in the page's language: what the history of 标准调整, its export and the
 * settings page's 待生效 list show (a user reads names, never codes). Generic over the entries of
 * {@link ComparisonSetting}: a new entry needs only its message key {@code comparison.setting.<key>}.
 */
@Component
class StandardWords {
    /** The history's name of the income lines (income_line_change), beside the names of standard_change. */
    static final String INCOME_LINE = "income_line";

    private final MessageSource messages;
    private final CaseworkCodes codes;

    StandardWords(MessageSource messages, CaseworkCodes codes) {
        this.messages = messages;
        this.codes = codes;
    }

    private String t(String key, Object... args) {
        Locale l = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, l);
    }

    /** The standard's name; an income line's with its year. */
    String standard(String name, @Nullable Integer year) {
        if (INCOME_LINE.equals(name)) return t("standards.name.incomeLine", String.valueOf(year));
        if (StandardChanges.CATEGORIES_OPEN.equals(name)) return t("standards.name.categories");
        return ComparisonSetting.ofKey(name).map(s -> t("comparison.setting." + s.key())).orElse(name);
    }

    /** A value as stored, in words; null: the region sets nothing of its own (it inherits). */
    String value(String name, @Nullable String value) {
        if (value == null) return t("standards.value.inherit");
        if (INCOME_LINE.equals(name)) return t("standards.value.yuan", money(new BigDecimal(value)));
        if (StandardChanges.CATEGORIES_OPEN.equals(name)) {
            var list = StandardChanges.categories(value);
            return list.isEmpty() ? t("standards.value.noCategories")
                    : list.stream().map(codes::category).collect(Collectors.joining(t("standards.value.separator")));
        }
        ComparisonSetting s = ComparisonSetting.ofKey(name).orElse(null);
        if (s == null) return value;
        return switch (s.kind()) {
            case YUAN -> t("standards.value.yuan", money(new BigDecimal(value)));
            case AGE -> t("standards.value.age", value);
            case SHARE -> value;
            case CHOICE -> t("comparison.setting." + s.key() + "." + value);
            case RULES -> {
                var off = ComparisonSetting.rules(value);
                yield off.isEmpty() ? t("standards.value.noRulesOff")
                        : off.stream().map(Rule::name).map(r -> t("screening.rule." + r))
                        .collect(Collectors.joining(t("standards.value.separator")));
            }
        };
    }

    private static String money(BigDecimal v) {
        DecimalFormat f = new DecimalFormat("#,##0.##");
        return f.format(v);
    }
}
