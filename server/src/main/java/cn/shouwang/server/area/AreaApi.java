package cn.shouwang.server.area;

import cn.shouwang.server.access.AreaScope;
import java.util.List;
import java.util.Optional;

/** Read access to the division codes; without an edition argument, the current edition. */
public interface AreaApi {

    Optional<AreaInfo> find(String code);

    Optional<AreaInfo> find(int editionId, String code);

    /** Direct children, ordered by code. */
    List<AreaInfo> children(String code);

    List<AreaInfo> children(int editionId, String code);

    /** The area and its ancestors, province first. */
    List<AreaInfo> path(int editionId, String code);

    Optional<AreaEdition> currentEdition();

    /**
     * Whether {@code scope} is a province that holds every area of the current edition: what applies everywhere
     * (province-wide settings, code lists, division editions) may be changed only from such an account.
     */
    boolean coversEverything(AreaScope scope);

    List<AreaEdition> editions();

    /** Full names by code of the given codes in an edition (one query); codes not in it are absent. */
    java.util.Map<String, String> names(int editionId, java.util.Collection<String> codes);

    /** The 6-digit codes of the counties (level 3) of the current edition at or below {@code scopePrefix}. */
    List<String> countyCodes(String scopePrefix);

    /** Villages (level 5) of an edition at or below {@code scopePrefix}, by code, at most {@code limit}. */
    List<AreaInfo> villages(int editionId, String scopePrefix, int limit);

    /** Villages (level 5) of the current edition at or below {@code scopePrefix}, by code, at most {@code limit}. */
    List<AreaInfo> villages(String scopePrefix, int limit);

    /**
     * An area in words as a list's heading says it: its names from the county down (梨树县 孤家子镇 团山子村), or its
     * own name above the county (四平市); the code itself if the current edition does not have it.
     */
    default String pathName(String code) {
        var edition = currentEdition();
        if (edition.isEmpty()) return code;
        List<AreaInfo> path = path(edition.get().id(), code);
        if (path.isEmpty()) return code;
        int from = Math.min(3, path.get(path.size() - 1).level().depth());
        return String.join(" ", path.stream().filter(a -> a.level().depth() >= from).map(AreaInfo::name).toList());
    }

    /** Up to {@code limit} areas at or below {@code scopePrefix} whose name contains, or code starts with, {@code q}. */
    List<AreaInfo> search(int editionId, String scopePrefix, String q, int limit);
}
