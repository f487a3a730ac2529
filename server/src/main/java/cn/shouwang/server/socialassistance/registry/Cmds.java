package cn.shouwang.server.socialassistance.registry;

import cn.shouwang.server.socialassistance.Kinds.Frequency;
import cn.shouwang.server.socialassistance.Kinds.GrantKind;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.Kinds.LayerSource;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The typed commands of the household view: a layer recorded or ended, a grant recorded or changed. */
public final class Cmds {
    private Cmds() {}

    /** A layer of the household (memberId null) or of one member. */
    public record LayerCmd(
            @Nullable Long memberId,
            @NotNull(message = "{socialassistance.layer.required}") Layer layer,
            @NotNull(message = "{socialassistance.source.required}") LayerSource source,
            @NotNull(message = "{socialassistance.start.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate end,
            @Nullable @Size(max = 200, message = "{socialassistance.note.size}") String note) {

        @AssertTrue(message = "{socialassistance.end.beforeStart}")
        public boolean isEndAfterStart() {
            return start == null || end == null || !end.isBefore(start);
        }

        @AssertTrue(message = "{socialassistance.layer.monitoredNotByHand}")
        public boolean isNotMonitored() {
            return layer == null || layer.stored();
        }
    }

    public record LayerEndCmd(@NotNull Integer version,
                              @NotNull(message = "{socialassistance.end.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {}

    /** A grant: yuan a month (monthly, quarterly) or the whole amount (one-off). */
    public record GrantCmd(
            @Nullable Long memberId,
            @NotNull(message = "{socialassistance.kind.required}") GrantKind kind,
            @NotNull(message = "{socialassistance.amount.required}")
            @DecimalMin(value = "0.01", message = "{socialassistance.amount.positive}")
            @Digits(integer = 12, fraction = 2, message = "{socialassistance.amount.digits}") BigDecimal amount,
            @NotNull(message = "{socialassistance.frequency.required}") Frequency frequency,
            @NotNull(message = "{socialassistance.start.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate end,
            @Nullable @Pattern(regexp = "^$|^[0-9]{8,30}$", message = "{socialassistance.bankAccount.digits}") String bankAccount,
            @Nullable Long measureId,
            @Nullable @Size(max = 200, message = "{socialassistance.note.size}") String note) {

        @AssertTrue(message = "{socialassistance.end.beforeStart}")
        public boolean isEndAfterStart() {
            return start == null || end == null || !end.isBefore(start);
        }
    }

    /** A change of a grant read at {@code version}: amount, end, bank account (blank keeps it), measure, note. */
    public record GrantUpdateCmd(
            @NotNull Integer version,
            @NotNull(message = "{socialassistance.amount.required}")
            @DecimalMin(value = "0.01", message = "{socialassistance.amount.positive}")
            @Digits(integer = 12, fraction = 2, message = "{socialassistance.amount.digits}") BigDecimal amount,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate end,
            @Nullable @Pattern(regexp = "^$|^[0-9]{8,30}$", message = "{socialassistance.bankAccount.digits}") String bankAccount,
            @Nullable Long measureId,
            @Nullable @Size(max = 200, message = "{socialassistance.note.size}") String note) {}
}
