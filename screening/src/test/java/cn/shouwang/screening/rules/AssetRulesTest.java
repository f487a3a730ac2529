package cn.shouwang.screening.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.household.RiskType;
import cn.shouwang.screening.feed.FeedKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The asset rules of docs/feeds-assets.md at their limits, through the evaluator both engines share. */
class AssetRulesTest {
    static final long A = RulesTest.A;

    static RulesTest.H vehicle(String value) {
        RulesTest.H h = new RulesTest.H().member(A);
        h.row(FeedKind.VEHICLE_REGISTRATIONS, 2, A, RulesTest.day("2023-01-01"), RulesTest.yuan(value), 0, "PASSENGER_CAR");
        return h;
    }

    @Test void aboveTheLimitOnlyStrictly() {
        assertThat(vehicle("50000").fired()).isEmpty();
        assertThat(vehicle("49999.99").fired()).isEmpty();
        assertThat(vehicle("50000.01").fired()).containsExactly("VEHICLE_ASSET@" + A + ":2");
    }

    @Test void aLocalLimitFromTheRulesFile() throws Exception {
        RulesTest.H h = vehicle("60000");
        h.rules = RulesFile.parse("vehicle_asset:\n  limit: 60000\n");
        assertThat(h.fired()).isEmpty();
        h.rules = RulesFile.parse("vehicle_asset:\n  limit: 59999.99\n  types: [PASSENGER_CAR, TRUCK]\n");
        assertThat(h.fired()).containsExactly("VEHICLE_ASSET@" + A + ":2");
        assertThat(h.rules.assets().vehicleTypes()).isEqualTo(Set.of("PASSENGER_CAR", "TRUCK"));
        assertThatThrownBy(() -> RulesFile.parse("property_asset:\n  limit: -1\n"))
                .hasMessageContaining("property_asset.limit");
    }

    @Test void notSuppressedForAMonitoredHousehold() {
        RulesTest.H h = vehicle("80000").monitored(true, RiskType.ILLNESS);
        assertThat(h.fired()).containsExactly("VEHICLE_ASSET@" + A + ":2");
    }

    @Test void endedOrLaterOrOtherTypesDoNotCount() {
        RulesTest.H h = new RulesTest.H().member(A);
        h.row(FeedKind.PROPERTY_REGISTRATIONS, 2, A, RulesTest.day("2020-01-01"), RulesTest.yuan("300000"), 1, "COMMERCIAL_HOUSING");
        h.row(FeedKind.PROPERTY_REGISTRATIONS, 3, A, RulesTest.day("2024-07-01"), RulesTest.yuan("300000"), 0, "COMMERCIAL_HOUSING");
        h.row(FeedKind.PROPERTY_REGISTRATIONS, 4, A, RulesTest.day("2020-01-01"), RulesTest.yuan("300000"), 0, "SELF_BUILT");
        h.row(FeedKind.MARKET_ENTITIES, 5, A, RulesTest.day("2020-01-01"), RulesTest.yuan("900000"), 0, "COOPERATIVE");
        assertThat(h.fired()).isEmpty();
        h.row(FeedKind.PROPERTY_REGISTRATIONS, 6, A, RulesTest.day("2024-06-30"), RulesTest.yuan("0.01"), 0, "COMMERCIAL_HOUSING");
        h.row(FeedKind.MARKET_ENTITIES, 7, A, RulesTest.day("2020-01-01"), RulesTest.yuan("100000.01"), 0, "INDIVIDUAL_BUSINESS");
        assertThat(h.fired()).containsExactly("MARKET_ENTITY_ASSET@" + A + ":7", "PROPERTY_ASSET@" + A + ":6");
    }

    @Test void switchedOffOrFileAbsent() {
        RulesTest.H off = vehicle("80000");
        off.rules = RulesConfig.defaults().withAssets(AssetLimits.defaults());
        java.util.EnumSet<Rule> enabled = java.util.EnumSet.copyOf(off.rules.enabled());
        enabled.remove(Rule.VEHICLE_ASSET);
        off.rules = new RulesConfig(enabled, 5_000_00, 20_000_00, Share.of("0.5"), Set.of("C", "D"), 6, 15, 10_000_00,
                Set.of("SENIOR", "VOCATIONAL"), Set.of("1", "2"), 16, 59, 5_000_00, Share.of("0.3"), Share.of("0.5"),
                Set.of("TEMPORARY_RELIEF"), 6_700_00, java.util.Map.of());
        assertThat(off.fired()).isEmpty();
        RulesTest.H absent = vehicle("80000");
        absent.present.remove(FeedKind.VEHICLE_REGISTRATIONS);
        assertThat(absent.fired()).isEmpty();
    }
}
