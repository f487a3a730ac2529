package cn.shouwang.core.household;

/**
 * The kinds of household assets considered beside income (issue 17 point 3; names in the message bundles,
 * {@code asset.kind.<CODE>}). Each has a local limit (casework's comparison settings); the three registrations come
 * from department files too (docs/feeds-assets.md), deposits only by hand.
 */
public enum AssetKind {
    /** 车辆: a passenger car registered to a member (公安交管). */
    VEHICLE,
    /** 商品房: commercial housing registered to a member (不动产登记). */
    COMMERCIAL_HOUSING,
    /** 工商登记: an enterprise or individual business of a member (市场监管), by its registered capital. */
    BUSINESS,
    /** 存款: the household's deposits, compared as their sum. */
    DEPOSIT
}
