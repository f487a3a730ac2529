package cn.shouwang.server.audit;

import cn.shouwang.core.casework.EliminationMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * The free-text {@code detail} the writing modules record ("visit 12 home risks ILLNESS -> JOINED_LEAD 7"), as a
 * sentence from the bundles ("第12号走访，见到本人，发现风险：因病，已并入第7号线索"). One table: per action (a regex
 * of action names) a pattern of the recorded text, the message key, and how each captured value is shown. The first
 * matching row wins; a detail no row matches (written by an earlier release) is shown as recorded. Writers keep their
 * formats, so old rows read as well as new ones.
 */
final class DetailWording {

    /** One row of the table; {@code shows[i]} says how group i+1 is shown (see {@link #show}). */
    record Rule(Pattern actions, Pattern detail, String key, String[] shows) {}

    private static final List<Rule> RULES = new ArrayList<>();

    private static void rule(String actions, String detail, String key, String... shows) {
        RULES.add(new Rule(Pattern.compile(actions), Pattern.compile(detail, Pattern.DOTALL), "audit.detail." + key, shows));
    }

    static {
        String year = "(\\d{4})";
        String month = "(\\d{4})-(\\d{2})";
        // --- household registry, incomes, imports
        rule("INCOME_(ADD|UPDATE|CREDIT)|EMPLOYMENT_TARGET_SET|CREDIT_TARGET_SET", year, "year", "");
        rule("MEMBER_(ADD|UPDATE|MOVE_OUT|MOVE_IN|DEATH)", "(.+)", "member", "");
        rule("HOUSEHOLD_IMPORT", "(.+)", "file", "");
        // the registry import writes its own Chinese sentence (registry.import.audit)
        rule("REGISTRY_IMPORT", "(\\p{IsHan}.+)", "asRecorded", "");
        rule("ID_NUMBER_TAKEN_ATTEMPT", "(.+?), household id (\\d+)", "takenAttempt.household", "", "");
        rule("ID_NUMBER_TAKEN_ATTEMPT", "(.+)", "takenAttempt", "");
        rule("DEMO_LOAD", "(\\d+) households, (\\d+) persons, seed (-?\\d+)", "DEMO_LOAD", "", "", "");
        rule("HOUSEHOLD_CLASSIFY", "(\\d{4}-\\d{2}-\\d{2}) (.+)", "dated.reason", "", "");
        rule("HOUSEHOLD_CLASS_LIST_UPDATE", "formerly-poor classes (\\d+) renamed (\\S+)", "classList.renamed", "province", "");
        rule("HOUSEHOLD_CLASS_LIST_UPDATE", "formerly-poor classes (\\d+) moved (\\S+)", "classList.moved", "province", "");
        rule("HOUSEHOLD_CLASS_LIST_UPDATE", "formerly-poor classes (\\d+) ?(.*)", "classList", "province", "");
        // --- areas
        rule("AREA_IMPORT", "edition (.+), (\\d+) areas from (.+?)(, current)?", "AREA_IMPORT", "", "", "",
                "flag:audit.detail.AREA_IMPORT.current");
        rule("AREA_EDITION_DELETE", "edition (.+) \\(id (\\d+)\\), (\\d+) areas", "AREA_EDITION_DELETE", "", "", "");
        rule("AREA_EDITION_CURRENT", "edition id (\\d+)", "AREA_EDITION_CURRENT", "");
        rule("AREA_CONTACT_UPDATE", "(\\d{6,12})", "area", "area");
        // --- casework
        rule("LEAD_OPEN", "([A-Z_]+) lead (\\d+)", "LEAD_OPEN", "key:casework.channel.", "");
        rule("LEAD_JOIN", "lead (\\d+) ([A-Z_]+)", "LEAD_JOIN", "", "key:casework.channel.");
        rule("MONITORED_NEW_REPORT", "([A-Z_]+)", "channel", "key:casework.channel.");
        rule("RISK_ELIMINATED", "lead (\\d+) ([A-Z]+)", "RISK_ELIMINATED", "", "elimination");
        rule("LEAD_.*|MONITORED_CONFIRM|ELIMINATION_OPEN|RISK_ELIMINATED", "lead (\\d+): (.+)", "lead.note", "", "");
        rule("LEAD_.*|MONITORED_CONFIRM|ELIMINATION_OPEN|RISK_ELIMINATED", "lead (\\d+)", "lead", "");
        rule("LEAD_AUTO_INTAKE", "(.+) \\[(\\S+)\\] warning:(\\d+) run:(\\d+) → ([A-Z_]+) (\\d+)", "LEAD_AUTO_INTAKE",
                "", "", "", "", "keyNext:audit.detail.outcome.", "");
        rule("LEAD_AUTO_INTAKE", "(.+) \\[(\\S+)\\] (.+) → ([A-Z_]+) (\\d+)", "LEAD_AUTO_INTAKE.other",
                "", "", "", "keyNext:audit.detail.outcome.", "");
        rule("HOME_CHECK", "(\\d{4}-\\d{2}-\\d{2}) ([\\d.]+) / ([\\d.]+)", "HOME_CHECK", "", "", "");
        rule("MEASURE_ADD", "([A-Z_]+) ([\\d.]+) (.*)", "MEASURE_ADD", "key:casework.group.", "", "");
        rule("MEASURE_STATE", "measure (\\d+)", "measure", "");
        rule("OFFICER_ASSIGN", "(.+)", "officer", "");
        rule("MONITORED_RECLASSIFY", "(.+)", "note", "");
        rule("RECHECK", "(\\d{4}-\\d{2}-\\d{2}) (.+)", "dated.reason", "", "");
        rule("CASEWORK_CODE_.*|VILLAGE_CHECK_ITEM_UPDATE", "([A-Z_]+) (\\S+)", "code", "key:audit.codeKind.", "");
        rule("VILLAGE_CHECK_ITEM_ADD", "([A-Z_]+) (\\S+) (.+)", "code.named", "key:audit.codeKind.", "", "");
        rule("INCOME_LINE_(ADD|UPDATE)", "year (\\d{4}), effective (\\S+), reason: (.*?)(?:, document: (.*))?",
                "INCOME_LINE", "", "", "", "opt:audit.detail.document.opt");
        rule("CASEWORK_SETTINGS_UPDATE", "(.+), effective (\\S+), reason: (.*?)(?:, document: (.*))?",
                "comparison", "", "", "", "opt:audit.detail.document.opt");
        rule("CASEWORK_SETTINGS_UPDATE", "(.+)", "areaNamed", "");
        rule("CASEWORK_WORDS_UPDATE", "words", "words");
        // --- screening
        rule("UPLOAD.*", "upload:(\\d+) ([A-Z_]+) (\\S+) file:(.+?) sha256:(\\S+) rows:(\\d+) rejected:(\\d+)"
                        + "(?: replaces:(\\d+))?(?: abandoned by the uploader| not confirmed in time)?", "UPLOAD",
                "", "key:screening.kind.", "", "", "", "", "", "opt:audit.detail.UPLOAD.replaces");
        rule("WARNING_DISMISS", "warnings (\\S+) (\\S+) reason ([A-Z_]+)(?: note (.*))?", "WARNING_DISMISS",
                "", "rules", "key:screening.dismiss.reason.", "opt:audit.detail.note.opt");
        rule("WARNING_ASSIGN", "warnings (\\S+) (\\S+) to (\\d+) due (\\S+)", "WARNING_ASSIGN", "", "rules", "area", "");
        rule("WARNING_.*", "warnings (\\S+) (\\S+)", "warnings", "", "rules");
        // --- fieldwork
        rule("FIELD_VISIT_RECORD", "visit (\\d+) (home|away) risks (\\S+) -> ([A-Z_]+) (\\d+)( photo)?", "visit.risks",
                "", "key:audit.detail.visit.", "risks", "keyNext:audit.detail.outcome.", "", "flag:audit.detail.visit.photo");
        rule("FIELD_VISIT_RECORD", "visit (\\d+) (home|away)( photo)?", "visit.outcome", "", "key:audit.detail.visit.",
                "flag:audit.detail.visit.photo");
        rule("FIELD_VISIT_PHOTO_VIEW", "visit (\\d+)", "visit", "");
        rule("FIELD_(HOUSEHOLD_PLACE|GROUP_CREATE)", "grid (\\d+) group (\\d+)", "group.inGrid", "", "");
        rule("FIELD_HOUSEHOLD_PLACE", "unplaced", "unplaced");
        rule("FIELD_(GRID|GROUP)_UPDATE", "(grid|group) (\\d+) moved (-?\\d+)", "moved", "key:audit.detail.unit.", "",
                "signed");
        rule("FIELD_.*", "grid (\\d+)", "grid", "");
        rule("FIELD_.*", "group (\\d+)", "group", "");
        rule("FIELD_RHYTHM_UPDATE", "(\\d+)/(\\d+)/(\\d+) -> (\\d+)/(\\d+)/(\\d+)", "FIELD_RHYTHM_UPDATE",
                "", "", "", "", "", "");
        rule("FIELD_SWEEP_OPEN", "sweep (\\d+) (\\S+)\\.\\.(\\S+) (\\d+) households", "FIELD_SWEEP_OPEN", "", "", "", "");
        rule("FIELD_SWEEP_CLOSE", "sweep (\\d+) closed after its end date", "FIELD_SWEEP_CLOSE.auto", "");
        rule("FIELD_SWEEP_CLOSE", "sweep (\\d+) closed", "FIELD_SWEEP_CLOSE", "");
        rule("FIELD_OFFLINE_SYNC", "(\\d+) items, (\\d+) stored", "FIELD_OFFLINE_SYNC", "", "");
        rule("FIELD_OFFLINE_SYNC", "(VISIT|LEAD) (\\S+) stored despite a conflict", "offline.despite",
                "key:audit.detail.offline.", "");
        rule("FIELD_OFFLINE_CONFLICT", "(VISIT|LEAD) (\\S+) (\\S+)", "offline.conflict", "key:audit.detail.offline.", "",
                "key:fieldwork.offline.conflict.");
        // --- figures
        rule("FIGURES_SNAPSHOT_TAKE", month + " ([A-Z]+)", "FIGURES_SNAPSHOT_TAKE", "", "int", "key:figures.snapshot.how.");
        // --- projects
        rule("PROJECT_SPENDING", "project-(\\d+) " + month, "PROJECT_SPENDING", "", "", "int");
        rule("PROJECT_.*", "project-(\\d+)", "project", "");
        rule("PROJECT_ASSET_ADD", "asset-(\\d+) project-(\\d+)", "PROJECT_ASSET_ADD", "", "");
        rule("PROJECT_ASSET_.*", "asset-(\\d+)", "asset", "");
        rule("DIVIDEND_RECORD", "dividend-(\\d+) (.+)", "DIVIDEND_RECORD", "", "");
        rule("DIVIDEND_.*", "dividend-(\\d+)", "dividend", "");
        rule("DIVIDEND_PAYMENTS_EXPORT", "enterprise_payments(?: (\\S+))? lines=(\\d+) withoutHead=(\\d+)",
                "DIVIDEND_PAYMENTS_EXPORT", "opt:audit.detail.period.opt", "", "");
        // --- social assistance
        rule("SOCIAL_LAYER_.*", "layer-(\\d+)", "layer", "");
        rule("SOCIAL_GRANT_.*", "grant-(\\d+)", "grant", "");
        rule("SOCIAL_PAYMENT_PAID", "payment-(\\d+)", "payment", "");
        rule("SOCIAL_PAYMENTS_DUE", "period (\\S+), (\\d+) added", "SOCIAL_PAYMENTS_DUE", "", "");
        rule("SOCIAL_BANK_LIST", "period (\\S+), (\\d+) payments, accounts (in full|masked)", "SOCIAL_BANK_LIST", "", "",
                "key:audit.detail.accounts.");
        rule("SOCIAL_CIVIL_LIST_IMPORT", "accepted (.+): (\\d+) rows, (\\d+) registered, (\\d+) layers added",
                "SOCIAL_CIVIL_LIST_IMPORT", "", "", "", "");
        rule("SOCIAL_CIVIL_LIST_IMPORT", "refused (.+): (\\d+) problems", "SOCIAL_CIVIL_LIST_IMPORT.refused", "", "");
        // --- village archive
        rule("VILLAGE_INCOME_UPDATE", "year (\\d{4})", "year", "");
        rule("VILLAGE_DOCUMENT_UPLOAD", "document (\\d+) (\\S+) ([A-Z]+) (\\d+) bytes", "VILLAGE_DOCUMENT_UPLOAD", "",
                "code:" + AuditCodeNamesApi.DOC_TYPE, "key:villagearchive.doc.kind.", "bytes");
        rule("VILLAGE_DOCUMENT_DELETE", "document (\\d+) (\\S+) (.*)", "VILLAGE_DOCUMENT_DELETE", "",
                "code:" + AuditCodeNamesApi.DOC_TYPE, "");
        rule("VILLAGE_DOCUMENT_.*", "document (\\d+)", "document", "");
        rule("VILLAGE_CHECKLIST_UPDATE", "(.+)", "note", "");
        // --- insurance
        rule("INSURANCE_(POLICY|PREMIUM)_.*", "policy-(\\d+)", "policy", "");
        rule("INSURANCE_CLAIM_OPEN", "claim-(\\d+) warning-(\\d+)", "claim.warning", "", "");
        rule("INSURANCE_CLAIM_REJECT", "claim-(\\d+): (.*)", "claim.reason", "", "");
        rule("INSURANCE_CLAIM_.*", "claim-(\\d+)", "claim", "");
        // --- employment, credit
        rule("JOB_.*", "job (\\d+)", "job", "");
        rule("WORKSHOP_.*", "workshop (\\d+)", "workshop", "");
        rule("LOAN_.*", "loan (\\d+)", "loan", "");
        // --- moral bank
        rule("MORAL_REDEEM", "entry (\\d+) (.+) x(\\d+)", "MORAL_REDEEM", "", "", "");
        rule("MORAL_ENTRY_REVERSE", "entry (\\d+) reverses (\\d+): (.*)", "MORAL_ENTRY_REVERSE", "", "", "");
        rule("MORAL_ENTRY_ADD", "entry (\\d+) (.+)", "MORAL_ENTRY_ADD", "", "");
        rule("MORAL_CATEGORY_SAVE", "(\\S+) (.+)", "category", "", "");
        rule("MORAL_ITEM_SAVE", "item (\\d+)", "moralItem", "");
        rule("MORAL_GOODS_SAVE", "goods (\\d+)", "goods", "");
        // --- elderly visits
        rule("ELDER_CLASS_SAVE", "(\\S+)", "elderClass", "");
        rule("ELDER_VISITOR_SAVE", "visitor (\\d+)", "visitor", "");
        rule("ELDER_PERSON_.*", "elder person (\\d+)", "elderPerson", "");
        rule("ELDER_VISIT", "visit (\\d+) on (\\S+) lead (\\d+)", "ELDER_VISIT.lead", "", "", "");
        rule("ELDER_VISIT", "visit (\\d+) on (\\S+)", "ELDER_VISIT", "", "");
        // --- exports: which list, how many rows, and the filters as recorded
        rule("EXPORT", "(\\d+) households; filter q=(\\S*) area=(\\S*)", "export.registry", "", "", "area");
        rule("EXPORT", "national person list; area=(\\S+); (\\d+) households, (\\d+) persons; income year (\\d{4}); "
                + "(?:id numbers and phones in )?(full|masked)", "export.national", "area", "", "", "",
                "key:audit.detail.export.full.");
        rule("EXPORT", "monitored ledger(?: ([A-Z_]+))? (sheet per village|village column); (\\d+) households, "
                        + "(\\d+) persons; id numbers (in full|masked)", "export.ledger", "opt:audit.detail.filter.opt", "key:audit.detail.export.layout.",
                "", "", "key:audit.detail.export.ids.");
        rule("ID_NUMBER_VIEW", "monitored ledger: (\\d+) id numbers in full", "ledgerIds", "");
        rule("EXPORT", "villages (\\d{4})( q)? (\\d+) rows", "export.villages", "", "flag:audit.detail.filter.q", "");
        rule("EXPORT", "visit worklist (\\S+)( q)? (\\d+) rows", "export.worklist", "", "flag:audit.detail.filter.q", "");
        rule("EXPORT", "elder-visits (.+) (\\d+) rows", "export.elder", "", "");
        rule("EXPORT", "moral-bank accounts (\\d+) rows", "export.moral", "");
        rule("EXPORT", "grid coverage (\\d+) villages", "export.grids", "");
        rule("EXPORT", "sweep (\\d+) report", "export.sweep", "");
        rule("EXPORT", "sweep (\\d+) not yet visited (\\d+) rows", "export.sweepUnvisited", "", "");
        rule("EXPORT", "data quality(?: (\\S+))? \\((\\d+)\\)", "export.quality", "opt:audit.detail.filter.opt", "");
        rule("EXPORT", "what-if (\\d{4}) line ([\\d.]+)", "export.whatIf", "", "");
        rule("EXPORT", "warnings (\\S+)(.*)", "export.warnings", "", "filters");
        rule("EXPORT", "(micro-credit figures|employment targets) (\\d{4})", "export.yearly",
                "key:audit.detail.export.list.", "");
        rule("EXPORT", "(project assets|dividends|projects|insurance policies|insurance claims:|standard history|"
                        + "monitored|rechecks|leads|measures|public-welfare jobs|micro-credit loans|review|"
                        + "formerly-poor classes|social assistance|civil-affairs reconciliation|assistance workshops)"
                        + "(.*)", "export.list", "key:audit.detail.export.list.", "filters");
    }

    private final MessageSource messages;
    private final Map<String, AuditCodeNamesApi> codeNames;
    private final Function<String, String> areaName;

    DetailWording(MessageSource messages, List<AuditCodeNamesApi> codeNames, Function<String, String> areaName) {
        this.messages = messages;
        this.codeNames = new HashMap<>();
        codeNames.forEach(c -> this.codeNames.put(c.kind(), c));
        this.areaName = areaName;
    }

    /** The detail as a sentence, or as recorded when no row of the table matches it. */
    String word(String action, String detail, Locale locale) {
        for (Rule r : RULES) {
            if (!r.actions().matcher(action).matches()) continue;
            Matcher m = r.detail().matcher(detail);
            if (!m.matches()) continue;
            Object[] args = new Object[m.groupCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = show(i < r.shows().length ? r.shows()[i] : "", m.group(i + 1),
                        i + 2 <= m.groupCount() ? m.group(i + 2) : null, locale);
            }
            return messages.getMessage(r.key(), args, detail, locale);
        }
        return detail;
    }

    /** Whether some row reads this detail (a test asks it of every format the demo data writes). */
    static boolean worded(String action, String detail) {
        for (Rule r : RULES) {
            if (r.actions().matcher(action).matches() && r.detail().matcher(detail).matches()) return true;
        }
        return false;
    }

    /**
     * A captured value as shown: "" as recorded; "key:P" the message P+value (the value itself when there is none);
     * "keyNext:P" the same with the next group as its argument;
     * "flag:K" the message K when the group matched, else nothing; "opt:K" the message K with the value when there
     * is one; "code:KIND" each comma-separated code by the owning module's name; "rules" screening rules of
     * "RULE:id,…"; "area" an area's name; "bytes" a size in KB/MB; "elimination" how a risk ended; "signed" a move
     * up or down; "int" a number without leading zeros; "filters" the rest of an export's line, shown as recorded after a word.
     */
    private String show(String how, @Nullable String v, @Nullable String next, Locale locale) {
        int colon = how.indexOf(':');
        String kind = colon < 0 ? how : how.substring(0, colon);
        String arg = colon < 0 ? "" : how.substring(colon + 1);
        switch (kind) {
            case "flag" -> {
                return v == null || v.isEmpty() ? "" : msg(arg, locale);
            }
            case "opt" -> {
                return v == null || v.isBlank() ? "" : msg(arg, locale, v.strip());
            }
            default -> {
                if (v == null) return "";
            }
        }
        return switch (kind) {
            // a value with spaces ("in full", "project assets") names its key with dashes
            case "key", "keyNext" -> messages.getMessage(
                    arg + v.strip().replaceAll("[^A-Za-z0-9_.]+", "-").replaceAll("-$", ""),
                    "keyNext".equals(kind) ? new Object[] {next} : null, v, locale);
            case "code" -> list(v, c -> {
                AuditCodeNamesApi names = codeNames.get(arg);
                String n = names == null ? null : names.name(c, locale);
                return n == null ? c : n;
            }, locale);
            case "risks" -> show("code:" + AuditCodeNamesApi.RISK_TYPE, v, null, locale);
            case "rules" -> list(v, r -> {
                String rule = r.contains(":") ? r.substring(0, r.indexOf(':')) : r;
                return messages.getMessage("screening.rule." + rule, null, rule, locale);
            }, locale);
            case "area", "province" -> {
                if (v.isEmpty()) yield v;
                String code = "province".equals(kind) ? v + "0000000000" : v;
                yield areaName.apply(code.length() > 12 ? code.substring(0, 12) : code);
            }
            case "bytes" -> bytes(Long.parseLong(v), locale);
            case "int" -> String.valueOf(Integer.parseInt(v)); // a month as 9, not 09
            case "elimination" -> {
                try {
                    EliminationMethod e = EliminationMethod.valueOf(v);
                    yield "en".equals(locale.getLanguage()) ? e.english() : e.chinese();
                } catch (IllegalArgumentException e) {
                    yield v;
                }
            }
            case "signed" -> msg(v.startsWith("-") ? "audit.detail.moved.up" : "audit.detail.moved.down", locale);
            case "filters" -> v.isBlank() ? "" : msg("audit.detail.filter", locale, v.strip());
            default -> v;
        };
    }

    private String list(String v, Function<String, String> each, Locale locale) {
        return java.util.Arrays.stream(v.split(",")).filter(s -> !s.isBlank()).map(String::strip).map(each).distinct()
                .collect(Collectors.joining(msg("audit.detail.listSeparator", locale)));
    }

    private String bytes(long n, Locale locale) {
        if (n < 1024) return msg("audit.detail.bytes", locale, String.valueOf(n));
        if (n < 1024 * 1024) return msg("audit.detail.kb", locale, String.format(Locale.ROOT, "%.1f", n / 1024.0));
        return msg("audit.detail.mb", locale, String.format(Locale.ROOT, "%.1f", n / (1024.0 * 1024)));
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
