package cn.shouwang.core.casework;

import cn.shouwang.core.household.RiskType;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One to five distinct risk-type codes, the first the main one (policy.md §3), and the disaster sub-type when
 * NATURAL_DISASTER is among them. Codes are strings because administrators may extend the list.
 */
public record RiskTypes(List<String> codes, @Nullable DisasterSubtype disasterSubtype) {

    public RiskTypes {
        Objects.requireNonNull(codes, "codes");
        codes = List.copyOf(codes);
        CaseworkException.require(!codes.isEmpty() && codes.size() <= 5 && new HashSet<>(codes).size() == codes.size(),
                CaseworkProblem.RISK_TYPES_COUNT, "riskTypes");
    }

    public static RiskTypes of(RiskType... types) {
        return new RiskTypes(java.util.Arrays.stream(types).map(Enum::name).toList(), null);
    }

    public RiskTypes withSubtype(@Nullable DisasterSubtype s) {
        return new RiskTypes(codes, s);
    }

    public String main() {
        return codes.get(0);
    }

    public boolean contains(RiskType t) {
        return codes.contains(t.name());
    }

    /** A code chosen now must be in the list and still active; old records keep deactivated ones. */
    static void requireSelectable(CodeList list, String code) {
        CaseworkException.require(list.find(code).isPresent(), CaseworkProblem.RISK_TYPE_UNKNOWN, "riskTypes");
        CaseworkException.require(list.selectable(code), CaseworkProblem.RISK_TYPE_INACTIVE, "riskTypes");
    }

    /** Every code is selectable in the list; and a natural disaster names its sub-type. */
    void validate(CodeList list) {
        for (String c : codes) requireSelectable(list, c);
        CaseworkException.require(!contains(RiskType.NATURAL_DISASTER) || disasterSubtype != null,
                CaseworkProblem.DISASTER_SUBTYPE_REQUIRED, "disasterSubtype");
    }
}
