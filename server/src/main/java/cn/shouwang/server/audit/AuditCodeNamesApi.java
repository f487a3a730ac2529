package cn.shouwang.server.audit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Names of codes another module owns in its own tables (risk types, village document types), so the audit page can
 * word a recorded detail without reading those tables: the owning module provides a bean of this type (the
 * dependency points from it to audit, as its audit calls already do).
 */
public interface AuditCodeNamesApi {
    /** The kind of code this bean names, as the audit page asks for it: {@link #RISK_TYPE}, {@link #DOC_TYPE}. */
    String kind();

    /** The code's name in the language, or null when the code is unknown. */
    @Nullable String name(String code, Locale locale);

    String RISK_TYPE = "RISK_TYPE";
    String DOC_TYPE = "DOC_TYPE";
}
