package cn.shouwang.server.casework.shared;

import cn.shouwang.server.audit.AuditCodeNamesApi;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Risk type names (因病, 因学…) for the audit page's sentences; the codes live in this module's table. */
@Component
class AuditRiskNames implements AuditCodeNamesApi {
    private final CaseworkSettingsStore config;

    AuditRiskNames(CaseworkSettingsStore config) {
        this.config = config;
    }

    @Override
    public String kind() {
        return RISK_TYPE;
    }

    @Override
    public @Nullable String name(String code, Locale locale) {
        boolean zh = !"en".equals(locale.getLanguage());
        return config.codes(CodeKind.RISK_TYPE).find(code).map(c -> zh ? c.chinese() : c.english()).orElse(null);
    }
}
