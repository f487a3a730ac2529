package cn.shouwang.server.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What access needs to know of the division list (the current edition), asked of the module that owns it: access
 * sits below every module and must not depend on {@code area} (which uses {@link CurrentUsers}), so access defines
 * the question and {@code area} answers it (like {@code household.HouseholdCasesApi}).
 */
public interface AreaLookup {

    Optional<AreaInfo> find(String code);

    /** Direct children, by code, at most 1000. */
    List<AreaInfo> children(String code);

    /** Names by code for the given codes; codes not in the list are absent from the map. */
    Map<String, String> names(Collection<String> codes);

    /** How many areas of each level (4 township, 5 village …) lie below {@code scope}'s area. */
    Map<Integer, Long> countsBelow(AreaScope scope);

    /** Whether a division list has been loaded at all (before that, codes cannot be checked). */
    boolean anyLoaded();
}
