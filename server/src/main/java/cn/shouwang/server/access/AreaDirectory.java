package cn.shouwang.server.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Names and children of areas for the selector and the account pages, from the current edition of the division list,
 * which module {@code area} keeps and answers through {@link AreaLookup}. Without a loaded list (or without the area
 * module) it still works, showing codes instead of names.
 */
@Component
class AreaDirectory {
    private final ObjectProvider<AreaLookup> lookup;

    AreaDirectory(ObjectProvider<AreaLookup> lookup) {
        this.lookup = lookup;
    }

    private Optional<AreaLookup> lookup() {
        return Optional.ofNullable(lookup.getIfAvailable());
    }

    Optional<AreaInfo> find(String code) {
        return lookup().flatMap(l -> l.find(code));
    }

    List<AreaInfo> children(String code) {
        return lookup().map(l -> l.children(code)).orElse(List.of());
    }

    /** Names by code for the given codes; codes not in the list are absent from the map. */
    Map<String, String> names(Collection<String> codes) {
        if (codes.isEmpty()) return new HashMap<>();
        return lookup().map(l -> (Map<String, String>) new HashMap<>(l.names(codes))).orElseGet(HashMap::new);
    }

    /** How many areas of each level (4 township, 5 village …) lie below {@code scope}'s area. */
    Map<Integer, Long> countsBelow(AreaScope scope) {
        return lookup().map(l -> l.countsBelow(scope)).orElseGet(java.util.TreeMap::new);
    }

    /** Whether a division list has been loaded at all (before that, codes cannot be checked). */
    boolean anyLoaded() {
        return lookup().map(AreaLookup::anyLoaded).orElse(false);
    }

    String name(String code) {
        return find(code).map(AreaInfo::name).orElse(code);
    }
}
