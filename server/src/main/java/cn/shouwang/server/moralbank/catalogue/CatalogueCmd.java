package cn.shouwang.server.moralbank.catalogue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The catalogue's forms; messages are keys of i18n/moralbank*.properties. */
public final class CatalogueCmd {
    private CatalogueCmd() {}

    public record CategoryCmd(
            @NotBlank(message = "{moralbank.area.required}") String areaCode,
            @NotBlank(message = "{moralbank.code.required}")
            @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "{moralbank.code.pattern}") String code,
            @NotBlank(message = "{moralbank.name.required}") @Size(max = 40, message = "{moralbank.name.size}") String nameZh,
            @Size(max = 80, message = "{moralbank.name.size}") @Nullable String nameEn) {}

    public record ItemCmd(
            @NotBlank(message = "{moralbank.area.required}") String areaCode,
            @NotBlank(message = "{moralbank.name.required}") @Size(max = 60, message = "{moralbank.name.size}") String name,
            @NotNull(message = "{moralbank.points.required}") @Min(value = -1000, message = "{moralbank.points.range}")
            @Max(value = 1000, message = "{moralbank.points.range}") Integer points,
            @NotBlank(message = "{moralbank.category.required}") String categoryCode) {
        public ItemCmd {
            if (points != null && points == 0) points = null; // zero changes nothing: refused as missing
        }
    }

    public record GoodsCmd(
            @NotBlank(message = "{moralbank.village.required}") String villageCode,
            @NotBlank(message = "{moralbank.name.required}") @Size(max = 60, message = "{moralbank.name.size}") String name,
            @NotNull(message = "{moralbank.price.required}") @Min(value = 1, message = "{moralbank.price.range}")
            @Max(value = 100000, message = "{moralbank.price.range}") Integer price,
            @NotNull(message = "{moralbank.stock.required}") @Min(value = 0, message = "{moralbank.stock.range}")
            @Max(value = 100000, message = "{moralbank.stock.range}") Integer stock) {}
}
