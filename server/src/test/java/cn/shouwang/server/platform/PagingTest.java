package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;

/** The one paging idiom: what a request may ask for and what every list template reads. */
class PagingTest {
    @Test
    void pageAndSizeFallBackToTheFirstPageAndTwentyRows() {
        assertThat(Paging.page(null)).isEqualTo(1);
        assertThat(Paging.page(0)).isEqualTo(1);
        assertThat(Paging.page(-3)).isEqualTo(1);
        assertThat(Paging.page(7)).isEqualTo(7);
        assertThat(Paging.size(null)).isEqualTo(20);
        assertThat(Paging.size(37)).isEqualTo(20);
        assertThat(Paging.size(100)).isEqualTo(100);
    }

    @Test
    void theModelHoldsWhatTheTemplatesRead() {
        ExtendedModelMap m = new ExtendedModelMap();
        Paging.toModel(m, 2, 50, 101);
        assertThat(m).containsEntry("page", 2).containsEntry("size", 50).containsEntry("total", 101L)
                .containsEntry("pages", 3).containsEntry("pageSizes", Paging.PAGE_SIZES);
        Paging.toModel(m, 1, 20, 0);
        assertThat(m).containsEntry("pages", 1);
    }
}
