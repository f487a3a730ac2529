package cn.shouwang.server.employment.jobs;

import cn.shouwang.server.casework.MeasureBackingApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The jobs behind a monitored household's 公益岗位 / 就业帮扶 measures, for its page. */
@Component
class JobBackings implements MeasureBackingApi {
    private final Jobs jobs;
    private final MessageSource messages;

    JobBackings(Jobs jobs, MessageSource messages) {
        this.jobs = jobs;
        this.messages = messages;
    }

    @Override
    public Map<Long, List<Backing>> backings(long householdId) {
        Map<Long, List<Backing>> out = new HashMap<>();
        // the caller has checked the household's scope: every one of its jobs may be shown
        for (Jobs.Job j : jobs.backingMeasures(householdId)) {
            if (j.measureId() == null) continue;
            String text = messages.getMessage("employment.backing", new Object[] {j.post(), j.monthlyPay().toPlainString(),
                    j.startOn().toString(), j.endOn() == null ? "" : j.endOn().toString()}, LocaleContextHolder.getLocale());
            out.computeIfAbsent(j.measureId(), k -> new ArrayList<>())
                    .add(new Backing("nav.employment", text, "/employment/jobs/" + j.id()));
        }
        return out;
    }
}
