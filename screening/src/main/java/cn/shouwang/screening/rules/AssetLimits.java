package cn.shouwang.screening.rules;

import java.io.Serializable;
import java.util.Set;

/**
 * The local asset limits of the three asset rules (issue 17 point 3, docs/feeds-assets.md): a registration counts when
 * its type is among the types and its value is above the limit (strictly: a value equal to the limit does not count).
 * Amounts in fen.
 */
public record AssetLimits(long vehicleLimit, Set<String> vehicleTypes, long propertyLimit, Set<String> propertyTypes,
                          long marketEntityLimit, Set<String> marketEntityTypes) implements Serializable {

    public AssetLimits {
        vehicleTypes = Set.copyOf(vehicleTypes);
        propertyTypes = Set.copyOf(propertyTypes);
        marketEntityTypes = Set.copyOf(marketEntityTypes);
    }

    /** docs/feeds-assets.md's defaults: a passenger car above 50,000 yuan, any commercial housing, an enterprise or
     * individual business registered with more than 100,000 yuan. */
    public static AssetLimits defaults() {
        return new AssetLimits(50_000_00, Set.of("PASSENGER_CAR"), 0, Set.of("COMMERCIAL_HOUSING"),
                100_000_00, Set.of("ENTERPRISE", "INDIVIDUAL_BUSINESS"));
    }

    public AssetLimits withLimits(long vehicle, long property, long marketEntity) {
        return new AssetLimits(vehicle, vehicleTypes, property, propertyTypes, marketEntity, marketEntityTypes);
    }
}
