package cn.shouwang.server.household;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Moves a member to another household (by its household number), e.g. after a marriage or a split. */
public record MoveMemberCmd(
        @NotBlank(message = "{registry.householdNo.required}") String targetHouseholdNo,
        @NotNull(message = "{registry.required}") cn.shouwang.core.household.Relation relation,
        @NotNull Integer householdVersion) {
}
