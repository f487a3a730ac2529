package cn.shouwang.server.casework.wording;

import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.platform.WordingApi;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers {@link WordingApi}: the words set on 系统管理 › 名称与表述 (table {@code casework_term}, each term's latest
 * row) and the category names of the code list ({@code {{category.<code>}}}). Read once and kept in memory — every
 * message of every page asks — until a change through those pages commits ({@link #changed}); a change made in the
 * database by hand shows after a restart.
 */
@Service
public class Wording implements WordingApi {
    private static final Logger log = LoggerFactory.getLogger(Wording.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final AtomicLong generation = new AtomicLong();
    private volatile @Nullable Cached cached;

    private record Cached(long generation, Words words) {}

    Wording(JdbcClient jdbc, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tm);
        // read apart from the caller's transaction: a message may be resolved while that one has failed
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ownTransaction.setReadOnly(true);
    }

    /** A term as set: the words, who and when. */
    public record SetTerm(Term term, String nameZh, String nameEn, String nameEnPlural, String byName,
                          OffsetDateTime at) {}

    @Override
    public Words current() {
        Cached c = cached;
        long g = generation.get();
        if (c != null && c.generation() == g) return c.words();
        Words w;
        try {
            w = ownTransaction.execute(s -> load());
        } catch (DataAccessException e) {
            // before the migrations (a tool's first start): the bundles' defaults, asked again next time
            log.warn("The words of the deployment could not be read; the defaults are used: {}", e.getMessage());
            return Words.NONE;
        }
        if (w == null) return Words.NONE;
        // a change committed while reading: keep nothing, the next message reads again
        if (generation.get() == g) cached = new Cached(g, w);
        return w;
    }

    /** The words are read again once the current transaction (a change of them) has committed. */
    public void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    generation.incrementAndGet();
                }
            });
        } else {
            generation.incrementAndGet();
        }
    }

    /** A row of casework_term as read. */
    private record Row(String term, String nameZh, String nameEn, String nameEnPlural, String byName,
                       OffsetDateTime at) {
        java.util.Optional<SetTerm> set() {
            return Term.ofToken(term).map(t -> new SetTerm(t, nameZh, nameEn, nameEnPlural, byName, at));
        }
    }

    /** The latest row of each term set (terms never set are absent: the bundles' defaults stand). */
    public Map<Term, SetTerm> set() {
        Map<Term, SetTerm> out = new LinkedHashMap<>();
        for (Row r : jdbc.sql("""
                        select distinct on (term) term, name_zh, name_en, name_en_plural, changed_by_name as by_name,
                            changed_at as at
                        from casework_term order by term, id desc""").query(Row.class).list()) {
            r.set().ifPresent(s -> out.put(s.term(), s));
        }
        return out;
    }

    /** The last changes, newest first (the page's history). */
    public List<SetTerm> history(int limit) {
        return jdbc.sql("""
                        select term, name_zh, name_en, name_en_plural, changed_by_name as by_name, changed_at as at
                        from casework_term order by id desc limit :n""")
                .param("n", limit).query(Row.class).list().stream().flatMap(r -> r.set().stream()).toList();
    }

    private Words load() {
        Map<String, String> zh = new HashMap<>();
        Map<String, String> en = new HashMap<>();
        set().forEach((t, s) -> {
            zh.put(t.token(), s.nameZh());
            en.put(t.token(), s.nameEn());
            if (t.counted()) {
                zh.put(t.token() + ":plural", s.nameZh());
                en.put(t.token() + ":plural", s.nameEnPlural());
            }
        });
        jdbc.sql("select code, name_zh, name_en from casework_code where kind = :k")
                .param("k", CodeKind.CATEGORY.name())
                .query((rs, i) -> {
                    zh.put("category." + rs.getString(1), rs.getString(2));
                    en.put("category." + rs.getString(1), rs.getString(3));
                    return null;
                }).list();
        return new Words(zh, en);
    }
}
