package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    private final ExcelExports exports;
    private final cn.shouwang.server.area.AreaApi areas;

    HouseholdExport(Registry registry, MessageSource messages, ExcelExports exports, cn.shouwang.server.area.AreaApi areas) {
        this.registry = registry;
        this.messages = messages;
        this.exports = exports;
        this.areas = areas;
    }

    /**
     * The download of what {@code filter} shows in {@code scope}: the file 区域_农户档案_日期.xlsx, the filters in words
     * above the header (a search for digits shown with all but its first six masked: it may be an id number).
     */
    void send(HouseholdFilter filter, AreaScope scope, HttpServletResponse response) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        String where = filter.area() != null && scope.covers(filter.area()) ? filter.area() : scope.areaCode();
        ExcelExports.Heading h = exports.heading(areas.pathName(where),
                        messages.getMessage("registry.export.fileName", null, locale), exports.today())
                .with(messages.getMessage("registry.col.formerlyPoor", null, locale), filter.formerlyPoor() == null
                        ? exports.any() : messages.getMessage(filter.formerlyPoor() ? "registry.yes" : "registry.no", null, locale))
                .with(messages.getMessage("xlsx.search", null, locale), filter.q() == null ? null
                        : filter.q().strip().replaceAll("(?<=\\d{6})\\d", "*"));
        List<String> headers = Arrays.stream(COLUMNS).map(c -> messages.getMessage("registry.col." + c, null, locale)).toList();
        String yes = messages.getMessage("registry.yes", null, locale);
        String no = messages.getMessage("registry.no", null, locale);
        try (XlsxWriter x = exports.open(response, h, headers)) {
            registry.export(filter, scope, r -> x.row(r.householdNo(),
                    r.villageName() == null ? r.villageCode() : r.villageName(),
                    r.villageGroup() == null ? "" : r.villageGroup(), r.headName() == null ? "" : r.headName(),
                    r.size(), r.formerlyPoor() ? yes : no, r.exitYear(), r.phoneMasked()));
            x.writeTo(response.getOutputStream());
        }
    }

}
