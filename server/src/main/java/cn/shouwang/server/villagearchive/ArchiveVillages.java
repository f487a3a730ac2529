package cn.shouwang.server.villagearchive;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.core.area.AreaLevel;
import org.springframework.stereotype.Component;

/** The village a request names, if it is a village of the current division list inside the scope (else 404). */
@Component
public class ArchiveVillages {
    private final AreaApi areas;

    ArchiveVillages(AreaApi areas) {
        this.areas = areas;
    }

    public AreaInfo require(String code, AreaScope scope) {
        if (!AreaScope.isAreaCode(code) || !scope.covers(code)) throw new OutOfScopeException("village");
        return areas.find(code).filter(a -> a.level() == AreaLevel.VILLAGE)
                .orElseThrow(() -> new OutOfScopeException("not a village"));
    }
}
