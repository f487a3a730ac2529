package cn.shouwang.server.casework.shared;

import cn.shouwang.core.casework.CaseworkException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.springframework.validation.BindingResult;

/** Puts a refused command's reason beside the form field it concerns (or above the form). */
public final class Forms {
    private Forms() {}

    public static void reject(BindingResult binding, CaseworkException e, Object form) {
        String code = "casework.problem." + e.problem().name();
        String field = e.field();
        if ("riskTypes".equals(field)) field = "mainRisk";
        if (field != null && form.getClass().isRecord()) {
            String f = field;
            boolean present = Arrays.stream(form.getClass().getRecordComponents()).map(RecordComponent::getName)
                    .anyMatch(n -> n.equals(f));
            if (present) {
                binding.rejectValue(field, code);
                return;
            }
        }
        binding.reject(code);
    }

    public static int page(Integer page) {
        return cn.shouwang.server.platform.Paging.page(page);
    }

    /**
     * ORDER BY for a list's sortable columns: {@code sort} must be a key of {@code columns} (whitelisted SQL, never
     * the request's text); otherwise the list's default order. {@code tiebreak} keeps paging stable.
     */
    public static String orderBy(@org.jspecify.annotations.Nullable String sort, @org.jspecify.annotations.Nullable String dir,
                          java.util.Map<String, String> columns, String defaultOrder, String tiebreak) {
        String column = sort == null ? null : columns.get(sort);
        if (column == null) return defaultOrder;
        return column + ("desc".equals(dir) ? " desc" : " asc") + ", " + tiebreak;
    }

    /** The sort key if the list knows it, else null (the page then shows its default order). */
    public static @org.jspecify.annotations.Nullable String sortKey(@org.jspecify.annotations.Nullable String sort,
                                                            java.util.Map<String, String> columns) {
        return sort != null && columns.containsKey(sort) ? sort : null;
    }

    /** The page sizes a list offers ({@link cn.shouwang.server.platform.Paging}). */
    static final java.util.List<Integer> PAGE_SIZES = cn.shouwang.server.platform.Paging.PAGE_SIZES;

    public static int size(Integer size) {
        return cn.shouwang.server.platform.Paging.size(size);
    }

    /** What every paged list's template reads: page, size, total, pages and the size choice. */
    public static void paging(org.springframework.ui.Model model, int page, int size, int total) {
        cn.shouwang.server.platform.Paging.toModel(model, page, size, total);
    }
}
