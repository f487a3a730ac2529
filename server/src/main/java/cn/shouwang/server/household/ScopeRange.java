package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;

/**
 * An area scope as a code range: every code at or below 2203 lies in [220300000000, 220399999999]. Range
 * conditions use plain btree indexes and, unlike LIKE with a parameter, stay indexable in generic plans.
 */
record ScopeRange(String lo, String hi, String prefix) {

    static ScopeRange of(AreaScope scope) {
        return of(scope.prefix());
    }

    static ScopeRange of(String prefix) {
        return new ScopeRange(pad(prefix, '0'), pad(prefix, '9'), prefix);
    }

    /** The narrower of this scope and an area filter inside it; null when the filter lies outside. */
    ScopeRange narrow(String areaPrefix) {
        if (areaPrefix.startsWith(prefix)) return of(areaPrefix);
        if (prefix.startsWith(areaPrefix)) return this;
        return null;
    }

    private static String pad(String p, char c) {
        return p + String.valueOf(c).repeat(12 - p.length());
    }
}
