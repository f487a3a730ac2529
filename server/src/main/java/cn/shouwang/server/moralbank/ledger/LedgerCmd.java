package cn.shouwang.server.moralbank.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The ledger's forms; messages are keys of i18n/moralbank*.properties. */
public final class LedgerCmd {
    private LedgerCmd() {}

    public record ItemEntry(
            @NotNull(message = "{moralbank.item.required}") Long itemId,
            @NotNull(message = "{moralbank.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate entryDate,
            @Size(max = 200, message = "{moralbank.note.size}") @Nullable String note) {
        public String noteText() {
            return note == null ? "" : note.strip();
        }
    }

    public record Redemption(
            @NotNull(message = "{moralbank.goods.required}") Long goodsId,
            @NotNull(message = "{moralbank.quantity.required}") @Min(value = 1, message = "{moralbank.quantity.range}")
            @Max(value = 100, message = "{moralbank.quantity.range}") Integer quantity,
            @NotNull(message = "{moralbank.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate entryDate,
            @Size(max = 200, message = "{moralbank.note.size}") @Nullable String note) {
        public String noteText() {
            return note == null ? "" : note.strip();
        }
    }

    public record Reversal(
            @NotBlank(message = "{moralbank.reason.required}") @Size(max = 200, message = "{moralbank.note.size}") String reason,
            @NotNull(message = "{moralbank.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate entryDate) {}
}
