package cn.shouwang.server.casework;

import cn.shouwang.core.casework.AssetCheck;
import cn.shouwang.core.household.AssetKind;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdAssetsApi;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Assets beside income in identification (issue 17 point 3): the local limits per asset kind and the block-or-warn
 * choice, from the comparison settings in force at the village ({@link ComparisonSetting}: one source for the
 * comparison's asset rules and this check), and the household's assets checked against them (core's
 * {@link AssetCheck}).
 */
@Component
public class AssetStandards {
    private final StandardsApi standards;
    private final HouseholdAssetsApi assets;
    private final Clock clock;

    AssetStandards(StandardsApi standards, HouseholdAssetsApi assets, Clock clock) {
        this.standards = standards;
        this.assets = assets;
        this.clock = clock;
    }

    /** The limits in force at an area today, per kind (yuan). */
    public Map<AssetKind, BigDecimal> limits(String areaCode) {
        return limits(standards.comparisonSettings(areaCode, LocalDate.now(clock)));
    }

    private static Map<AssetKind, BigDecimal> limits(List<StandardsApi.SettingInForce> in) {
        Map<AssetKind, BigDecimal> out = new EnumMap<>(AssetKind.class);
        for (StandardsApi.SettingInForce s : in) {
            AssetKind k = switch (s.setting()) {
                case VEHICLE_ASSET_LIMIT -> AssetKind.VEHICLE;
                case PROPERTY_ASSET_LIMIT -> AssetKind.COMMERCIAL_HOUSING;
                case MARKET_ENTITY_ASSET_LIMIT -> AssetKind.BUSINESS;
                case DEPOSIT_LIMIT -> AssetKind.DEPOSIT;
                default -> null;
            };
            if (k != null) out.put(k, new BigDecimal(s.value()));
        }
        return out;
    }

    /** {@link #check(long, String, AreaScope, LocalDate)} today (the lead page). */
    public AssetCheck check(long householdId, String villageCode, AreaScope scope) {
        return check(householdId, villageCode, scope, LocalDate.now(clock));
    }

    /**
     * The household's assets against the limits in force at its village on a day (a decision's own day, 标准调整),
     * and whether a finding refuses identification.
     */
    public AssetCheck check(long householdId, String villageCode, AreaScope scope, LocalDate day) {
        List<StandardsApi.SettingInForce> in = standards.comparisonSettings(villageCode, day);
        boolean blocks = in.stream().anyMatch(s -> s.setting() == ComparisonSetting.ASSETS_ABOVE_LIMIT
                && ComparisonSetting.BLOCK.equals(s.value()));
        List<AssetCheck.Item> items = assets.assets(householdId, scope).stream()
                .map(a -> new AssetCheck.Item(a.kind(), a.description(), a.value())).toList();
        return AssetCheck.run(items, limits(in), blocks);
    }
}
