package cn.shouwang.server.screening;

import static cn.shouwang.server.screening.ScreeningWebTest.COUNTY;
import static cn.shouwang.server.screening.ScreeningWebTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import org.junit.jupiter.api.Test;

/** A refused 开始比对 says why in the page's language (texts from the bundle, not from code). */
class RunRefusedWebTest extends ServerTest {

    @Test
    void aBadPeriodIsRefusedInChineseAndEnglish() throws Exception {
        String zh = mvc.perform(post("/warnings/runs").param("period", "2024-13").with(as(Role.COUNTY_ANALYST, COUNTY))
                .with(csrf())).andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(zh).contains("比对期格式应为 YYYY-MM，例如 2024-06");
        String en = mvc.perform(post("/warnings/runs").param("period", "June").param("lang", "en")
                .with(as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("The period must be YYYY-MM, e.g. 2024-06");
    }
}
