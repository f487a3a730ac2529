package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.rules.RulesFile;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.Summary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asset rules (docs/feeds-assets.md) in both engines on the same files: registrations at, below and above local
 * limits, ended ones, later ones, other types, a monitored household (not suppressed), in a GB18030 CSV with Chinese
 * words, a UTF-8 file with a byte-order mark and a plain one. warnings.csv and rejects.csv byte for byte.
 */
class AssetParityTest {
    static final Period JUNE = Period.parse("2024-06");

    @TempDir Path dir;

    static String id(String birth, int seq) {
        String first = "220322" + birth + String.format("%03d", seq);
        return first + IdNumber.checkCharacter(first);
    }

    @Test
    void plainAndSparkGiveTheSameAssetWarnings() throws Exception {
        Path reg = Files.createDirectories(dir.resolve("registry")), feeds = Files.createDirectories(dir.resolve("feeds"));
        StringBuilder h = new StringBuilder("household_id,area_code,head_id_number,formerly_poor\n");
        StringBuilder m = new StringBuilder("household_id,id_number,name,relation,labour_capacity,status\n");
        StringBuilder inc = new StringBuilder("household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket\n");
        StringBuilder mon = new StringBuilder("household_id,category,risk_types,identified_month,status\n");
        StringBuilder v = new StringBuilder("公民身份号码,车辆类型,初次登记日期,车辆状态,车辆价值\n");
        StringBuilder p = new StringBuilder("id_number,property_type,registered_on,status,value\n");
        StringBuilder e = new StringBuilder("id_number,entity_type,registered_on,status,registered_capital\n");
        String[] values = {"39999.99", "40000", "40000.01", "90000"};
        for (int k = 0; k < 40; k++) {
            String id = id("19750" + (1 + k % 9) + "1" + (k % 9), k + 1);
            String hid = String.format("H%03d", k);
            h.append(hid).append(",220322103001,").append(id).append(k % 3 == 0 ? ",Y\n" : ",N\n");
            m.append(hid).append(',').append(id).append(",户主,HEAD,ORDINARY,ACTIVE\n");
            inc.append(hid).append(",2023,90000,0,0,0,0,0\n");
            if (k % 5 == 0) mon.append(hid).append(",EDGE_POOR,ILLNESS,2023-04,MONITORED\n");
            String value = values[k % 4];
            String day = k % 7 == 0 ? "2024-07-01" : "2021-0" + (1 + k % 9) + "-15";
            v.append(id).append(',').append(k % 6 == 0 ? "轻型货车" : "小型汽车").append(',').append(day).append(',')
                    .append(k % 8 == 0 ? "注销" : "正常").append(',').append(value).append('\n');
            if (k % 2 == 0) {
                p.append(id).append(',').append(k % 4 == 0 ? "COMMERCIAL_HOUSING" : "SHOP").append(',').append(day)
                        .append(k % 10 == 0 ? ",CANCELLED," : ",REGISTERED,").append(value).append('\n');
            }
            e.append(id).append(',').append(k % 3 == 0 ? "COOPERATIVE" : "INDIVIDUAL_BUSINESS").append(',').append(day)
                    .append(",OPERATING,").append(value).append('\n');
        }
        e.append("22032219750101001,ENTERPRISE,2021-01-01,OPERATING,100\n"); // a short id number: rejected
        Files.writeString(reg.resolve("households.csv"), h);
        Files.writeString(reg.resolve("members.csv"), m);
        Files.writeString(reg.resolve("monitored.csv"), mon);
        Files.writeString(reg.resolve("incomes.csv"), inc);
        Files.writeString(feeds.resolve("vehicle_registrations.csv"), v, CsvScanner.GB18030);
        Files.writeString(feeds.resolve("property_registrations.csv"), "\uFEFF" + p, StandardCharsets.UTF_8);
        Files.writeString(feeds.resolve("market_entities.csv"), e, StandardCharsets.UTF_8);
        // local limits: 40,000 for each, shops count as property too
        RulesConfig rules = RulesFile.parse("""
                vehicle_asset: {limit: 40000}
                property_asset: {limit: 40000, types: [COMMERCIAL_HOUSING, SHOP]}
                market_entity_asset: {limit: 40000}
                """);

        Path plain = dir.resolve("plain"), spark = dir.resolve("spark");
        Summary ps = Screening.run(new Screening.Options(reg, feeds, JUNE, rules, plain, 2, null));
        Summary ss = SparkScreening.run(SharedSpark.get(), new SparkScreening.Options(reg.toString(), feeds.toString(),
                JUNE, rules, spark.toString(), 1 << 10, 3, null));
        for (String f : new String[] {"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readAllBytes(spark.resolve(f))).as(f).isEqualTo(Files.readAllBytes(plain.resolve(f)));
        }
        assertThat(ss.warningsPerRule()).isEqualTo(ps.warningsPerRule());
        List<String> w = Files.readAllLines(plain.resolve("warnings.csv"));
        // above 40,000 only, registered by June, not ended: every rule fires, monitored households (H010) included
        assertThat(w).anyMatch(l -> l.contains(",VEHICLE_ASSET,") && l.contains("value=40000.01"));
        assertThat(w).anyMatch(l -> l.contains(",PROPERTY_ASSET,") && l.contains("property_type=SHOP"));
        assertThat(w).anyMatch(l -> l.contains(",MARKET_ENTITY_ASSET,") && l.startsWith("2024-06,H010,"));
        assertThat(w).noneMatch(l -> l.contains("=40000.00;limit") || l.contains("=39999.99;") || l.contains("2024-07-01")
                || l.contains("TRUCK") || l.contains("COOPERATIVE"));
        assertThat(w.size() - 1).isEqualTo(ps.warnings()).isGreaterThan(15);
        assertThat(Files.readAllLines(plain.resolve("rejects.csv"))).anyMatch(l -> l.startsWith("market_entities,42,id_number"));
    }
}
