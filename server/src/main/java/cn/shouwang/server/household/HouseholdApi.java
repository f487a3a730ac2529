package cn.shouwang.server.household;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    /** A household as a pick list shows it: never id numbers or phones. */
    record Pick(String householdNo, @Nullable String villageName, @Nullable String villageGroup,
                @Nullable String headName) {}

    /**
     * Up to {@code limit} households within {@code scope} whose household number starts with {@code q} or one of
     * whose members' names contains it, by household number; nothing for fewer than 2 characters or for anything
     * that looks like an id number (pick lists are asked by GET, and id numbers stay out of URLs).
     */
    List<Pick> pick(String q, AreaScope scope, int limit);
}
