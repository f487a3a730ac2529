package cn.shouwang.server.casework.shared;

import cn.shouwang.core.casework.CodeList;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Names of code-list entries in the page's language: {@code @caseworkCodes.category(code)},
 * {@code @caseworkCodes.riskType(code)}.
 */
@Component("caseworkCodes")
public class CaseworkCodes {
    private final CaseworkSettingsStore config;

    CaseworkCodes(CaseworkSettingsStore config) {
        this.config = config;
    }

    public String category(String code) {
        return name(CodeKind.CATEGORY, code);
    }

    public String recheckResult(String code) {
        return name(CodeKind.RECHECK_RESULT, code);
    }

    public String riskType(String code) {
        return name(CodeKind.RISK_TYPE, code);
    }

    public String name(CodeKind kind, String code) {
        boolean zh = "zh".equals(LocaleContextHolder.getLocale().getLanguage());
        CodeList list = config.codes(kind);
        return list.find(code).map(c -> zh ? c.chinese() : c.english()).orElse(code);
    }
}
