package cn.shouwang.server.area;

import java.time.OffsetDateTime;

/** One loaded edition of the division codes. */
public record AreaEdition(int id, String name, OffsetDateTime loadedAt, String loadedBy, boolean current, long areas) {
}
