package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** An id-number search in a real browser: the household is found, and the address bar never holds the number. */
class RegistrySearchBrowserTest extends BrowserTestSupport {
    @Autowired PersonalDataApi personalData;

    @Test
    void searchingByIdNumberKeepsTheNumberOutOfTheAddressBar() {
        // a household of the demo village monitor's village (团山子村)
        String village = "220322103205";
        String s17 = "220322" + "19650304" + String.format("%03d", (System.nanoTime() / 1000) % 1000);
        String id = s17 + IdNumber.checkCharacter(s17);
        int edition = jdbc.sql("select id from area_edition where is_current").query(Integer.class).single();
        String no = "SB" + System.nanoTime();
        long h = jdbc.sql("""
                insert into household (household_no, area_edition_id, village_code, village_group, created_at, updated_at)
                values (:no, :e, :v, '一组', now(), now()) returning id""")
                .param("no", no).param("e", edition).param("v", village).query(Long.class).single();
        jdbc.sql("""
                insert into member (household_id, area_code, id_number_hash, id_number_enc, name, name_grams, sex, birth_date,
                  relation, labour_capacity, health_enc, schooling_stage)
                values (:h, :v, :hash, :enc, '辛查询', '{}', 'M', '1965-03-04', 'HEAD', 'ORDINARY', :health, 'NONE')""")
                .param("h", h).param("v", village).param("hash", personalData.idNumberHash(IdNumber.of(id)))
                .param("enc", personalData.seal(id))
                .param("health", personalData.sealHealth(new HealthDetails(HealthStatus.HEALTHY, null))).update();

        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/households"));
        waitFor(By.id("q")).sendKeys(id);
        WebElement before = browser.findElement(By.cssSelector("#results table"));
        browser.findElement(By.id("q")).submit();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(before));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("qt="));

        assertThat(browser.findElement(By.id("results")).getText()).contains(no).contains("共 1 户");
        assertThat(browser.getCurrentUrl()).doesNotContain(id.substring(0, 14));
        for (WebElement a : browser.findElements(By.cssSelector("#results a, a.btn"))) {
            assertThat(String.valueOf(a.getAttribute("href"))).doesNotContain(id.substring(0, 14));
        }
        // reloading the address (it holds only the token) shows the same result
        browser.navigate().refresh();
        assertThat(waitFor(By.id("results")).getText()).contains(no);
        assertNoConsoleErrors();
    }
}
