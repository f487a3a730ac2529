package cn.shouwang.server.socialassistance;

import cn.shouwang.server.area.AreaApi;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Area names of the current edition and texts of the bundle in the request's language. */
@Component
public class SocialTexts {
    private final AreaApi areas;
    private final MessageSource messages;

    /** The area in words for a list's heading (梨树县 孤家子镇). */
    public String path(String code) {
        return areas.pathName(code);
    }

    SocialTexts(AreaApi areas, MessageSource messages) {
        this.areas = areas;
        this.messages = messages;
    }

    public Map<String, String> areas(Collection<String> codes) {
        if (codes.isEmpty()) return Map.of();
        return areas.currentEdition().map(e -> areas.names(e.id(), codes)).orElseGet(HashMap::new);
    }

    public String area(String code) {
        return areas.find(code).map(a -> a.name()).orElse(code);
    }

    public String msg(String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, key, LocaleContextHolder.getLocale());
    }
}
