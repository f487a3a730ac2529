package cn.shouwang.core.casework;

import cn.shouwang.core.area.AreaCode;
import java.util.Objects;

/**
 * Who performs a step: a stable id (the account id as text), a display name for the record, the role and the
 * account's area. An actor may only act on cases whose village lies inside {@code area}.
 */
public record Actor(String id, String name, CaseRole role, AreaCode area) {
    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(area, "area");
        if (id.isBlank()) throw new IllegalArgumentException("actor id is blank");
    }

    public boolean sameAs(Actor other) {
        return id.equals(other.id);
    }
}
