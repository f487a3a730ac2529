package cn.shouwang.server.employment.workshops;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** An assistance workshop as typed: name, owner, products, village. */
public record WorkshopCmd(
        @NotBlank(message = "{employment.workshop.name.required}") @Size(max = 80, message = "{employment.text.size}") String name,
        @NotBlank(message = "{employment.workshop.owner.required}") @Size(max = 80, message = "{employment.text.size}") String owner,
        @Nullable @Size(max = 200, message = "{employment.text.size}") String products,
        @NotBlank(message = "{employment.workshop.village.required}") String villageCode) {}
