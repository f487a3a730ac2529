package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.platform.XlsxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** 导出Excel: what the filters show, streamed by the one writer ({@link XlsxWriter}), phones masked. */
@Component
class HouseholdExport {
    private static final String[] COLUMNS = {"householdNo", "village", "villageGroup", "head", "size", "formerlyPoor",
            "exitYear", "phone"};
    private final Registry registry;
    private final MessageSource messages;

    HouseholdExport(Registry registry, MessageSource messages) {
        this.registry = registry;
        this.messages = messages;
    }

    void write(HouseholdFilter filter, AreaScope scope, OutputStream out) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        List<String> headers = Arrays.stream(COLUMNS).map(c -> messages.getMessage("registry.col." + c, null, locale)).toList();
        String yes = messages.getMessage("registry.yes", null, locale);
        String no = messages.getMessage("registry.no", null, locale);
        try (XlsxWriter x = new XlsxWriter(messages.getMessage("registry.export.sheet", null, locale), headers)) {
            registry.export(filter, scope, h -> x.row(h.householdNo(),
                    h.villageName() == null ? h.villageCode() : h.villageName(),
                    h.villageGroup() == null ? "" : h.villageGroup(), h.headName() == null ? "" : h.headName(),
                    h.size(), h.formerlyPoor() ? yes : no, h.exitYear(), h.phoneMasked()));
            x.writeTo(out);
        }
    }
}
