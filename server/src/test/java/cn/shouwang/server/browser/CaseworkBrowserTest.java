package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Casework in a real chromium with the demo accounts and the demo cases of 孤家子镇 (DemoCasework): a household's
 * self-report from a phone-sized window, the township's review and the county's confirmation through the step
 * forms; and, each step clicked and typed as a person does, one household's whole way from a department-comparison
 * warning to the end of its risk, a rejected lead, and an overdue lead. Days and months pass on the server's
 * {@link cn.shouwang.server.TestClock}; SQL only arranges what people had before (registry households, a second
 * county analyst, next year's income line) and finds ids.
 */
class CaseworkBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";   // 团山子村, the demo village monitor's
    static final String TOWNSHIP = "220322103000";  // 孤家子镇
    static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy年M月d日");

    @Autowired RegistryFixtures registry;
    @Autowired AccessFixtures access;
    @Autowired CaseworkFixtures casework;
    @Autowired org.springframework.context.ApplicationContext context;

    @BeforeEach
    void colleaguesAndLines() {
        // a second county analyst: the one who cross-checks a case may not confirm it (maker-checker)
        access.account("county2", "梨树县分析员(二)", Role.COUNTY_ANALYST, "220322000000", DEMO_PASSWORD);
        // the administrator has set the income line of this year and the next (months pass in these tests)
        int year = LocalDate.now(clock).getYear();
        for (int y = year; y <= year + 1; y++) casework.incomeLine("220000000000", y, 8700);
    }

    static String validId(String county6, LocalDate birth, int seq) {
        String body = county6 + birth.toString().replace("-", "") + String.format("%03d", seq);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body.charAt(i) - '0') * w[i];
        String id = body + "10X98765432".charAt(sum % 11);
        if (IdNumber.parse(id).isEmpty()) throw new IllegalStateException(id);
        return id;
    }

    /**
     * A registry household of 团山子村 as earlier months left it: a head who can work (seriously ill, with a phone),
     * and a spouse who cannot.
     */
    long registryHousehold(String no, String head, String idNumber, String phone) {
        return registry.household(VILLAGE).number(no).group("三组").phone(phone)
                .head(head).idNumber(idNumber).labour("ORDINARY").health("SERIOUS_ILLNESS")
                .member(head.charAt(0) + "妻", "SPOUSE", "LOST", "HEALTHY", null).insert();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    String facts() {
        return browser.findElement(By.cssSelector("dl.facts")).getText();
    }

    String doneNotice() {
        return waitFor(By.cssSelector("p.notice")).getText();
    }

    void fill(String id, String value) {
        type(By.id(id), value);
    }

    void tick(String form, String name) {
        WebElement box = browser.findElement(By.cssSelector("form[action$='" + form + "'] input[type=checkbox][name=" + name + "]"));
        if (!box.isSelected()) box.click();
    }

    void untick(String form, String name) {
        WebElement box = browser.findElement(By.cssSelector("form[action$='" + form + "'] input[type=checkbox][name=" + name + "]"));
        if (box.isSelected()) box.click();
    }

    @Test
    void aMonitorOnAPhoneFindsTheHouseholdByTheHeadsNameAndTapsIt() {
        // a household of the demo village monitor's village, with the name search keys the registry writes
        String name = "蒋点选";
        String no = "220322103205" + String.format("%05d", (System.nanoTime() / 1000) % 100_000);
        String s17 = "220322" + "19660708" + String.format("%03d", (System.nanoTime() / 7) % 1000);
        String id = s17 + IdNumber.checkCharacter(s17);
        registry.household(VILLAGE).number(no).group("二组").head(name).idNumber(id).insert();
        String[] head = {no, name};
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/leads/new"));
        browser.findElement(By.id("householdNo")).sendKeys(head[1]);
        WebElement pick = waitFor(By.cssSelector(".picks button.pick[data-fill='" + head[0] + "']"));
        assertThat(pick.getText()).contains(head[1], "团山子村", head[0]);
        Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(width).isLessThanOrEqualTo(375L);
        pick.click();
        assertThat(browser.findElement(By.id("householdNo")).getAttribute("value")).isEqualTo(head[0]);
        assertThat(browser.findElements(By.cssSelector(".picks button.pick"))).isEmpty();
        assertNoConsoleErrors();
    }

    @Test
    void aHouseholdReportsFromAPhone() throws Exception {
        browser.manage().window().setSize(new Dimension(375, 800));
        browser.get(url("/report/220322103205"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("农户困难申报");
        assertThat(browser.findElement(By.cssSelector(".self-report")).getText()).contains("团山子村");
        browser.findElement(By.id("s-name")).sendKeys("冯申报");
        browser.findElement(By.id("s-phone")).sendKeys("13800001234");
        browser.findElement(By.id("s-id")).sendKeys("11010519491231002X");
        browser.findElement(By.cssSelector("input[type=radio][value=DISASTER]")).click();
        browser.findElement(By.id("s-desc")).sendKeys("冰雹砸坏大棚");
        // the picture is shown, at the size a thumb can read; 换一张 brings another without losing what was typed
        WebElement picture = waitForPicture();
        assertThat(picture.getSize().getWidth()).isGreaterThanOrEqualTo(180);
        String firstSrc = picture.getAttribute("src");
        String firstAnswer = answer();
        browser.findElement(By.id("captcha-refresh")).click();
        // htmx swaps the picture in: an element found just before the swap goes stale, so look again
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !firstSrc.equals(d.findElement(By.cssSelector("img.captcha")).getAttribute("src")));
        waitForPicture();
        assertThat(browser.findElement(By.id("s-name")).getAttribute("value")).isEqualTo("冯申报");
        String answer = answer();
        assertThat(browser.getPageSource()).doesNotContain(answer);
        screenshot("self-report-375");
        browser.findElement(By.id("s-answer")).sendKeys(answer);
        // the form is one column that fits the phone: nothing wider than the window
        Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(width).isLessThanOrEqualTo(375L);
        browser.findElement(By.cssSelector(".self-report button[type=submit]")).click();
        String done = waitFor(By.cssSelector(".self-report")).getText();
        assertThat(done).contains("申报已提交").matches("(?s).*编号 [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}.*")
                .doesNotContain("11010519491231002X").doesNotContain("13800001234");
        assertThat(firstAnswer).isNotNull();
        screenshot("self-report-done-375");

        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.get(url("/report/220322103205"));
        browser.executeScript("document.querySelector('img.captcha').scrollIntoView({block: 'center'});");
        waitForPicture();
        screenshot("self-report-1366");
        assertNoConsoleErrors();
    }

    /** The picture, once the browser has loaded it (a broken image has no natural width). */
    private WebElement waitForPicture() {
        WebElement img = waitFor(By.cssSelector("img.captcha"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((Long) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("var i = document.querySelector('img.captcha'); return i && i.complete ? i.naturalWidth : 0;")) > 0);
        return browser.findElement(By.cssSelector("img.captcha"));
    }

    /** What the person reads in the picture: the answer kept in this browser's session on the server. */
    private String answer() throws Exception {
        return cn.shouwang.server.casework.identification.SelfReportTestSupport.answer(context,
                browser.manage().getCookieNamed("JSESSIONID").getValue());
    }

    @Test
    void theTownshipReviewsAndTheCountyConfirmsInTheBrowser() {
        Long atTownship = jdbc.sql("select id from lead where state = 'AWAITING_TOWNSHIP_REVIEW' "
                + "and village_code between '220322103000' and '220322103999' order by id limit 1").query(Long.class)
                .optional().orElse(null);
        assertThat(atTownship).as("DemoCasework leaves a case at the township").isNotNull();

        signIn("township", ServerTest.DEMO_PASSWORD);
        browser.get(url("/leads"));
        // the overdue demo lead stands out in red, with its days overdue
        assertThat(browser.findElements(By.cssSelector("td .status-red"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".tiles")).getText()).matches("超期 [1-9]\\d* 条");
        browser.get(url("/leads/" + atTownship));
        // the township is offered its own review, not the county's confirmation
        assertThat(browser.findElements(By.cssSelector("form[action$='/county']"))).isEmpty();
        WebElement form = browser.findElement(By.cssSelector("form[action$='/township']"));
        form.findElement(By.cssSelector("textarea")).sendKeys("经审核符合条件");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector("p.notice")).getText()).isEqualTo("已办理");
        assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("待县级确认");

        browser.manage().deleteAllCookies();
        signIn("county", ServerTest.DEMO_PASSWORD);
        browser.get(url("/leads/" + atTownship));
        browser.findElement(By.cssSelector("form[action$='/county'] button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector("p.notice")).getText()).isEqualTo("已办理");
        assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("已确认");
        browser.get(url("/monitored"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("监测对象");
        assertNoConsoleErrors();
    }

    @Test
    void oneHouseholdWalksTheWholeMechanismFromAWarningToTheEndOfItsRisk(@TempDir Path tmp) throws Exception {
        String id = validId("220322", LocalDate.of(1969, 7, 7), 701);
        String phone = "13912345678";
        long h = registryHousehold("BPW1", "韩守望", id, phone);
        try {
            LocalDate start = today();
            // ---- 监测预警: the county analyst uploads the health department's file, runs the comparison, turns the warning into a lead
            String period = "2035-06";
            Path file = tmp.resolve("大病诊断.csv");
            Files.writeString(file, "身份证号,确诊日期,疾病\n" + id + ",2035-06-09,肺癌\n", StandardCharsets.UTF_8);
            signIn("county", DEMO_PASSWORD);
            browser.get(url("/uploads"));
            new Select(browser.findElement(By.id("kind"))).selectByValue("MAJOR_DIAGNOSES");
            setValue(By.id("period"), period);
            browser.findElement(By.id("file")).sendKeys(file.toString());
            browser.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            assertThat(waitFor(By.id("upload-accepted")).getText()).contains("1 行");
            browser.get(url("/warnings"));
            setValue(By.id("run-period"), period);
            browser.findElement(By.cssSelector("#run-form button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(90))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-facts"), "已完成"));
            browser.get(url("/warnings"));
            setValue(By.id("period"), period);
            new Select(browser.findElement(By.id("area"))).selectByValue(VILLAGE);
            new Select(browser.findElement(By.id("rule"))).selectByValue("MAJOR_DIAGNOSIS");
            submit(browser.findElement(By.cssSelector("form.filters button[type=submit]")));
            // the household's group: its number in the household row, its warning beneath
            WebElement row = browser.findElement(By.xpath("//table[@id='warnings']/tbody[tr/td/span[text()='BPW1']]"));
            assertThat(row.getText()).contains(IdNumber.mask(id), "韩守望").doesNotContain(id);
            row.findElement(By.cssSelector("input.select-row")).click();
            submit(browser.findElement(By.id("intake-button")));
            assertThat(browser.findElement(By.id("intake-result")).getText()).startsWith("新建线索 1 条");
            submit(browser.findElement(By.xpath("//table[@id='warnings']/tbody[tr/td/span[text()='BPW1']]//a[text()='已转线索']")));
            long lead = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/leads/(\\d+).*", "$1"));
            assertThat(facts()).contains("部门筛查预警", "部门数据比对预警", "新确诊大病", "韩守望", "待入户核实", "剩15天");
            // the county is not offered the village's verification
            assertThat(browser.findElements(By.cssSelector("form[action$='/verify']"))).isEmpty();

            // ---- 入户核实 by the village monitor, on a phone in the farmyard: income from its parts, against this year's line
            switchTo("village");
            browser.manage().window().setSize(new Dimension(375, 800));
            browser.get(url("/leads"));
            assertThat(browser.findElement(By.xpath("//tr[td/a[text()='" + lead + "']]")).getText()).contains("韩守望", "剩15天");
            browser.get(url("/leads/" + lead));
            // the line the income will be compared with is shown beside the income fields
            assertThat(browser.findElement(By.cssSelector("form[action$='/verify'] .line-this-year")).getText())
                    .isEqualTo(start.getYear() + "年监测标准:人均 8,700.00 元;扣除合规自付后人均纯收入不高于此即在监测范围内。");
            // started from the registry: its active members (the income is typed: this household has none recorded)
            assertThat(browser.findElement(By.id("v-size")).getAttribute("value")).isNotEmpty();
            assertThat(browser.findElement(By.cssSelector("p.prefilled")).getText()).startsWith("已按档案预填在册");
            fill("v-findings", "户主确诊肺癌,住院花费大,家中房屋墙体开裂");
            fill("v-wages", "3000");
            fill("v-business", "1000");
            fill("v-property", "0");
            fill("v-transfers", "1200");
            fill("v-costs", "500");
            fill("v-oop", "2000");
            fill("v-size", "2");
            tick("/verify", "housingUnsafe");
            new Select(browser.findElement(By.id("v-main"))).selectByValue("ILLNESS");
            // the long list of other risks is folded until asked for
            WebElement more = browser.findElement(By.cssSelector("input[type=checkbox][name=otherRisks][value=UNSAFE_HOUSING]"));
            assertThat(more.isDisplayed()).isFalse();
            browser.findElement(By.cssSelector("details.more > summary")).click();
            more.click();
            new Select(browser.findElement(By.id("v-cat"))).selectByValue("SUDDEN_HARDSHIP");
            tick("/verify", "consentSigned");
            assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;"))
                    .as("the verification form fits the phone").isLessThanOrEqualTo(375L);
            submitForm("/verify");
            assertThat(doneNotice()).isEqualTo("已办理");
            assertThat(facts()).contains("待县级数据比对");
            assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;"))
                    .as("the lead page fits the phone").isLessThanOrEqualTo(375L);
            browser.manage().window().setSize(new Dimension(1280, 900));
            String verified = browser.findElement(By.cssSelector("h2 + dl.facts")).getText();
            assertThat(verified).contains("2,350.00", "1,350.00", "8,700.00", "在监测范围内", "因病(主)", "因安全住房",
                    "突发严重困难户", "住房不安全");

            // ---- 县级数据比对 by the county analyst
            switchTo("county");
            browser.get(url("/leads/" + lead));
            fill("c-findings", "家庭成员信息与公安、民政、医保数据一致");
            submitForm("/cross-check");
            assertThat(facts()).contains("待民主评议");

            // ---- 民主评议 and 公示 by the village
            switchTo("village");
            browser.get(url("/leads/" + lead));
            fill("r-present", "21");
            fill("r-notes", "参会代表一致同意");
            submitForm("/review");
            assertThat(facts()).contains("待公示");
            fill("n-batch", "BPW" + lead);
            submitForm("/notice");
            assertThat(facts()).contains("公示中", start.toString() + " ~ " + start.plusDays(4));
            submit(browser.findElement(By.linkText("打印公示")));
            String notice = browser.findElement(By.cssSelector("article.notice-sheet")).getText();
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("关于拟将1户农户纳入防止返贫致贫对象的公示");
            assertThat(notice).contains("团山子村", "孤家子镇", "韩守望", "三组", "突发严重困难户",
                    "公示期:" + PRINTED.format(start) + "至" + PRINTED.format(start.plusDays(4)),
                    "于" + PRINTED.format(start) + "召开", "团山子村村民委员会");
            assertThat(notice).doesNotContain(id).doesNotContain(IdNumber.mask(id)).doesNotContain(id.substring(12))
                    .doesNotContain(phone).doesNotContain(phone.substring(7)).doesNotContain("大病").doesNotContain("肺癌")
                    .doesNotContain("因病").doesNotContain(start.toString());
            screenshot("casework-notice");

            // five days of notice (first and last included) pass; the village closes it
            clock.advanceDays(4);
            LocalDate closed = today();
            browser.get(url("/leads/" + lead));
            submitForm("/notice/close");
            assertThat(facts()).contains("待乡镇审核");

            // ---- 乡镇审核
            switchTo("township");
            browser.get(url("/leads/" + lead));
            assertThat(browser.findElements(By.cssSelector("form[action$='/county']"))).isEmpty();
            fill("township-reason", "经审核符合纳入条件");
            submitForm("/township");
            assertThat(facts()).contains("待县级确认");

            // ---- 县级确认: the analyst who cross-checked is told to leave it to a colleague; the colleague confirms
            switchTo("county");
            browser.get(url("/leads/" + lead));
            assertThat(browser.findElements(By.cssSelector("form[action$='/county']"))).isEmpty();
            assertThat(browser.findElement(By.id("maker-checker")).getText()).contains("前序环节");
            switchTo("county2");
            browser.get(url("/leads/" + lead));
            fill("county-reason", "同意纳入监测");
            submitForm("/county");
            assertThat(facts()).contains("已确认", closed + " 办结");
            String log = browser.findElement(By.cssSelector("table.data")).getText();
            assertThat(log).contains("入户核实", "县级数据比对", "民主评议", "公示", "公示结束", "乡镇审核", "县级确认",
                    "梨树县分析员(二)");

            // ---- 监测对象: category, risks, identification month
            browser.get(url("/monitored"));
            WebElement listed = browser.findElement(By.xpath("//tr[td/a[text()='韩守望']]"));
            assertThat(listed.getText()).contains("团山子村", "突发严重困难户", "因病", closed.toString(), "监测中");

            // ---- the village monitor names the officer and plans an income-generating measure
            switchTo("village");
            browser.get(url("/monitored/" + h));
            assertThat(facts()).contains("突发严重困难户", "因病(主)", "因安全住房", closed.toString().substring(0, 7), "监测中");
            fill("o-name", "李帮扶");
            fill("o-unit", "梨树县农业农村局");
            fill("o-phone", "13700001111");
            submitForm("/officer");
            assertThat(browser.findElement(By.id("officers")).getText()).contains("李帮扶", "137****1111", "至今")
                    .doesNotContain("13700001111");
            new Select(browser.findElement(By.id("m-group"))).selectByValue("EMPLOYMENT");
            fill("m-desc", "推荐到县城物流园务工");
            fill("m-resp", "李帮扶");
            fill("m-cost", "1200.50");
            fill("m-fund", "就业补助资金");
            submitForm("/measures");
            assertThat(browser.findElement(By.id("measures")).getText()).contains("就业帮扶", "推荐到县城物流园务工", "1,200.50", "计划中");
            submit(browser.findElement(By.xpath("//table[@id='measures']//button[text()='开始实施']")));
            assertThat(browser.findElement(By.id("measures")).getText()).contains("实施中");

            // ---- three months on: the monitor's home check finds work and the house repaired; the job is delivered
            clock.advance(Period.ofMonths(3));
            browser.manage().window().setSize(new Dimension(375, 800));
            browser.get(url("/monitored/" + h));
            assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;"))
                    .as("the monitored household's page fits the phone").isLessThanOrEqualTo(375L);
            homeCheck("在物流园务工,收入稳定;房屋已维修", "16000", "2000", "1200", "800");
            submit(browser.findElement(By.xpath("//table[@id='measures']//button[text()='标记完成']")));
            assertThat(browser.findElement(By.id("measures")).getText()).contains("已完成");
            assertThat(browser.findElement(By.id("checks")).getText()).contains("9,200.00", "高于监测标准");
            browser.manage().window().setSize(new Dimension(1280, 900));
            // not yet six months: the check says what fails
            assertThat(browser.findElement(By.id("elimination-check")).getText()).contains("纳入监测未满规定月数");
            assertThat(browser.findElements(By.cssSelector("form[action$='/elimination/" + h + "']"))).isEmpty();

            // ---- six months after identification: a second home check, and the check passes
            LocalDate sixMonths = closed.plusMonths(6);
            clock.advanceDays((int) ChronoUnit.DAYS.between(today(), sixMonths));
            browser.get(url("/monitored/" + h));
            homeCheck("务工收入稳定,无大额支出", "18000", "2500", "1200", "900");
            String check = browser.findElement(By.id("elimination-check")).getText();
            assertThat(check).contains("条件全部满足").doesNotContain("未");
            browser.get(url("/elimination"));
            assertThat(browser.findElement(By.id("ready")).getText()).contains("韩守望");
            browser.get(url("/monitored/" + h));
            submit(browser.findElement(By.cssSelector("form[action$='/elimination/" + h + "'] button")));
            assertThat(doneNotice()).isEqualTo("已提出风险消除");
            long elimination = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/leads/(\\d+).*", "$1"));
            assertThat(facts()).contains("风险消除", "待入户核实");

            // ---- the same steps for the elimination (no county data cross-check)
            fill("v-findings", "务工收入稳定,住房安全,医疗费用已报销");
            fill("v-wages", "18000");
            fill("v-business", "2500");
            fill("v-property", "0");
            fill("v-transfers", "1200");
            fill("v-costs", "900");
            fill("v-oop", "0");
            fill("v-size", "2");
            new Select(browser.findElement(By.id("v-main"))).selectByValue("ILLNESS");
            new Select(browser.findElement(By.id("v-cat"))).selectByValue("SUDDEN_HARDSHIP");
            tick("/verify", "rigidCostsResolved");
            new Select(browser.findElement(By.id("v-method"))).selectByValue("ASSISTANCE");
            submitForm("/verify");
            assertThat(facts()).contains("待民主评议");
            fill("r-present", "18");
            submitForm("/review");
            fill("n-batch", "BPE" + elimination);
            submitForm("/notice");
            LocalDate noticeFrom = today();
            submit(browser.findElement(By.linkText("打印公示")));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("关于拟将1户农户标注风险消除的公示");
            String eliminationNotice = browser.findElement(By.cssSelector("article.notice-sheet")).getText();
            assertThat(eliminationNotice).contains("韩守望", "公示期:" + PRINTED.format(noticeFrom))
                    .doesNotContain("拟纳入").doesNotContain(id).doesNotContain(phone);
            clock.advanceDays(4);
            browser.get(url("/leads/" + elimination));
            submitForm("/notice/close");
            switchTo("township");
            browser.get(url("/leads/" + elimination));
            submitForm("/township");
            switchTo("county");
            browser.get(url("/leads/" + elimination));
            submitForm("/county");
            assertThat(facts()).contains("已确认");
            LocalDate ended = today();

            // ---- the household's record shows how and when the risk ended, and it stays in the registry
            browser.get(url("/monitored/" + h));
            assertThat(facts()).contains("风险已消除", "帮扶消除", ended.toString().substring(0, 7));
            assertThat(browser.findElement(By.id("history")).getText())
                    .contains(closed + " 纳入监测", ended + " 风险消除 帮扶消除");
            browser.get(url("/monitored?status=RISK_ELIMINATED"));
            assertThat(browser.findElement(By.xpath("//tr[td/a[text()='韩守望']]")).getText()).contains("风险已消除");
            browser.get(url("/households/" + h));
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("韩守望", "BPW1");
            assertNoConsoleErrors();
        } finally {
            clock.reset();
        }
    }

    /** The village monitor opens a field-screening lead from 识别认定 → 新建线索; returns its id. */
    long openLeadInTheBrowser(String householdNo, String description) {
        browser.get(url("/leads"));
        submit(browser.findElement(By.linkText("新建线索")));
        fill("householdNo", householdNo);
        fill("description", description);
        browser.findElement(By.cssSelector("input[type=checkbox][name=riskCodes][value=ILLNESS]")).click();
        submit(browser.findElement(By.cssSelector("form[action$='/leads'] button[type=submit]")));
        assertThat(doneNotice()).isEqualTo("已新建线索");
        return Long.parseLong(browser.getCurrentUrl().replaceAll(".*/leads/(\\d+).*", "$1"));
    }

    @Test
    void aRejectedLeadStaysOnRecordWithItsReasonAndANewReportOpensANewLead() {
        long h = registryHousehold("BPR1", "魏否决", validId("220322", LocalDate.of(1970, 8, 8), 702), "13912340002");
        signIn("village", DEMO_PASSWORD);
        long lead = openLeadInTheBrowser("BPR1", "走访发现户主住院");
        fill("v-findings", "户主住院,自述收入低");
        for (String f : List.of("v-wages", "v-business", "v-property", "v-transfers", "v-costs", "v-oop")) fill(f, "1000");
        fill("v-size", "2");
        new Select(browser.findElement(By.id("v-main"))).selectByValue("ILLNESS");
        new Select(browser.findElement(By.id("v-cat"))).selectByValue("MARGINAL_AT_RISK");
        tick("/verify", "consentSigned");
        submitForm("/verify");
        assertThat(facts()).contains("待县级数据比对");

        // the county's cross-check finds property the household did not declare: not offered to the village, refused
        switchTo("county");
        browser.get(url("/leads/" + lead));
        String reason = "县级数据比对:家庭成员名下有商品房两套、小轿车一辆,不符合纳入条件";
        fill("x-reason", reason);
        submitForm("/reject");
        assertThat(browser.findElement(By.cssSelector("dl.facts span.status")).getAttribute("class")).contains("status-grey");
        assertThat(facts()).contains("未通过", reason);
        assertThat(browser.findElements(By.cssSelector("form.form"))).as("no step is offered on a closed case").isEmpty();

        // it leaves the open list, stays on record in grey, and the household is not monitored
        switchTo("village");
        browser.get(url("/leads"));
        assertThat(browser.findElements(By.xpath("//tr[td/a[text()='" + lead + "']]"))).isEmpty();
        new Select(browser.findElement(By.id("urgency"))).selectByValue("all");
        submit(browser.findElement(By.cssSelector("form.filters button[type=submit]")));
        WebElement kept = browser.findElement(By.xpath("//tr[td/a[text()='" + lead + "']]"));
        assertThat(kept.getText()).contains("魏否决", "未通过").doesNotContain("剩").doesNotContain("超期");
        assertThat(kept.findElement(By.cssSelector("span.status")).getAttribute("class")).contains("status-grey");
        browser.get(url("/monitored"));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("魏否决");

        // a new report about the household opens a new lead; the rejected one is unchanged and shown beside it
        long again = openLeadInTheBrowser("BPR1", "户主再次住院,医疗费用高");
        assertThat(again).isNotEqualTo(lead);
        assertThat(facts()).contains("待入户核实", "剩15天");
        assertThat(browser.findElement(By.id("earlier-leads")).getText()).contains(String.valueOf(lead), "未通过", reason);
        browser.get(url("/leads/" + lead));
        assertThat(facts()).contains("未通过", reason);
        assertThat(jdbc.sql("select count(*) from lead where household_id = :h").param("h", h).query(Integer.class).single())
                .isEqualTo(2);
        assertNoConsoleErrors();
    }

    @Test
    void anOverdueLeadStandsOutInRedWithItsDaysOverdueInTheListOnItsPageAndInTheAreaCounts() {
        registryHousehold("BPO1", "秦超期", validId("220322", LocalDate.of(1971, 9, 9), 703), "13912340003");
        try {
            signIn("village", DEMO_PASSWORD);
            long lead = openLeadInTheBrowser("BPO1", "走访发现务工返乡无收入");
            assertThat(facts()).contains("剩15天");
            assertThat(browser.findElement(By.cssSelector("dl.facts dd span.status")).getAttribute("class")).contains("status-blue");
            clock.advanceDays(13);
            browser.get(url("/leads/" + lead));
            assertThat(facts()).contains("剩2天");
            assertThat(browser.findElement(By.cssSelector("dl.facts dd span.status")).getAttribute("class")).contains("status-orange");
            clock.advanceDays(4); // 17 days after the lead, 15 allowed
            LocalDate today = today();
            browser.get(url("/leads/" + lead));
            WebElement onPage = browser.findElement(By.xpath("//dl[@class='facts']//span[contains(text(), '超期')]"));
            assertThat(onPage.getText()).isEqualTo("超期2天");
            assertThat(onPage.getAttribute("class")).contains("status-red");
            assertThat(facts()).contains("截止 " + today.minusDays(2));

            browser.get(url("/leads"));
            WebElement row = browser.findElement(By.xpath("//tr[td/a[text()='" + lead + "']]"));
            assertThat(row.findElement(By.xpath("td[last()]/span")).getText()).isEqualTo("超期2天");
            assertThat(row.findElement(By.xpath("td[last()]/span")).getAttribute("class")).contains("status-red");
            // only the overdue ones, from the red tile: red with white text, as the status colours say (it was white
            // on white when the tile's own rule overrode the status colour)
            WebElement tile = browser.findElement(By.cssSelector(".tiles a.status-red"));
            assertThat(tile.getCssValue("background-color")).isEqualTo("rgba(198, 40, 40, 1)");
            assertThat(tile.getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
            submit(tile);
            assertThat(browser.findElements(By.xpath("//tr[td/a[text()='" + lead + "']]"))).hasSize(1);

            // counted per area: the township sees its villages, the county its townships, each overdue count in red
            String overdueInVillage = String.valueOf(overdue(VILLAGE, VILLAGE));
            String overdueInTownship = String.valueOf(overdue("220322103000", "220322103999"));
            switchTo("township");
            browser.get(url("/leads"));
            assertThat(browser.findElement(By.cssSelector(".tiles")).getText()).isEqualTo("超期 " + overdueInTownship + " 条");
            WebElement village = browser.findElement(By.xpath("//tr[td[1][text()='团山子村']]/td[3]/span"));
            assertThat(village.getText()).isEqualTo(overdueInVillage);
            assertThat(village.getAttribute("class")).contains("status-red");
            switchTo("county");
            browser.get(url("/leads"));
            WebElement township = browser.findElement(By.xpath("//tr[td[1][text()='孤家子镇']]/td[3]/span"));
            assertThat(township.getText()).isEqualTo(overdueInTownship);
            assertThat(township.getAttribute("class")).contains("status-red");
            assertNoConsoleErrors();
        } finally {
            clock.reset();
        }
    }

    /** Open identification leads past their due day in villages lo..hi, as the lists should count them. */
    int overdue(String lo, String hi) {
        return jdbc.sql("select count(*) from lead where workflow = 'IDENTIFICATION' and state not in ('CONFIRMED','REJECTED') "
                        + "and due_on < :today and village_code between :lo and :hi")
                .param("today", today()).param("lo", lo).param("hi", hi).query(Integer.class).single();
    }

    /** The village monitor's home check of a monitored household (收入核查), all guarantees secure. */
    void homeCheck(String findings, String wages, String business, String transfers, String costs) {
        fill("hc-findings", findings);
        fill("hc-wages", wages);
        fill("hc-business", business);
        fill("hc-property", "0");
        fill("hc-transfers", transfers);
        fill("hc-costs", costs);
        fill("hc-oop", "0");
        fill("hc-size", "2");
        tick("/checks", "rigidCostsResolved");
        submitForm("/checks");
        assertThat(doneNotice()).isEqualTo("已办理");
    }
}
