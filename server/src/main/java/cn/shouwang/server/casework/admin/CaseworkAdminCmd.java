package cn.shouwang.server.casework.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The 系统管理 forms for code lists, income lines and casework settings. Bean Validation catches what is missing
 * or malformed; {@link CaseworkAdmin} checks the rest (unique codes, real areas, dates, ranges against each other)
 * and the versions. Messages are keys in i18n/casework*.properties.
 */
public final class CaseworkAdminCmd {
    private CaseworkAdminCmd() {}

    /** A new code in a list; the code itself never changes afterwards (records refer to it). */
    public record NewCode(
            @NotBlank(message = "{admin.code.code.required}")
            @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "{admin.code.code.pattern}")
            @Size(max = 40, message = "{admin.code.code.size}") String code,
            @NotBlank(message = "{admin.code.nameZh.required}") @Size(max = 40, message = "{admin.code.name.size}")
            String nameZh,
            @NotBlank(message = "{admin.code.nameEn.required}") @Size(max = 60, message = "{admin.code.name.size}")
            String nameEn,
            @NotBlank(message = "{admin.code.sort.required}") @Pattern(regexp = SORT, message = "{admin.code.sort.range}")
            String sort) {
        public static NewCode empty(int nextSort) {
            return new NewCode("", "", "", String.valueOf(nextSort));
        }
    }

    /** 1 to 9999; numbers typed as text, so that a form with letters in it comes back as typed. */
    static final String SORT = "\\s*[1-9]\\d{0,3}\\s*";

    /** Rename and reorder an existing code. */
    public record EditCode(
            @NotBlank(message = "{admin.code.nameZh.required}") @Size(max = 40, message = "{admin.code.name.size}")
            String nameZh,
            @NotBlank(message = "{admin.code.nameEn.required}") @Size(max = 60, message = "{admin.code.name.size}")
            String nameEn,
            @NotBlank(message = "{admin.code.sort.required}") @Pattern(regexp = SORT, message = "{admin.code.sort.range}")
            String sort,
            int version) {}

    /**
     * The monitoring line of one area (province, city or county) and year, in yuan per person per year. Year and
     * line are text as typed; {@link CaseworkAdmin#checkLine} reads them.
     */
    public record IncomeLine(
            @NotBlank(message = "{admin.line.area.required}") @Pattern(regexp = "\\s*\\d{12}\\s*", message = "{admin.line.area.pattern}")
            String areaCode,
            @NotBlank(message = "{admin.line.year.required}") @Pattern(regexp = "\\s*\\d{4}\\s*", message = "{admin.line.year.pattern}")
            String year,
            @NotBlank(message = "{admin.line.line.required}")
            @Pattern(regexp = "\\s*[-+]?\\d+(\\.\\d*)?\\s*", message = "{admin.line.line.number}") String line,
            // 标准调整: the day the figure takes effect, why, and the approving document (optional)
            @NotBlank(message = "{admin.line.effectiveFrom.required}") String effectiveFrom,
            @NotBlank(message = "{admin.line.reason.required}") @Size(max = 500, message = "{text.size}") String reason,
            @Nullable @Size(max = 200, message = "{text.size}") String document,
            @Nullable Integer version) {
        public static IncomeLine empty(String areaCode, int year, java.time.LocalDate today) {
            return new IncomeLine(areaCode, String.valueOf(year), "", today.toString(), "", "", null);
        }

        String area() {
            return areaCode.strip();
        }
    }

    /**
     * Every casework setting, numbers as typed ({@link CaseworkAdmin#checkSettings} reads and bounds them).
     * {@code fingerprint} identifies the values the form was read from: a save over values changed meanwhile is
     * refused.
     */
    public record Settings(
            @NotBlank(message = "{admin.setting.required}") String leadDeadlineDays,
            @NotBlank(message = "{admin.setting.required}") @Pattern(regexp = "CALENDAR|WORKING_DAYS",
                    message = "{admin.setting.required}") String dayCounting,
            @NotBlank(message = "{admin.setting.required}") String dueSoonDays,
            @NotBlank(message = "{admin.setting.required}") String minNoticeDays,
            @NotBlank(message = "{admin.setting.required}") String eliminationMinMonths,
            @NotBlank(message = "{admin.setting.required}") String stableIncomeMonths,
            @NotBlank(message = "{admin.setting.required}") String minIncomeChecks,
            @Nullable Boolean showMainRiskOnNotice,
            @Nullable @Size(max = 20000) String holidays,
            @Nullable @Size(max = 20000) String makeUpWorkingDays,
            @Nullable List<String> autoIntakeRules,
            @Nullable String warningReturnPercent,
            @Nullable String recheckMonths,
            @NotBlank String fingerprint) {

        public List<String> autoIntakeRulesOrEmpty() {
            return autoIntakeRules == null ? new ArrayList<>() : autoIntakeRules;
        }
    }

    /**
     * The settings one city or county sets for itself (those that may differ per area). A blank number, or
     * {@code autoIntakeRulesOwn} false, means "as the nearest area above sets it, else province-wide".
     * {@code fingerprint} identifies the area's own values the form was read from.
     */
    public record AreaSettings(
            @Nullable String leadDeadlineDays,
            @Nullable String minNoticeDays,
            @Nullable String eliminationMinMonths,
            @Nullable String stableIncomeMonths,
            @Nullable String minIncomeChecks,
            @Nullable Boolean autoIntakeRulesOwn,
            @Nullable List<String> autoIntakeRules,
            @Nullable String recheckMonths,
            @NotBlank String fingerprint) {

        public List<String> autoIntakeRulesOrEmpty() {
            return autoIntakeRules == null ? new ArrayList<>() : autoIntakeRules;
        }

        boolean ownRules() {
            return Boolean.TRUE.equals(autoIntakeRulesOwn);
        }
    }

    /**
     * The office phone of a village committee or township government: a landline with its area code (0434-1234567,
     * an extension after a second hyphen) or an 11-digit mobile. {@code version} is null while the area has none.
     */
    public record OfficePhone(
            @NotBlank(message = "{admin.contact.phone.required}")
            @Pattern(regexp = PHONE, message = "{admin.contact.phone.pattern}") String officePhone,
            @Nullable Integer version) {
        String phone() {
            return officePhone.strip();
        }
    }

    /** 0434-1234567 (area code 3 or 4 digits, number 7 or 8, optional extension) or 13812345678. */
    static final String PHONE = "\\s*(0\\d{2,3}-\\d{7,8}(-\\d{1,6})?|1[3-9]\\d{9})\\s*";
}
