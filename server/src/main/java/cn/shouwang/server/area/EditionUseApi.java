package cn.shouwang.server.area;

/**
 * The question area asks before an edition is deleted: does any row of another module refer to one of its areas?
 * Answered by the modules that keep area references (the registry: {@code household.Registry}); area, below them,
 * cannot call them, so it defines the question and they implement it (as {@code household.HouseholdCasesApi}).
 */
public interface EditionUseApi {
    /** Whether any row refers to an area of edition {@code editionId}. */
    boolean anyInEdition(int editionId);
}
