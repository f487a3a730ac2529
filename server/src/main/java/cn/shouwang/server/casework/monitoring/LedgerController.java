package cn.shouwang.server.casework.monitoring;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.shared.CaseworkCodes;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ledger (台账) of the monitored households of the area in view (issue 14 point 3), as the county hands it up: per
 * household its members (name, relation, id number masked unless the reader may see it and chose to), category, risk
 * types, identification month, the officers in charge, the measures (group, content, state, dates) and the state.
 * A household is a block of rows, as many as its members or its measures (whichever is more); the household's columns
 * are repeated on each row so the autofilter keeps blocks whole. One sheet with a village column, or a sheet per
 * village ({@code layout=villages}). Streamed: {@value #BATCH} households at a time (one query each for their members,
 * officers and measures), rows through SXSSF, so a city's ledger stays in bounded memory.
 */
@Controller
class LedgerController {
    static final int BATCH = 500;
    private final MonitoredStore monitored;
    private final HouseholdApi households;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final CaseworkCodes codes;
    private final ExcelExports exports;

    LedgerController(MonitoredStore monitored, HouseholdApi households, AreaApi areas, AuditApi audit,
                     MessageSource messages, CaseworkCodes codes, ExcelExports exports) {
        this.monitored = monitored;
        this.households = households;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.codes = codes;
        this.exports = exports;
    }

    /** Who may have id numbers in full in a file (as the national person list): an administrator, a county analyst. */
    static boolean mayFullIds(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.COUNTY_ANALYST;
    }

    @GetMapping("/monitored/ledger")
    void ledger(@RequestParam(required = false) @Nullable String area,
                @RequestParam(required = false) @Nullable MonitoringStatus status,
                @RequestParam(required = false) @Nullable String layout,
                @RequestParam(required = false) boolean fullIds, HttpServletResponse response) throws IOException {
        CurrentUser me = CurrentUsers.require();
        AreaScope scope = CurrentUsers.areaInView(area);
        boolean full = fullIds && mayFullIds(me);
        boolean perVillage = "villages".equals(layout);
        Locale l = LocaleContextHolder.getLocale();
        ExcelExports.Heading h = exports.heading(areas.pathName(scope.areaCode()), msg("casework.ledger.title", l),
                        YearMonth.from(exports.today()))
                .with(msg("casework.monitoring.status", l), status == null ? exports.any() : msg("casework.monitoring." + status, l))
                .with(msg("casework.ledger.layout", l), msg(perVillage ? "casework.ledger.layout.villages"
                        : "casework.ledger.layout.column", l))
                .with(msg("xlsx.fullIds", l), msg(full ? "xlsx.fullIds.yes" : "xlsx.fullIds.no", l));
        List<String> headers = new ArrayList<>();
        if (!perVillage) headers.add(msg("casework.village", l));
        for (String k : List.of("casework.householdNo", "casework.headName", "casework.category", "casework.riskTypes",
                "casework.ledger.identifiedMonth", "casework.monitoring.status", "casework.officers",
                "casework.ledger.member", "casework.ledger.relation", "casework.ledger.idNumber",
                "casework.measure.group", "casework.ledger.measure", "casework.measure.state", "casework.measure.start",
                "casework.measure.end")) {
            headers.add(msg(k, l));
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> codeNames = new HashMap<>();
        int[] counts = new int[2];
        List<MonitoredStore.MonitoredListRow> first = monitored.list(scope, status, 1, BATCH, "village", "asc");
        String firstVillage = first.isEmpty() ? null : first.get(0).villageCode();
        XlsxWriter.attachment(response, h.fileName()); // the area's file, whatever its first sheet
        try (XlsxWriter x = perVillage && firstVillage != null
                ? XlsxWriter.titled(shortName(firstVillage), exports.lines(villageHeading(h, firstVillage)), headers, full)
                : XlsxWriter.titled(h.what(), exports.lines(h), headers, full)) {
            String village = firstVillage;
            List<MonitoredStore.MonitoredListRow> batch = first;
            for (int p = 1; ; ) {
                List<Long> ids = batch.stream().map(MonitoredStore.MonitoredListRow::householdId).toList();
                Map<Long, List<HouseholdApi.LedgerMember>> members = households.ledgerMembers(ids, scope, full);
                Map<Long, List<MonitoredStore.OfficerRow>> officers = monitored.currentOfficers(ids);
                Map<Long, List<MonitoredStore.MeasureListRow>> measures = monitored.measuresOf(ids);
                for (MonitoredStore.MonitoredListRow r : batch) {
                    if (perVillage && !r.villageCode().equals(village)) {
                        village = r.villageCode();
                        x.sheet(shortName(village), exports.lines(villageHeading(h, village)), headers);
                    }
                    List<HouseholdApi.LedgerMember> ms = members.getOrDefault(r.householdId(), List.of());
                    List<MonitoredStore.MeasureListRow> plan = measures.getOrDefault(r.householdId(), List.of());
                    String householdNo = ms.isEmpty() ? "" : ms.get(0).householdNo();
                    String category = codeNames.computeIfAbsent("C" + r.category(), k -> codes.category(r.category()));
                    String risks = String.join(msg("casework.ledger.separator", l), r.riskTypes().stream()
                            .map(t -> codeNames.computeIfAbsent("R" + t, k -> codes.riskType(t))).toList());
                    String officer = String.join(msg("casework.ledger.separator", l), officers
                            .getOrDefault(r.householdId(), List.of()).stream()
                            .map(o -> msg("casework.ledger.officer", l, o.name(), o.unit())).toList());
                    String villageName = names.computeIfAbsent(r.villageCode(), this::shortName);
                    for (int i = 0; i < Math.max(1, Math.max(ms.size(), plan.size())); i++) {
                        List<Object> cells = new ArrayList<>(headers.size());
                        if (!perVillage) cells.add(villageName);
                        cells.addAll(java.util.Arrays.asList(householdNo, r.headName(), category, risks,
                                YearMonth.from(r.identifiedOn()), msg("casework.monitoring." + r.status(), l), officer));
                        if (i < ms.size()) {
                            HouseholdApi.LedgerMember m = ms.get(i);
                            cells.addAll(java.util.Arrays.asList(m.name(),
                                    msg("registry.relation." + m.relation(), l), m.idNumber()));
                            counts[1]++;
                        } else {
                            cells.addAll(java.util.Arrays.asList(null, null, null));
                        }
                        if (i < plan.size()) {
                            MonitoredStore.MeasureListRow m = plan.get(i);
                            // a health measure's words may tell of an illness: its group says enough (as /assistance)
                            cells.addAll(java.util.Arrays.asList(msg("casework.group." + m.group(), l),
                                    m.group() == MeasureGroup.HEALTH ? "" : m.description(),
                                    msg("casework.measureState." + m.state(), l), m.start(), m.end()));
                        }
                        x.row(cells);
                    }
                    counts[0]++;
                }
                if (batch.size() < BATCH) break;
                batch = monitored.list(scope, status, ++p, BATCH, "village", "asc");
            }
            x.writeTo(response.getOutputStream());
        }
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(), "monitored ledger"
                + (status == null ? "" : " " + status) + (perVillage ? " sheet per village" : " village column")
                + "; " + counts[0] + " households, " + counts[1] + " persons; id numbers " + (full ? "in full" : "masked"));
        if (full) {
            audit.record(AuditAction.ID_NUMBER_VIEW, null, null, scope.areaCode(), List.of(),
                    "monitored ledger: " + counts[1] + " id numbers in full");
        }
    }

    /** The heading of a village's sheet: the village in place of the area, the same conditions. */
    private ExcelExports.Heading villageHeading(ExcelExports.Heading h, String village) {
        ExcelExports.Heading v = exports.heading(areas.pathName(village), h.what(), h.period());
        for (String[] c : h.conditions().subList(1, h.conditions().size())) v = v.with(c[0], c[1]);
        return v;
    }

    private String shortName(String code) {
        return areas.find(code).map(AreaInfo::shortName).orElse(code);
    }

    private String msg(String key, Locale l, Object... args) {
        return messages.getMessage(key, args, key, l);
    }
}
