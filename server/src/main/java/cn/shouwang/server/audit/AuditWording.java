package cn.shouwang.server.audit;

import cn.shouwang.server.access.AccountNamesApi;
import cn.shouwang.server.access.AreaLookup;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The audit page in words: who by name (公众自报 for the public self-report form, 系统 for the server itself), the
 * action's label, the area's name, 本机 for the server's own address, and each change as a sentence with its field's
 * label and readable values (role, department and area names, yes/no). Everything from the bundles.
 */
@Component
class AuditWording {
    /** A row as the page shows it. */
    record Row(long id, OffsetDateTime at, String who, String actionKey, String action, @Nullable Long householdId,
               String area, String from, List<String> sentences) {}

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1", "local");

    private final MessageSource messages;
    private final AccountNamesApi accounts;
    private final AreaLookup areas;
    private final DetailWording details;

    AuditWording(MessageSource messages, AccountNamesApi accounts, AreaLookup areas, List<AuditCodeNamesApi> codeNames) {
        this.messages = messages;
        this.accounts = accounts;
        this.areas = areas;
        this.details = new DetailWording(messages, codeNames,
                code -> areas.names(Set.of(code)).getOrDefault(code, code));
    }

    List<Row> rows(List<AuditController.Entry> entries, Map<Long, List<AuditApi.Change>> changes) {
        Set<String> usernames = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (AuditController.Entry e : entries) {
            usernames.add(e.username());
            // the account an account event is about ("account NAME …")
            if (e.detail() != null && e.detail().startsWith("account ")) {
                String rest = e.detail().substring("account ".length());
                usernames.add(rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest);
            }
            if (e.areaCode() != null) codes.add(e.areaCode().strip());
            for (AuditApi.Change c : changes.getOrDefault(e.id(), List.of())) {
                if ("areaCode".equals(c.field())) {
                    if (c.old() != null) codes.add(c.old());
                    if (c.now() != null) codes.add(c.now());
                }
            }
        }
        Map<String, String> names = accounts.displayNames(usernames);
        Map<String, String> areaNames = codes.isEmpty() ? Map.of() : areas.names(codes);
        Locale locale = LocaleContextHolder.getLocale();
        List<Row> rows = new ArrayList<>(entries.size());
        for (AuditController.Entry e : entries) {
            List<String> sentences = new ArrayList<>();
            String detail = detail(e, names, locale);
            if (detail != null) sentences.add(detail);
            for (AuditApi.Change c : changes.getOrDefault(e.id(), List.of())) sentences.add(change(c, areaNames, locale));
            String actionKey = "audit.action." + e.action();
            rows.add(new Row(e.id(), e.at(), who(e, names, locale), actionKey,
                    messages.getMessage(actionKey, null, e.action(), locale), e.householdId(),
                    e.areaCode() == null ? "" : areaNames.getOrDefault(e.areaCode().strip(), e.areaCode()),
                    from(e.ip(), locale), sentences));
        }
        return rows;
    }

    String who(AuditController.Entry e, Map<String, String> names, Locale locale) {
        String u = e.username();
        if ("anonymousUser".equals(u)) return msg("audit.who.public", locale);
        if ("system".equals(u)) return msg("audit.who.system", locale);
        String display = names.get(u);
        if (display != null) return msg("audit.who.account", locale, display, u);
        if (e.accountId() == null && e.action().equals(AuditAction.SIGN_IN_FAILED.name())) {
            return msg("audit.who.triedName", locale, u);
        }
        return u;
    }

    String from(@Nullable String ip, Locale locale) {
        if (ip == null || ip.isBlank()) return "";
        return LOOPBACK.contains(ip) ? msg("audit.from.local", locale) : ip;
    }

    /**
     * Account events carry "account NAME[ REST]" (REST: a token's name, or "all:N:REASON" for tokens revoked with a
     * change): a sentence; any other detail is worded by {@link DetailWording} (as recorded when it knows no form).
     */
    @Nullable String detail(AuditController.Entry e, Map<String, String> names, Locale locale) {
        String d = e.detail();
        if (d == null || d.isBlank()) return null;
        if (!d.startsWith("account ")) return details.word(e.action(), d, locale);
        String rest = d.substring("account ".length());
        int space = rest.indexOf(' ');
        String username = space < 0 ? rest : rest.substring(0, space);
        String extra = space < 0 ? null : rest.substring(space + 1);
        String display = names.get(username);
        String account = display == null ? username : msg("audit.who.account", locale, display, username);
        if (extra == null) return msg("audit.detail.account", locale, account);
        if (extra.startsWith("all:")) {
            String[] parts = extra.split(":", 3);
            String reason = parts.length > 2 ? msg("audit.detail.tokensRevoked." + parts[2], locale) : "";
            return msg("audit.detail.tokensRevoked", locale, account, parts.length > 1 ? parts[1] : "", reason);
        }
        return msg("audit.detail.token", locale, account, extra);
    }

    /** A recorded detail (not an account event's) in words; as recorded when its form is unknown. */
    String detailWords(String action, String detail, Locale locale) {
        return details.word(action, detail, locale);
    }

    String change(AuditApi.Change c, Map<String, String> areaNames, Locale locale) {
        // "active:NAME" (a class list's entry): the field's label, then the entry's name
        int colon = c.field().indexOf(':');
        String name = colon < 0 ? c.field() : c.field().substring(0, colon);
        String field = messages.getMessage("audit.field." + name, null, name, locale)
                + (colon < 0 ? "" : msg("audit.field.of", locale, c.field().substring(colon + 1)));
        String old = value(c.field(), c.old(), areaNames, locale);
        String now = value(c.field(), c.now(), areaNames, locale);
        if (c.old() == null) return msg("audit.change.set", locale, field, now);
        return msg("audit.change", locale, field, old, now);
    }

    String value(String field, @Nullable String v, Map<String, String> areaNames, Locale locale) {
        if (v == null || v.isEmpty()) return msg("audit.value.empty", locale);
        return switch (field) {
            case "role" -> messages.getMessage("role." + v, null, v, locale);
            case "department" -> messages.getMessage("department." + v, null, v, locale);
            case "areaCode", "village" -> areaNames.getOrDefault(v, v);
            default -> switch (v) {
                case "true" -> msg("audit.value.yes", locale);
                case "false" -> msg("audit.value.no", locale);
                default -> v;
            };
        };
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
