package cn.shouwang.server.household;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import java.util.Optional;

/** What other modules may ask the registry (the comparison looks people up by id number). */
public interface HouseholdApi {

    /** The member with this id number, if registered in a household within {@code scope}. */
    Optional<Views.Member> findMember(IdNumber id, AreaScope scope);

    /** The household, if within {@code scope}. */
    Optional<Views.Household> findHousehold(long id, AreaScope scope);

    /** Households in the registry and their ACTIVE members within {@code scope}. */
    record Counts(long households, long persons) {}

    /** The registry's size within {@code scope}, from the per-village counts (V14): cheap for a whole city. */
    Counts counts(AreaScope scope);
}
