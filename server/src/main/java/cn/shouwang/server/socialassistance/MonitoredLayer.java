package cn.shouwang.server.socialassistance;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.CaseworkApi;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The 防止返贫致贫对象 layer, read from casework each time (never copied): the households of an area that are monitored
 * now (status MONITORED; a household whose risk was eliminated has left the layer), with the month identified.
 */
@Component
public class MonitoredLayer {
    private final CaseworkApi casework;

    MonitoredLayer(CaseworkApi casework) {
        this.casework = casework;
    }

    /** Household id → month identified (YYYY-MM), for the households monitored now in the area. */
    public Map<Long, String> monitored(AreaScope scope) {
        Map<Long, String> out = new HashMap<>();
        casework.monitoredForScreening(scope, (id, category, risks, month, still) -> {
            if (still) out.put(id, month);
        });
        return out;
    }
}
