package cn.shouwang.server.household;

import cn.shouwang.core.household.AssetKind;
import cn.shouwang.server.access.AreaScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A household's assets beside income (issue 17 point 3; table {@code household_asset}, household V12): entered by hand
 * on the household page, or recorded from the asset warnings of a comparison run (docs/feeds-assets.md). Casework's
 * identification check compares them with the local limits.
 */
public interface HouseholdAssetsApi {

    /**
     * One asset: kind, what it is (plate, certificate, business name, bank; may be empty), value in yuan, registration
     * day if known, source ({@code MANUAL} or the department file's kind) and the comparison period of a department's row.
     */
    record Asset(long id, AssetKind kind, String description, BigDecimal value, @Nullable LocalDate registeredOn,
                 String source, @Nullable String period) {
        public boolean manual() { return "MANUAL".equals(source); }
    }

    /** The household's assets, if the household is within {@code scope} (else none), by kind and value. */
    List<Asset> assets(long householdId, AreaScope scope);

    /** An asset a comparison run found above the limit: the household, kind, what, value, registration day, file, period. */
    record DepartmentAsset(long householdId, AssetKind kind, String description, BigDecimal value,
                           @Nullable LocalDate registeredOn, String source, String period) {}

    /**
     * Records the assets a comparison run found (one batch); a registration already recorded for the household (same
     * file, day and value) is left as it is, so a repeated or later run adds nothing. Returns how many were new.
     */
    int recordFromDepartments(List<DepartmentAsset> rows);
}
