package cn.shouwang.server.villagearchive;

import cn.shouwang.server.audit.AuditCodeNamesApi;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Village document type names (照片, 会议记录…) for the audit page's sentences; the codes live in this module. */
@Component
class AuditDocTypeNames implements AuditCodeNamesApi {
    private final ArchiveCodes codes;

    AuditDocTypeNames(ArchiveCodes codes) {
        this.codes = codes;
    }

    @Override
    public String kind() {
        return DOC_TYPE;
    }

    @Override
    public @Nullable String name(String code, Locale locale) {
        return codes.find(ArchiveCodes.DOC_TYPE, code).map(c -> c.name(locale)).orElse(null);
    }
}
