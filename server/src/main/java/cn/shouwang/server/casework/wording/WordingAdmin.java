package cn.shouwang.server.casework.wording;

import cn.shouwang.server.access.BeyondOwnAreaException;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 系统管理 › 名称与表述: who may change the words (an administrator of the whole province: they apply everywhere),
 * what a word may be, and the change itself — one row per changed term, the audit row, then {@link Wording} reads
 * them again after the commit. A form read before another administrator's change is refused, not written over.
 */
@Service
class WordingAdmin {
    static final int MAX_ZH = 40;
    static final int MAX_EN = 80;

    private final JdbcClient jdbc;
    private final Wording wording;
    private final AuditApi audit;
    private final AreaApi areas;
    private final MessageSource messages;
    private final Clock clock;

    WordingAdmin(JdbcClient jdbc, Wording wording, AuditApi audit, AreaApi areas, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.wording = wording;
        this.audit = audit;
        this.areas = areas;
        this.messages = messages;
        this.clock = clock;
    }

    /** One term as the form gives it. */
    record Typed(String zh, String en, String enPlural) {}

    /** A refused value: the form field ({@code zh.OBJECT}), the message key and its arguments. */
    record Problem(String field, String key, Object... args) {}

    boolean mayChange(CurrentUser by) {
        return areas.coversEverything(by.scope());
    }

    void requireMayChange(CurrentUser by) {
        if (!mayChange(by)) throw BeyondOwnAreaException.everywhere();
    }

    /** The id of the latest change (0: none): the form carries it, so that a stale form is refused. */
    long latest() {
        return jdbc.sql("select coalesce(max(id), 0) from casework_term").query(Long.class).single();
    }

    /** Each term's words in force: as set, else the bundles' default ({@code preset}: the other defaults). */
    Map<Term, Typed> inForce(@Nullable String preset) {
        Map<Term, Wording.SetTerm> set = preset == null ? wording.set() : Map.of();
        Map<Term, Typed> out = new LinkedHashMap<>();
        for (Term t : Term.values()) {
            Wording.SetTerm s = set.get(t);
            out.put(t, s != null ? new Typed(s.nameZh(), s.nameEn(), s.nameEnPlural()) : preset(t, preset));
        }
        return out;
    }

    /** The bundles' words of a term: the default (2026) or, for {@code before2026}, those of 2021-2025. */
    Typed preset(Term t, @Nullable String preset) {
        String prefix = "before2026".equals(preset) ? "term.before2026." : "term.";
        String zh = bundle(prefix + t.token(), Locale.SIMPLIFIED_CHINESE);
        String en = bundle(prefix + t.token(), Locale.ENGLISH);
        return new Typed(zh, en, t.counted() ? bundle(prefix + t.token() + ".plural", Locale.ENGLISH) : en);
    }

    private String bundle(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** What a word may be: given, not too long, no braces or angle brackets (they would read as markup), one line. */
    static List<Problem> check(Map<Term, Typed> typed) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Term, Typed> e : typed.entrySet()) {
            Term t = e.getKey();
            check(problems, "zh." + t.name(), e.getValue().zh(), MAX_ZH);
            check(problems, "en." + t.name(), e.getValue().en(), MAX_EN);
            if (t.counted()) check(problems, "plural." + t.name(), e.getValue().enPlural(), MAX_EN);
        }
        return problems;
    }

    private static void check(List<Problem> problems, String field, String v, int max) {
        if (v.isBlank()) {
            problems.add(new Problem(field, "admin.words.required"));
        } else if (v.codePointCount(0, v.length()) > max) {
            problems.add(new Problem(field, "admin.words.tooLong", max));
        } else if (v.chars().anyMatch(c -> c == '{' || c == '}' || c == '<' || c == '>' || Character.isISOControl(c))) {
            problems.add(new Problem(field, "admin.words.badCharacter"));
        }
    }

    /**
     * Saves the words that differ from those in force; returns how many terms changed. Refused (403) for anyone but
     * an administrator of the whole province, with {@link ConcurrentEditException} when the words changed since
     * the form was read ({@code seen}).
     */
    @Transactional
    int save(CurrentUser by, Map<Term, Typed> typed, long seen) {
        requireMayChange(by);
        // one save at a time: the latest change is read under a lock of the table's rows' writers
        jdbc.sql("lock table casework_term in share row exclusive mode").update();
        if (latest() != seen) throw new ConcurrentEditException();
        Map<Term, Typed> before = inForce(null);
        List<AuditApi.Change> changes = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int changed = 0;
        for (Term t : Term.values()) {
            Typed old = before.get(t);
            Typed now2 = typed.get(t);
            if (now2 == null) continue;
            Typed want = new Typed(now2.zh().strip(), now2.en().strip(),
                    t.counted() ? now2.enPlural().strip() : now2.en().strip());
            if (want.equals(old)) continue;
            jdbc.sql("""
                            insert into casework_term (term, name_zh, name_en, name_en_plural, changed_by, changed_by_name,
                                changed_at) values (:t, :zh, :en, :p, :by, :name, :at)""")
                    .param("t", t.token()).param("zh", want.zh()).param("en", want.en()).param("p", want.enPlural())
                    .param("by", by.username()).param("name", by.displayName()).param("at", now).update();
            change(changes, t.token() + ".zh", old.zh(), want.zh());
            change(changes, t.token() + ".en", old.en(), want.en());
            if (t.counted()) change(changes, t.token() + ".en.plural", old.enPlural(), want.enPlural());
            changed++;
        }
        if (changed > 0) {
            audit.record(AuditAction.CASEWORK_WORDS_UPDATE, null, null, by.scope().areaCode(), changes, "words");
            wording.changed();
        }
        return changed;
    }

    private static void change(List<AuditApi.Change> changes, String field, String old, String now) {
        if (!Objects.equals(old, now)) changes.add(new AuditApi.Change(field, old, now));
    }
}
