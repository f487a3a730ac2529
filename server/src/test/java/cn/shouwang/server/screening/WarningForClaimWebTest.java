package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/**
 * {@link ScreeningApi#warningForClaim}: a medical warning from a real upload and run gives the insurance claim its
 * household, person and amount within the caller's area, nothing outside it; the warnings list links it to the claim
 * form, which comes prefilled.
 */
class WarningForClaimWebTest extends ServerTest {
    static final String COUNTY = ScreeningWebTest.COUNTY;
    static final String VILLAGE = ScreeningWebTest.VILLAGE;
    static final String PERIOD = "2048-05";

    @Autowired RegistryFixtures registry;
    @Autowired ScreeningApi screening;

    long run() throws Exception {
        MvcResult r = mvc.perform(post("/warnings/runs").param("period", PERIOD)
                .with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        long run = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/warnings/runs/".length()));
        for (int i = 0; i < 600; i++) {
            String s = jdbc.sql("select status from screening_run where id = :id").param("id", run).query(String.class).single();
            if (!s.equals("RUNNING")) {
                assertThat(s).isEqualTo("DONE");
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " did not finish");
    }

    @Test
    void aMedicalWarningPrefillsTheClaimWithinTheAreaOnly() throws Exception {
        String id = ScreeningWebTest.validId("220322", LocalDate.of(1966, 6, 6), 517);
        long h = registry.household(VILLAGE).head("钱预警").idNumber(id).insert();
        String csv = "id_number,settled_on,total_cost,insurance_paid,out_of_pocket\n" + id + ",2048-05-03,40000.00,18000.00,22000.00\n";
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "medical_claims.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).param("kind", "MEDICAL_CLAIMS").param("period", PERIOD)
                        .with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
                .andExpect(status().is(302));
        run();
        long w = jdbc.sql("select id from screening_warning where household_id = :h and period = :p and rule = 'MEDICAL_PERSON'")
                .param("h", h).param("p", PERIOD).query(Long.class).single();

        var found = screening.warningForClaim(w, new AreaScope(COUNTY)).orElseThrow();
        assertThat(found.householdId()).isEqualTo(h);
        assertThat(found.rule()).isEqualTo("MEDICAL_PERSON");
        assertThat(found.amount()).isEqualByComparingTo("22000.00");
        long head = jdbc.sql("select id from member where household_id = :h").param("h", h).query(Long.class).single();
        assertThat(found.memberId()).isEqualTo(head);
        // another county, or another village of the county, learns nothing
        assertThat(screening.warningForClaim(w, new AreaScope("220381000000"))).isEmpty();
        assertThat(screening.warningForClaim(w, new AreaScope(VILLAGE.substring(0, 9) + "999"))).isEmpty();

        String list = mvc.perform(get("/warnings").param("period", PERIOD).param("area", VILLAGE)
                        .with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("/insurance/claims/new?warning=" + w);
        String form = mvc.perform(get("/insurance/claims/new").param("warning", String.valueOf(w)).locale(Locale.SIMPLIFIED_CHINESE)
                        .with(ScreeningWebTest.as(Role.TOWNSHIP_STAFF, VILLAGE.substring(0, 9) + "000")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("钱预警", "22000.00", "value=\"2048\"", "由比对预警");
        assertThat(form).containsPattern("<option value=\"ILLNESS\" selected");
        assertThat(form).containsPattern("<option value=\"" + head + "\" selected");
        mvc.perform(get("/insurance/claims/new").param("warning", String.valueOf(w))
                        .with(ScreeningWebTest.as(Role.TOWNSHIP_STAFF, "220381100000")))
                .andExpect(status().isNotFound());
    }
}
