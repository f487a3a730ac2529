package cn.shouwang.server.eldervisits.people;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The forms of the older people and their visits; messages are keys of i18n/eldervisits*.properties. */
public final class PeopleCmd {
    private PeopleCmd() {}

    public record Enrol(
            @NotNull(message = "{eldervisits.household.required}") Long householdId,
            @NotNull(message = "{eldervisits.member.required}") Long memberId,
            @NotEmpty(message = "{eldervisits.classes.required}") List<String> classes,
            @Nullable Long visitorId) {}

    public record Update(
            @NotNull Integer version,
            @NotEmpty(message = "{eldervisits.classes.required}") List<String> classes,
            @Nullable Long visitorId,
            @Nullable Boolean active) {}

    public record Visit(
            @NotNull(message = "{eldervisits.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate visitedOn,
            @NotNull(message = "{eldervisits.visitor.required}") Long visitorId,
            @NotNull(message = "{eldervisits.atHome.required}") Boolean atHome,
            @Nullable List<Finding> findings,
            @Size(max = 500, message = "{eldervisits.note.size}") @Nullable String note,
            @Nullable Boolean openLead) {

        public List<Finding> findingList() {
            return findings == null ? List.of() : findings.stream().distinct().toList();
        }

        public String noteText() {
            return note == null ? "" : note.strip();
        }

        public boolean lead() {
            return openLead != null && openLead;
        }
    }
}
