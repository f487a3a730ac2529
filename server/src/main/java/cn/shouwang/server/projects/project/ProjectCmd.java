package cn.shouwang.server.projects.project;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A project as typed on its form: name, type, area (a county, township or village within the user's area), year, state,
 * the budget by fund source (empty is zero) and a note. {@code version} is the project's version when the form was read.
 */
public record ProjectCmd(
        @NotBlank(message = "{projects.name.required}") @Size(max = 100, message = "{projects.text.size}") String name,
        @NotNull(message = "{projects.type.required}") ProjectType type,
        @NotBlank(message = "{projects.area.required}") @Pattern(regexp = "\\d{12}", message = "{projects.area.required}") String areaCode,
        @NotNull(message = "{projects.year.required}") @Min(value = 2000, message = "{projects.year.range}") @Max(value = 2100, message = "{projects.year.range}") Integer year,
        @NotNull(message = "{projects.state.required}") ProjectState state,
        @Nullable @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal central,
        @Nullable @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal provincial,
        @Nullable @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal city,
        @Nullable @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal county,
        @Nullable @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal other,
        @Nullable @Size(max = 500, message = "{projects.text.size}") String note,
        @Nullable Integer version) {

    /** The fund lines (null as zero). */
    public Map<FundSource, BigDecimal> funds() {
        Map<FundSource, BigDecimal> m = new EnumMap<>(FundSource.class);
        m.put(FundSource.CENTRAL, z(central));
        m.put(FundSource.PROVINCIAL, z(provincial));
        m.put(FundSource.CITY, z(city));
        m.put(FundSource.COUNTY, z(county));
        m.put(FundSource.OTHER, z(other));
        return m;
    }

    public BigDecimal budget() {
        return funds().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal z(@Nullable BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    static ProjectCmd blank(String areaCode, int year) {
        return new ProjectCmd("", null, areaCode, year, ProjectState.PLANNED, null, null, null, null, null, "", null);
    }
}
