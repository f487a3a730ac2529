package cn.shouwang.server.insurance.policy;

import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;

/** Area names for the pages (the current edition), remembered per request. */
public final class AreaNames {
    private final AreaApi areas;
    private final java.util.Map<String, String> names = new java.util.HashMap<>();

    public AreaNames(AreaApi areas) {
        this.areas = areas;
    }

    public String name(String code) {
        return names.computeIfAbsent(code, c -> areas.find(c).map(AreaInfo::name).orElse(c));
    }

    public String shortName(String code) {
        return names.computeIfAbsent("s" + code, c -> areas.find(code).map(AreaInfo::shortName).orElse(code));
    }
}
