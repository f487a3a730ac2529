package cn.shouwang.server.screening;

import cn.shouwang.server.platform.XlsxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** 导出Excel of the warnings the filters show, streamed by the one writer ({@link XlsxWriter}), id numbers masked. */
@Component
class WarningExport {
    private static final String[] COLUMNS = {"period", "householdNo", "village", "idNumber", "rule", "riskType", "source",
            "line", "detail", "seen"};
    private final ScreeningStore store;
    private final MessageSource messages;

    WarningExport(ScreeningStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    void write(ScreeningStore.WarningFilter f, OutputStream out) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        List<String> headers = Arrays.stream(COLUMNS).map(c -> messages.getMessage("screening.col." + c, null, locale)).toList();
        try (XlsxWriter x = new XlsxWriter(messages.getMessage("screening.warnings.title", null, locale), headers)) {
            store.eachWarning(f, w -> x.row(w.period(), w.householdNo(), w.villageCode(), w.maskedIdNumber(),
                    messages.getMessage("screening.rule." + w.rule(), null, w.rule(), locale),
                    w.riskType() == null ? "" : w.riskType(), w.source(), w.line(), w.detail(), w.seenCount()));
            x.writeTo(out);
        }
    }
}
