package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.XlsxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * 导出Excel of the warnings the list's filter shows, in the list's order and with its columns (household, head,
 * township, village, rule, reason as a sentence, status), streamed by the one writer ({@link XlsxWriter}), id numbers
 * masked. Head and area names are asked for {@value #BATCH} rows at a time, never row by row.
 */
@Component
class WarningExport {
    static final int BATCH = 1000;
    private static final String[] COLUMNS = {"period", "householdNo", "headName", "township", "village", "rule",
            "reason", "amount", "status", "handling", "idNumber", "source", "seen"};
    private final ScreeningStore store;
    private final MessageSource messages;
    private final HouseholdApi households;
    private final AreaApi areas;

    WarningExport(ScreeningStore store, MessageSource messages, HouseholdApi households, AreaApi areas) {
        this.store = store;
        this.messages = messages;
        this.households = households;
        this.areas = areas;
    }

    void write(ScreeningStore.WarningFilter f, OutputStream out) throws IOException {
        write(f, ScreeningStore.WarningSort.HOUSEHOLD, List.of(), out);
    }

    /** The rows below {@code lines} (the title and the filters, {@code platform.ExcelExports}). */
    void write(ScreeningStore.WarningFilter f, ScreeningStore.WarningSort sort, List<String> lines, OutputStream out)
            throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        List<String> headers = Arrays.stream(COLUMNS).map(c -> messages.getMessage("screening.col." + c, null, locale)).toList();
        Map<String, String> names = new HashMap<>();
        try (XlsxWriter x = XlsxWriter.titled(messages.getMessage("screening.warnings.title", null, locale), lines, headers)) {
            List<ScreeningStore.WarningRow> batch = new ArrayList<>(BATCH);
            Runnable flush = () -> {
                rows(batch, f.area(), names, x, locale);
                batch.clear();
            };
            store.eachWarning(f, sort, w -> {
                batch.add(w);
                if (batch.size() == BATCH) flush.run();
            });
            flush.run();
            x.writeTo(out);
        }
    }

    private void rows(List<ScreeningStore.WarningRow> batch, AreaScope scope, Map<String, String> names, XlsxWriter x,
                      Locale locale) {
        if (batch.isEmpty()) return;
        Map<Long, HouseholdApi.Ref> refs = households.refs(batch.stream().map(ScreeningStore.WarningRow::householdId)
                .distinct().toList(), scope);
        Set<String> missing = new HashSet<>();
        for (ScreeningStore.WarningRow w : batch) {
            for (String c : new String[] {w.villageCode(), township(w.villageCode()), w.assignedArea()}) {
                if (c != null && !names.containsKey(c)) missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, String> found = areas.currentEdition().map(e -> areas.names(e.id(), missing)).orElse(Map.of());
            missing.forEach(c -> names.put(c, found.getOrDefault(c, c)));
        }
        for (ScreeningStore.WarningRow w : batch) {
            HouseholdApi.Ref ref = refs.get(w.householdId());
            x.row(w.period(), w.householdNo(), ref == null ? "" : ref.headName(), names.get(township(w.villageCode())),
                    names.get(w.villageCode()), messages.getMessage("screening.rule." + w.rule(), null, w.rule(), locale),
                    WarningReasons.sentence(w.rule(), w.detail(), messages, locale), w.amount(),
                    messages.getMessage("screening.state." + w.status(), null, locale), handling(w, names, locale),
                    w.maskedIdNumber(), w.line() == null ? w.source() : w.source() + ":" + w.line(), w.seenCount());
        }
    }

    /** Who dismissed it and why, or where it was sent and by when; empty otherwise (the list shows the same). */
    String handling(ScreeningStore.WarningRow w, Map<String, String> names, Locale locale) {
        if (w.intakeOutcome() == null && w.dismissedAt() != null) {
            String reason = messages.getMessage("screening.dismiss.reason." + w.dismissedReason(), null, locale);
            return messages.getMessage(w.dismissalCarried() ? "screening.dismissed.carried" : "screening.dismissed.by",
                    new Object[] {reason, w.dismissedNote() == null ? ""
                            : messages.getMessage("screening.dismissed.note", new Object[] {w.dismissedNote()}, locale), w.dismissedBy(),
                            w.dismissedAt().toLocalDate().toString()}, locale);
        }
        if (w.intakeOutcome() == null && w.assignedArea() != null) {
            return messages.getMessage("screening.assigned.to", new Object[] {names.getOrDefault(w.assignedArea(),
                    w.assignedArea()), String.valueOf(w.assignedDue())}, locale);
        }
        return "";
    }

    static String township(String villageCode) {
        return villageCode.substring(0, 9) + "000";
    }
}
