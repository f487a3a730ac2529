package cn.shouwang.server.household;

import org.jspecify.annotations.Nullable;

/**
 * The filters above the household table. {@code q} is read as an id number (18 characters), a household
 * number (17 digits) or a part of a member's name.
 */
public record HouseholdFilter(@Nullable String q, @Nullable String area, @Nullable Boolean formerlyPoor,
                              @Nullable String sort, @Nullable String dir, @Nullable Integer page, @Nullable Integer size) {

    public static final int DEFAULT_SIZE = 20;

    public int pageOr1() { return cn.shouwang.server.platform.Paging.page(page); }

    public int sizeOrDefault() {
        if (size == null) return DEFAULT_SIZE;
        return switch (size) { case 10, 20, 50, 100 -> size; default -> DEFAULT_SIZE; };
    }

    public String sortColumn() {
        return switch (sort == null ? "" : sort) {
            case "village" -> "h.village_code";
            case "updated" -> "h.updated_at";
            case "poor" -> "h.formerly_poor";
            default -> "h.household_no";
        };
    }

    public boolean descending() { return "desc".equals(dir); }

    public HouseholdFilter withQ(@Nullable String newQ) { return new HouseholdFilter(newQ, area, formerlyPoor, sort, dir, page, size); }

    public HouseholdFilter withPage(int p) { return new HouseholdFilter(q, area, formerlyPoor, sort, dir, p, size); }
}
