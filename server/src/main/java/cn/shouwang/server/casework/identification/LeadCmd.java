package cn.shouwang.server.casework.identification;

import cn.shouwang.core.casework.Decision;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationMethod;
import cn.shouwang.core.casework.LeadChannel;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.server.casework.shared.Amount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The casework forms (and API bodies). Bean Validation catches what is missing or malformed; the core domain
 * decides everything else (state, role, area, maker-checker, dates, income, notice length). Each step form
 * carries the case's version, so a step on a case changed meanwhile is refused instead of overwriting.
 * Messages are keys in i18n/casework*.properties.
 */
public final class LeadCmd {
    private LeadCmd() {}

    public static boolean yes(@Nullable Boolean b) {
        return b != null && b;
    }

    public record Open(
            @NotBlank(message = "{casework.householdNo.required}") @Size(max = 40, message = "{text.size}") String householdNo,
            @NotNull(message = "{casework.channel.required}") LeadChannel channel,
            @NotBlank(message = "{casework.description.required}") @Size(max = 500, message = "{casework.description.size}")
            String description,
            @Nullable List<String> riskCodes,
            // made by the form when it opens (static/js/offline.js): a retried POST finds the lead it stored
            @Nullable @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                    message = "{casework.clientKey.invalid}") String clientKey) {
        public static Open empty() {
            return new Open("", LeadChannel.FIELD_SCREENING, "", new ArrayList<>(), null);
        }

        /** The form of a household chosen on its page (走访 household card): its number filled in. */
        public static Open forHousehold(String householdNo) {
            return new Open(householdNo, LeadChannel.FIELD_SCREENING, "", new ArrayList<>(), null);
        }

        public java.util.@Nullable UUID key() {
            return clientKey == null || clientKey.isBlank() ? null : java.util.UUID.fromString(clientKey);
        }
    }

    public record Verify(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotBlank(message = "{casework.findings.required}") @Size(max = 2000, message = "{text.size}") String findings,
            @Amount BigDecimal wages,
            @Amount BigDecimal business,
            @Amount BigDecimal property,
            @Amount BigDecimal transfers,
            @Amount BigDecimal productionCosts,
            @Amount BigDecimal eligibleOutOfPocket,
            @NotNull(message = "{casework.householdSize.required}") @Min(value = 1, message = "{casework.householdSize.required}")
            @Max(value = 30, message = "{casework.householdSize.required}") Integer householdSize,
            @Nullable Boolean housingUnsafe, @Nullable Boolean childOutOfSchool, @Nullable Boolean waterUnsafe,
            @Nullable Boolean memberUninsured,
            @NotBlank(message = "{casework.mainRisk.required}") String mainRisk,
            @Nullable List<String> otherRisks,
            @Nullable DisasterSubtype disasterSubtype,
            // required where categories are open for new identifications: the core decides (标准调整 of categories)
            @Nullable String category,
            @Nullable Boolean rigidCostsResolved,
            @Nullable Boolean consentSigned,
            @Nullable EliminationMethod eliminationMethod,
            int version) {

        /** Main risk first, then the others in the list's order, without repeating the main one. */
        public List<String> riskCodes() {
            List<String> all = new ArrayList<>();
            all.add(mainRisk);
            if (otherRisks != null) otherRisks.stream().filter(r -> !r.equals(mainRisk) && !r.isBlank()).forEach(all::add);
            return all;
        }

        /**
         * The form started from what the registry knows: the latest itemised income year and the active members, for
         * the monitor to check on the visit and correct (a routine verification is then a few changes, not 3,000 px of
         * typing).
         */
        public static Verify prefilled(LocalDate today, int version, int activeMembers,
                                       cn.shouwang.server.household.Views.@Nullable Income income) {
            return new Verify(today, "", income == null ? null : income.wages(), income == null ? null : income.business(),
                    income == null ? null : income.property(), income == null ? null : income.transfers(),
                    income == null ? null : income.productionCosts(), income == null ? null : income.eligibleOutOfPocket(),
                    activeMembers > 0 ? activeMembers : null, false, false, false, false, "", new ArrayList<>(), null, "",
                    false, false, null, version);
        }

        public static Verify empty(LocalDate today, int version) {
            return new Verify(today, "", null, null, null, null, null, null, null, false, false, false, false, "",
                    new ArrayList<>(), null, "", false, false, null, version);
        }
    }

    /** 收入核查 of a monitored household: the verification's income and guarantee fields, without risks or consent. */
    public record HomeCheckForm(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotBlank(message = "{casework.findings.required}") @Size(max = 2000) String findings,
            @Amount BigDecimal wages,
            @Amount BigDecimal business,
            @Amount BigDecimal property,
            @Amount BigDecimal transfers,
            @Amount BigDecimal productionCosts,
            @Amount BigDecimal eligibleOutOfPocket,
            @NotNull(message = "{casework.householdSize.required}") @Min(value = 1, message = "{casework.householdSize.required}")
            @Max(value = 30, message = "{casework.householdSize.required}") Integer householdSize,
            @Nullable Boolean housingUnsafe, @Nullable Boolean childOutOfSchool, @Nullable Boolean waterUnsafe,
            @Nullable Boolean memberUninsured, @Nullable Boolean rigidCostsResolved) {
        public static HomeCheckForm empty(LocalDate today) {
            return new HomeCheckForm(today, "", null, null, null, null, null, null, null, false, false, false, false, false);
        }
    }

    public record CrossCheck(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @Nullable Boolean discrepancies, @Size(max = 2000, message = "{text.size}") String findings, int version) {
        public static CrossCheck empty(LocalDate today, int version) {
            return new CrossCheck(today, false, "", version);
        }
    }

    public record Review(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotNull(message = "{casework.review.result.required}") Boolean passed,
            @NotNull(message = "{casework.present.required}") @Min(value = 1, message = "{casework.present.required}")
            Integer present,
            @Size(max = 2000, message = "{text.size}") String notes, int version) {
        public static Review empty(LocalDate today, int version) {
            return new Review(today, true, null, "", version);
        }
    }

    public record Notice(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @NotBlank(message = "{casework.batch.required}") @Size(max = 60, message = "{text.size}") String batch, int version) {
        public static Notice empty(LocalDate today, int days, String batch, int version) {
            return new Notice(today, today.plusDays(days - 1L), batch, version);
        }
    }

    public record CloseNotice(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotNull(message = "{casework.objections.required}") @Min(value = 0, message = "{casework.objections.required}")
            Integer objections,
            @Size(max = 2000, message = "{text.size}") String objectionNotes, int version) {
        public static CloseNotice empty(LocalDate today, int version) {
            return new CloseNotice(today, 0, "", version);
        }
    }

    /** The township's review or the county's confirmation. */
    public record DecisionForm(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotNull(message = "{casework.decision.required}") Decision decision,
            @Size(max = 1000, message = "{text.size}") String reason, int version) {
        public static DecisionForm empty(LocalDate today, int version) {
            return new DecisionForm(today, Decision.APPROVE, "", version);
        }
    }

    /** Rejection at any step, and the disaster fast track: a day and a reason. */
    public record Reason(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotBlank(message = "{casework.reason.required}") @Size(max = 1000, message = "{text.size}") String reason, int version) {
        public static Reason empty(LocalDate today, int version) {
            return new Reason(today, "", version);
        }
    }

    public record SelfReport(
            @NotBlank(message = "{casework.self.name.required}") @Size(max = 20, message = "{casework.self.name.size}")
            String name,
            @NotBlank(message = "{casework.self.phone.required}")
            @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}", message = "{casework.self.phone.pattern}") String phone,
            @NotBlank(message = "{casework.self.idNumber.required}") String idNumber,
            @Nullable String kind,
            @Size(max = 300, message = "{casework.description.size}") String description,
            @Nullable String answer,
            /** a honeypot field that people never see (hidden by CSS); robots fill it in */
            @Nullable String website) {
        public static SelfReport empty() {
            return new SelfReport("", "", "", "", "", "", "");
        }
    }

    public record MeasureForm(
            @NotNull(message = "{casework.measure.group.required}") MeasureGroup group,
            @NotBlank(message = "{casework.description.required}") @Size(max = 500, message = "{text.size}") String description,
            @NotBlank(message = "{casework.measure.responsible.required}") @Size(max = 40, message = "{text.size}") String responsiblePerson,
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start,
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate end,
            @Amount BigDecimal cost,
            @NotBlank(message = "{casework.measure.funding.required}") @Size(max = 60, message = "{text.size}") String fundingSource) {
        public static MeasureForm empty(LocalDate today) {
            return new MeasureForm(null, "", "", today, today.plusMonths(6), null, "");
        }
    }

    public record MeasureMove(
            @NotNull MeasureState target,
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            int version) {}

    public record Officer(
            @NotBlank(message = "{casework.officer.name.required}") @Size(max = 20, message = "{text.size}") String name,
            @NotBlank(message = "{casework.officer.unit.required}") @Size(max = 60, message = "{text.size}") String unit,
            @NotBlank(message = "{casework.self.phone.required}")
            @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}", message = "{casework.self.phone.pattern}") String phone,
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            int version) {
        public static Officer empty(LocalDate today, int version) {
            return new Officer("", "", "", today, version);
        }
    }

    /**
     * 调整监测类别和风险类型 of a monitored household: the risk types as the verification form takes them (main first,
     * then the others), the day, a reason and the version the form was read at.
     */
    public record Reclassify(
            @NotNull(message = "{casework.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotBlank(message = "{casework.category.required}") String category,
            @NotBlank(message = "{casework.mainRisk.required}") String mainRisk,
            @Nullable List<String> otherRisks,
            @Nullable DisasterSubtype disasterSubtype,
            @NotBlank(message = "{casework.reason.required}") @Size(max = 1000, message = "{text.size}") String reason,
            int version) {

        /** Main risk first, then the others in the list's order, without repeating the main one. */
        public List<String> riskCodes() {
            List<String> all = new ArrayList<>();
            all.add(mainRisk);
            if (otherRisks != null) otherRisks.stream().filter(r -> !r.equals(mainRisk) && !r.isBlank()).forEach(all::add);
            return all;
        }

        /** The form as first shown: the household's current values. */
        public static Reclassify of(cn.shouwang.core.casework.MonitoredHousehold m, LocalDate today, int version) {
            List<String> codes = m.riskTypes().codes();
            return new Reclassify(today, m.category(), codes.get(0), new ArrayList<>(codes.subList(1, codes.size())),
                    m.riskTypes().disasterSubtype(), "", version);
        }
    }
}
