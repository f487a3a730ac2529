package cn.shouwang.server.platform;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/**
 * The one paging idiom of every paged list (ui.md: 20 a page, with 50 and 100 to choose): the page and size a request
 * asked for, made safe, and what the list templates read (page, size, total, pages, pageSizes).
 */
public final class Paging {
    /** The page sizes a list offers; any other asked size falls back to the first. */
    public static final List<Integer> PAGE_SIZES = List.of(20, 50, 100);

    private Paging() {}

    /**
     * The last page a list answers: a million pages of 100 rows is more than any registry holds, and keeps
     * {@code (page - 1) * size} inside an int (a page of 2147483647 overflowed into a negative SQL offset).
     */
    public static final int MAX_PAGE = 1_000_000;

    /** 1 for a missing, zero or negative page; at most {@link #MAX_PAGE}. */
    public static int page(@Nullable Integer page) {
        return page == null || page < 1 ? 1 : Math.min(page, MAX_PAGE);
    }

    /** One of {@link #PAGE_SIZES}; 20 for anything else. */
    public static int size(@Nullable Integer size) {
        return size == null || !PAGE_SIZES.contains(size) ? PAGE_SIZES.get(0) : size;
    }

    /** How many pages {@code total} rows make, at least one (an empty list is one empty page). */
    public static int pages(long total, int size) {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /** Puts page, size, total, pages and the size choice in the model, as every list template reads them. */
    public static void toModel(Model model, int page, int size, long total) {
        model.addAttribute("total", total).addAttribute("page", page).addAttribute("size", size)
                .addAttribute("pages", pages(total, size)).addAttribute("pageSizes", PAGE_SIZES);
    }
}
