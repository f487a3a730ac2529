package cn.shouwang.screening.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.screening.feed.Soffice;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three asset files of docs/feeds-assets.md as departments send them: a GB18030 CSV with Chinese headers and
 * Chinese type words, and a workbook saved by LibreOffice (id numbers of 18 digits become numbers there: "digits
 * lost", rejected; an id number ending in X stays text and is read). Each person holds one registration: at the
 * limit, below, above, above but ended, above but registered after the period, above but of a type not counted.
 * Only "above" warns.
 */
class AssetFeedsTest {
    static final Period JUNE = Period.parse("2024-06");

    @TempDir Path dir;
    Path registry, feeds;
    /** Heads whose id numbers end in X (they stay text in a workbook), one per household. */
    final List<String> heads = new ArrayList<>();
    /** One head whose id number has only digits: a workbook turns it into a number. */
    String digitsOnly;

    static String idEndingIn(char check, String birth, int from) {
        for (int seq = from; seq < 1000; seq++) {
            String first = "220322" + birth + String.format("%03d", seq);
            if (IdNumber.checkCharacter(first) == check) return first + check;
        }
        throw new IllegalStateException();
    }

    @BeforeEach
    void registry() throws Exception {
        registry = Files.createDirectories(dir.resolve("registry"));
        feeds = Files.createDirectories(dir.resolve("feeds"));
        StringBuilder h = new StringBuilder("household_id,area_code,head_id_number,formerly_poor\n");
        StringBuilder m = new StringBuilder("household_id,id_number,name,relation,labour_capacity,status\n");
        StringBuilder i = new StringBuilder("household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket\n");
        for (int k = 0; k < 7; k++) {
            String id = k < 6 ? idEndingIn('X', "1980010" + (k + 1), 1) : idEndingIn('7', "19800201", 1);
            if (k < 6) heads.add(id); else digitsOnly = id;
            String hid = "H" + k;
            h.append(hid).append(",220322103001,").append(id).append(",N\n");
            m.append(hid).append(',').append(id).append(",户主").append(k).append(",HEAD,ORDINARY,ACTIVE\n");
            i.append(hid).append(",2023,90000,0,0,0,0,0\n");
        }
        Files.writeString(registry.resolve("households.csv"), h);
        Files.writeString(registry.resolve("members.csv"), m);
        Files.writeString(registry.resolve("incomes.csv"), i);
    }

    /** The vehicle file: value at 50,000 (the default limit), below, above, above but deregistered, after June, a truck. */
    String vehicles() {
        return "公民身份号码,号牌号码,车辆类型,初次登记日期,车辆状态,车辆价值\n"
                + heads.get(0) + ",吉C00001,小型汽车,2020-05-01,正常,50000\n"
                + heads.get(1) + ",吉C00002,小型汽车,2020-05-01,正常,49999.99\n"
                + heads.get(2) + ",吉C00003,小型汽车,2024-06-30,正常,50000.01\n"
                + heads.get(3) + ",吉C00004,小型汽车,2020-05-01,注销,90000\n"
                + heads.get(4) + ",吉C00005,小型汽车,2024-07-01,正常,90000\n"
                + heads.get(5) + ",吉C00006,轻型货车,2020-05-01,正常,90000\n"
                + digitsOnly + ",吉C00007,小型汽车,2020-05-01,正常,90000\n";
    }

    /** Property: any commercial housing above 0 yuan (the default limit is 0). */
    String property() {
        return "身份证号,不动产权证号,房屋类型,登簿日期,权属状态,成交价格\n"
                + heads.get(0) + ",吉(2020)梨树县不动产权第0000001号,商品房,2020-05-01,现势,0\n"
                + heads.get(2) + ",吉(2020)梨树县不动产权第0000003号,商品住房,2021-05-01,现势,0.01\n"
                + heads.get(3) + ",吉(2020)梨树县不动产权第0000004号,商品房,2020-05-01,已注销,300000\n"
                + heads.get(4) + ",吉(2024)梨树县不动产权第0000005号,商品房,2024-07-01,现势,300000\n"
                + heads.get(5) + ",吉(2020)梨树县不动产权第0000006号,宅基地房屋,2020-05-01,现势,300000\n"
                + digitsOnly + ",吉(2020)梨树县不动产权第0000007号,商品房,2020-05-01,现势,300000\n";
    }

    /** Market entities: registered capital at 100,000, below, above, above but revoked, after June, a cooperative. */
    String entities() {
        return "身份证号,主体名称,主体类型,成立日期,登记状态,注册资本\n"
                + heads.get(0) + ",梨树县甲商店,个体工商户,2019-03-01,存续,100000\n"
                + heads.get(1) + ",梨树县乙商店,个体工商户,2019-03-01,存续,99999.99\n"
                + heads.get(2) + ",梨树县丙有限公司,有限责任公司,2019-03-01,存续,100000.01\n"
                + heads.get(3) + ",梨树县丁有限公司,有限责任公司,2019-03-01,吊销,500000\n"
                + heads.get(4) + ",梨树县戊有限公司,有限责任公司,2024-07-02,存续,500000\n"
                + heads.get(5) + ",梨树县己合作社,农民专业合作社,2019-03-01,存续,500000\n"
                + digitsOnly + ",梨树县庚有限公司,有限责任公司,2019-03-01,存续,500000\n";
    }

    List<String> run(String name) throws Exception {
        Path out = dir.resolve("out-" + name);
        Screening.run(new Screening.Options(registry, feeds, JUNE, RulesConfig.defaults(), out, 2, null));
        return Files.readAllLines(out.resolve("warnings.csv"), StandardCharsets.UTF_8);
    }

    List<String> rejects(String name) throws Exception {
        return Files.readAllLines(dir.resolve("out-" + name).resolve("rejects.csv"), StandardCharsets.UTF_8);
    }

    /** Only the registration above the limit warns, in each of the three files, with the values that decided it. */
    List<String> expected() {
        String p = "2024-06,H2," + heads.get(2);
        List<String> w = new ArrayList<>();
        w.add("period,household_id,id_number,rule,risk_type,source,line,detail");
        w.add(p + ",MARKET_ENTITY_ASSET,,market_entities,4,entity_type=ENTERPRISE;registered_capital=100000.01;limit=100000.00;registered_on=2019-03-01");
        w.add(p + ",PROPERTY_ASSET,,property_registrations,3,property_type=COMMERCIAL_HOUSING;value=0.01;limit=0.00;registered_on=2021-05-01");
        w.add(p + ",VEHICLE_ASSET,,vehicle_registrations,4,vehicle_type=PASSENGER_CAR;value=50000.01;limit=50000.00;registered_on=2024-06-30");
        return w;
    }

    @Test
    void gb18030CsvFilesWithChineseHeadersAndWords() throws Exception {
        Files.writeString(feeds.resolve("vehicle_registrations.csv"), vehicles(), CsvScanner.GB18030);
        Files.writeString(feeds.resolve("property_registrations.csv"), property(), CsvScanner.GB18030);
        Files.writeString(feeds.resolve("market_entities.csv"), entities(), CsvScanner.GB18030);
        List<String> got = run("csv");
        // the person with only digits in the id number (not a workbook here) warns too, in every file
        String d = "2024-06,H6," + digitsOnly;
        List<String> want = new ArrayList<>(expected());
        want.add(d + ",MARKET_ENTITY_ASSET,,market_entities,8,entity_type=ENTERPRISE;registered_capital=500000.00;limit=100000.00;registered_on=2019-03-01");
        want.add(d + ",PROPERTY_ASSET,,property_registrations,7,property_type=COMMERCIAL_HOUSING;value=300000.00;limit=0.00;registered_on=2020-05-01");
        want.add(d + ",VEHICLE_ASSET,,vehicle_registrations,8,vehicle_type=PASSENGER_CAR;value=90000.00;limit=50000.00;registered_on=2020-05-01");
        assertThat(got).containsExactlyElementsOf(want);
        assertThat(rejects("csv")).containsExactly("source,line,reason");
    }

    @Test
    void workbooksSavedByLibreOffice() throws Exception {
        assumeTrue(Soffice.available(), "soffice is not on the PATH");
        Path csvs = Files.createDirectories(dir.resolve("csv"));
        for (String[] f : new String[][] {{"vehicle_registrations", vehicles()}, {"property_registrations", property()},
                {"market_entities", entities()}}) {
            Path csv = csvs.resolve(f[0] + ".csv");
            Files.writeString(csv, f[1], StandardCharsets.UTF_8);
            Files.copy(Soffice.convert(csv, "xlsx", feeds), feeds.resolve(f[0] + ".xlsx"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(run("xlsx")).containsExactlyElementsOf(expected());
        // the id number LibreOffice kept as a number is refused as digits lost, never matched to a person
        assertThat(rejects("xlsx")).containsExactlyInAnyOrder("source,line,reason",
                "market_entities,8,id_number digits lost", "property_registrations,7,id_number digits lost",
                "vehicle_registrations,8,id_number digits lost");
    }
}
