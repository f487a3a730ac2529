package cn.shouwang.core.casework;

import cn.shouwang.core.household.AssetKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assets beside income (issue 17 point 3): which of a household's assets are above the local limits, a reason against
 * identification. A vehicle, a commercial housing or a business counts each on its own; deposits count as their sum.
 * "Above" is strict: a value equal to the limit does not count. Whether a finding refuses the county's confirmation or
 * is only shown is a local setting ({@code blocks}).
 *
 * @param above  the assets above their limit (deposits: one finding with the sum)
 * @param blocks whether the local setting makes a finding refuse identification
 */
public record AssetCheck(List<Finding> above, boolean blocks) {

    /** One asset: its kind, what it is (plate, certificate, name; may be empty), its value in yuan. */
    public record Item(AssetKind kind, String description, BigDecimal value) {}

    /** An asset above its limit: the kind, what (for deposits: empty), the value (deposits: the sum), the limit. */
    public record Finding(AssetKind kind, String description, BigDecimal value, BigDecimal limit) {}

    public static AssetCheck run(List<Item> assets, Map<AssetKind, BigDecimal> limits, boolean blocks) {
        List<Finding> out = new ArrayList<>();
        BigDecimal deposits = BigDecimal.ZERO;
        boolean anyDeposit = false;
        for (Item a : assets) {
            if (a.kind() == AssetKind.DEPOSIT) {
                deposits = deposits.add(a.value());
                anyDeposit = true;
                continue;
            }
            BigDecimal limit = limits.get(a.kind());
            if (limit != null && a.value().compareTo(limit) > 0) {
                out.add(new Finding(a.kind(), a.description(), a.value(), limit));
            }
        }
        BigDecimal depositLimit = limits.get(AssetKind.DEPOSIT);
        if (anyDeposit && depositLimit != null && deposits.compareTo(depositLimit) > 0) {
            out.add(new Finding(AssetKind.DEPOSIT, "", deposits, depositLimit));
        }
        return new AssetCheck(List.copyOf(out), blocks);
    }

    /** Whether the county's confirmation of an identification is refused. */
    public boolean refuses() { return blocks && !above.isEmpty(); }
}
