package cn.shouwang.server.access;

import java.util.List;
import java.util.Optional;

/**
 * The enabled accounts of one area, by name, for other modules to pick a person (fieldwork's grid worker and
 * ten-household head): no password, lockout or audit detail leaves access. Answered by {@code AccountDirectory}.
 */
public interface AccountsApi {
    /** An account as a picker shows it. */
    record Person(long id, String displayName, Role role) {}

    /** The enabled accounts whose area is exactly {@code areaCode} (a village's monitor and grid workers). */
    List<Person> of(String areaCode);

    /** The enabled account of that area, if it is one. */
    Optional<Person> find(long id, String areaCode);
}
