package cn.shouwang.server.socialassistance;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.platform.VillageFigures;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.payments.AssistancePaymentStore;
import cn.shouwang.server.socialassistance.registry.SocialList;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The village page's lines of social assistance: households per layer, running grants, paid in the year. */
@Component
class SocialVillageFigures implements VillageFigures {
    private static final String GROUP = "nav.socialAssistance";

    private final SocialList list;
    private final AssistancePaymentStore payments;
    private final MonitoredLayer monitoring;
    private final Clock clock;

    SocialVillageFigures(SocialList list, AssistancePaymentStore payments, MonitoredLayer monitoring, Clock clock) {
        this.list = list;
        this.payments = payments;
        this.monitoring = monitoring;
        this.clock = clock;
    }

    @Override
    public List<Figure> villageFigures(String villageCode, int year) {
        AreaScope village = new AreaScope(villageCode);
        LocalDate today = LocalDate.now(clock);
        String link = "/social-assistance?area=" + villageCode;
        List<Figure> out = new ArrayList<>();
        Map<Layer, Long> layers = list.layerCounts(village, today);
        for (Layer l : Layer.values()) {
            Long n = layers.get(l);
            if (n != null && n > 0) {
                out.add(new Figure(GROUP, "socialassistance.figure.layer." + l, String.valueOf(n),
                        link + "&layer=" + l));
            }
        }
        int monitored = monitoring.monitored(village).size();
        if (monitored > 0) out.add(new Figure(GROUP, "socialassistance.figure.layer.MONITORED", String.valueOf(monitored), "/monitored"));
        SocialList.GrantFigures g = list.grantFigures(village, today);
        if (g.grants() > 0) {
            out.add(new Figure(GROUP, "socialassistance.figure.grants", String.valueOf(g.grants()), link));
            out.add(new Figure(GROUP, "socialassistance.figure.monthly", g.monthly().toPlainString(), link));
        }
        Object[] paid = payments.paidInYear(villageCode, year);
        if ((long) paid[0] > 0) {
            out.add(new Figure(GROUP, "socialassistance.figure.paidInYear", Sa.yuan((BigDecimal) paid[1]).toPlainString(),
                    "/social-assistance/payments?area=" + villageCode));
        }
        return out;
    }
}
