package cn.shouwang.server.socialassistance;

import cn.shouwang.server.casework.MeasureBackingApi;
import cn.shouwang.server.socialassistance.registry.AssistanceGrantStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The grants behind a household's 综合保障 measures, shown under each measure on the monitored household's page. */
@Component
class SocialMeasureBacking implements MeasureBackingApi {
    private final AssistanceGrantStore grants;
    private final MessageSource messages;

    SocialMeasureBacking(AssistanceGrantStore grants, MessageSource messages) {
        this.grants = grants;
        this.messages = messages;
    }

    @Override
    public Map<Long, List<Backing>> backings(long householdId) {
        Map<Long, List<Backing>> out = new LinkedHashMap<>();
        var locale = LocaleContextHolder.getLocale();
        for (AssistanceGrantStore.GrantRow g : grants.backing(householdId)) {
            String text = messages.getMessage("socialassistance.backing",
                    new Object[] {messages.getMessage("socialassistance.kind." + g.kind(), null, locale), g.recipientName(),
                            g.amount().toPlainString(),
                            messages.getMessage("socialassistance.frequency." + g.frequency(), null, locale)}, locale);
            out.computeIfAbsent(g.measureId(), k -> new ArrayList<>())
                    .add(new Backing("nav.socialAssistance", text, "/social-assistance/households/" + householdId));
        }
        return out;
    }
}
