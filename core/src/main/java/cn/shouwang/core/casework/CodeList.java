package cn.shouwang.core.casework;

import cn.shouwang.core.household.MonitoringCategory;
import cn.shouwang.core.household.RiskType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A code list an administrator can extend (monitoring categories, risk types): the built-in codes of policy.md
 * plus whatever the server adds. An inactive code stays readable on old records but cannot be chosen again.
 */
public record CodeList(List<Code> codes) {

    public record Code(String code, String chinese, String english, boolean active) {}

    public CodeList {
        codes = List.copyOf(codes);
    }

    public static CodeList categories() {
        List<Code> c = new ArrayList<>();
        c.add(new Code(MonitoringCategory.UNSTABLE_FORMERLY_POOR.name(), "脱贫不稳定户", "Unstable formerly-poor", true));
        c.add(new Code(MonitoringCategory.MARGINAL_AT_RISK.name(), "边缘易致贫户", "Marginal at-risk", true));
        c.add(new Code(MonitoringCategory.SUDDEN_HARDSHIP.name(), "突发严重困难户", "Sudden severe hardship", true));
        return new CodeList(c);
    }

    public static CodeList riskTypes() {
        Map<RiskType, String[]> t = new LinkedHashMap<>();
        t.put(RiskType.ILLNESS, new String[] {"因病", "Illness"});
        t.put(RiskType.DISABILITY, new String[] {"因残", "Disability"});
        t.put(RiskType.SCHOOLING, new String[] {"因学", "Schooling"});
        t.put(RiskType.NATURAL_DISASTER, new String[] {"因自然灾害", "Natural disaster"});
        t.put(RiskType.ACCIDENT, new String[] {"因意外事故", "Accident"});
        t.put(RiskType.INDUSTRY_FAILURE, new String[] {"因产业项目失败", "Failed industry project"});
        t.put(RiskType.UNSTABLE_EMPLOYMENT, new String[] {"因务工就业不稳", "Unstable employment"});
        t.put(RiskType.LACK_OF_LABOUR, new String[] {"缺劳动力", "Lack of labour"});
        t.put(RiskType.UNSAFE_HOUSING, new String[] {"因安全住房", "Unsafe housing"});
        t.put(RiskType.UNSAFE_WATER, new String[] {"因安全饮水", "Unsafe drinking water"});
        t.put(RiskType.OTHER, new String[] {"其他", "Other"});
        List<Code> c = new ArrayList<>();
        t.forEach((k, v) -> c.add(new Code(k.name(), v[0], v[1], true)));
        return new CodeList(c);
    }

    public CodeList with(Code extra) {
        List<Code> c = new ArrayList<>(codes);
        c.removeIf(x -> x.code().equals(extra.code()));
        c.add(extra);
        return new CodeList(c);
    }

    public Optional<Code> find(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** May this code be chosen on a new record? */
    public boolean selectable(String code) {
        return find(code).map(Code::active).orElse(false);
    }
}
