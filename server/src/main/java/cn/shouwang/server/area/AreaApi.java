package cn.shouwang.server.area;

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

    List<AreaEdition> editions();

    /** Villages (level 5) of the current edition at or below {@code scopePrefix}, by code, at most {@code limit}. */
    List<AreaInfo> villages(String scopePrefix, int limit);

    /** Up to {@code limit} areas at or below {@code scopePrefix} whose name contains, or code starts with, {@code q}. */
    List<AreaInfo> search(int editionId, String scopePrefix, String q, int limit);
}
