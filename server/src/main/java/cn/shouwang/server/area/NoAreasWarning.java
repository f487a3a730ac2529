package cn.shouwang.server.area;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A first {@code serve} on an empty database has no division codes: no account below the province can be made and
 * no household registered. The log says so at every start until they are imported, and how (the sign-in page says
 * the same, {@code login.noAreas}).
 */
@Component
class NoAreasWarning {
    private static final Logger log = LoggerFactory.getLogger(NoAreasWarning.class);
    private final AreaApi areas;
    private final MessageSource messages;

    NoAreasWarning(AreaApi areas, MessageSource messages) {
        this.areas = areas;
        this.messages = messages;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenEmpty() {
        if (areas.currentEdition().isPresent()) return;
        log.warn("No division codes loaded yet: import them first with `./shouwang import-areas <divisions.csv>` "
                + "(columns code,name,level,parent_code; docs/operations.md, Areas) or at /areas/import as the province "
                + "administrator. {}", messages.getMessage("login.noAreas", null, Locale.SIMPLIFIED_CHINESE));
    }
}
