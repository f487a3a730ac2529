package cn.shouwang.server.area;

import cn.shouwang.core.area.AreaLevel;
import org.jspecify.annotations.Nullable;

/** An area of one edition, with its name as published and the short form people say. */
public record AreaInfo(int editionId, String code, String name, String shortName, AreaLevel level,
                       @Nullable String parentCode) {
}
