package cn.shouwang.server.household;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What pages and the API show. Personal values are masked here; full values only through the audited reveal. */
public final class Views {
    private Views() {}

    public record HouseholdRow(long id, String householdNo, String villageCode, @Nullable String villageName,
                               @Nullable String villageGroup, @Nullable String headName, int size,
                               boolean formerlyPoor, @Nullable Integer exitYear, String phoneMasked) {}

    public record Household(long id, String householdNo, int areaEditionId, String villageCode,
                            @Nullable String villageName, @Nullable String villageGroup, @Nullable String address,
                            boolean formerlyPoor, @Nullable Integer exitYear, String phoneMasked, boolean hasPhone,
                            int version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                            List<Member> members) {
        public @Nullable Member head() {
            return members.stream().filter(m -> m.relation().equals("HEAD") && m.status().equals("ACTIVE"))
                    .findFirst().orElse(null);
        }
    }

    /**
     * Health status and disability grade are not here: they are read one member at a time, audited (revealHealth).
     * Nor is the full birth date: the masked id number hides exactly its eight digits, so beside it only the birth
     * year is shown; the full date comes with the audited reveal of the id number ({@link RevealedIdNumber}).
     */
    public record Member(long id, long householdId, String idNumberMasked, String name, String sex,
                         @Schema(description = "Year of birth only: the masked id number hides the birth date; "
                                 + "POST /api/v1/members/{id}/id-number returns both in full (audited)") int birthYear,
                         String relation, String labourCapacity, String schoolingStage,
                         boolean medicalInsurance, String status, @Nullable LocalDate statusDate) {}

    /** The audited full view of a member's id number, with the birth date it carries. */
    public record RevealedIdNumber(String value, LocalDate birthDate) {}

    public record Change(String field, @Nullable String old, @Nullable String now) {}

    /**
     * One year of the household's income, yuan. {@code itemised} false: the year came from a person list that gave
     * only the per-capita net income ({@code perCapita}); the six items are zero and mean "not known", not "none".
     * {@code claims}: 理赔收入 when a file gave it.
     */
    public record Income(int year, java.math.BigDecimal wages, java.math.BigDecimal business, java.math.BigDecimal property,
                         java.math.BigDecimal transfers, java.math.BigDecimal productionCosts,
                         java.math.BigDecimal eligibleOutOfPocket, java.math.@Nullable BigDecimal perCapita,
                         boolean itemised, java.math.@Nullable BigDecimal claims) {}

    public record HistoryEntry(long id, OffsetDateTime at, String username, String action, @Nullable Long memberId,
                               @Nullable String ip, List<Change> changes, @Nullable String detail) {}

    public record Page<T>(List<T> rows, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }
}
