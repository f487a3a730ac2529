package cn.shouwang.server.household;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Search keys for part-of-name search: every single character and every pair of adjacent characters, each
 * prefixed with the 6-digit county code ('220322张', '220322张三'). A GIN index on these finds "张三" among ten
 * million names without pg_trgm (whose trigrams miss two-character Chinese names and depend on the locale),
 * and the county prefix makes a search within a county touch only that county's entries.
 */
public final class NameGrams {
    private NameGrams() {}

    public static String[] of(String county6, String name) {
        String n = name.strip();
        Set<String> grams = new LinkedHashSet<>();
        int[] cps = n.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            grams.add(county6 + new String(cps, i, 1));
            if (i + 1 < cps.length) grams.add(county6 + new String(cps, i, 2));
        }
        return grams.toArray(String[]::new);
    }

    /** The keys a query term must all have, for one county: bigrams, or the single character of a one-character term. */
    public static String[] query(String county6, String term) {
        int[] cps = term.strip().codePoints().toArray();
        if (cps.length == 1) return new String[] {county6 + new String(cps, 0, 1)};
        Set<String> grams = new LinkedHashSet<>();
        for (int i = 0; i + 1 < cps.length; i++) grams.add(county6 + new String(cps, i, 2));
        return grams.toArray(String[]::new);
    }
}
