package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.feed.PackedId;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Screening;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One small case per rule of feeds.md, all in one set of files: household H_RULE holds the row that makes
 * RULE fire and nothing else that warns. Through Spark each household gets exactly its rule, and the files
 * equal the plain engine's. Village codes are real ones taken from the june-2024 example at run time.
 */
class RuleCasesTest {
    static final Period JUNE = Period.parse("2024-06");

    @TempDir
    static Path dir;

    static String villageA, villageB;
    static int seq = 100;

    /** A valid id number born on {@code ymd} (YYYYMMDD) in village A's county. */
    static String id(String ymd) {
        long packed = Long.parseLong(villageA.substring(0, 6) + ymd + (seq++));
        return PackedId.text(packed);
    }

    static final Map<String, List<String>> files = new LinkedHashMap<>();

    static void row(String file, String line) {
        files.computeIfAbsent(file, f -> new ArrayList<>()).add(line);
    }

    /** A household of one ACTIVE head born 1980-01-01 with a comfortable income and insurance for 2024. */
    static String household(Rule r, String village, long wages, boolean insured) {
        String hid = "H_" + r.name();
        String head = id("19800101");
        row("registry/households", hid + "," + village + "," + head + ",N");
        row("registry/members", hid + "," + head + ",户主," + "HEAD,ORDINARY,ACTIVE");
        row("registry/incomes", hid + ",2024," + wages + ",0,0,0,0,0");
        if (insured) row("feeds/insurance_enrollment", head + ",2024");
        return head;
    }

    @BeforeAll
    static void writeFiles() throws Exception {
        List<String> villages = Files.readAllLines(June2024ExampleTest.EXAMPLE.resolve("registry/households.csv"))
                .stream().skip(1).map(l -> l.split(",")[1]).distinct().sorted().toList();
        villageA = villages.get(0);
        villageB = villages.get(1);
        row("registry/households", "household_id,area_code,head_id_number,formerly_poor");
        row("registry/members", "household_id,id_number,name,relation,labour_capacity,status");
        row("registry/incomes", "household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket");
        row("registry/monitored", "household_id,category,risk_types,identified_month,status");
        row("feeds/insurance_enrollment", "id_number,year");
        row("feeds/medical_claims", "id_number,settled_on,total_cost,insurance_paid,out_of_pocket");
        row("feeds/major_diagnoses", "id_number,diagnosed_on,disease");
        row("feeds/housing_appraisals", "id_number,appraised_on,grade");
        row("feeds/school_enrollment", "id_number,stage,status,reported_on");
        row("feeds/school_costs", "id_number,school_year,stage,out_of_pocket");
        row("feeds/disability_certificates", "id_number,grade,kind,issued_on");
        row("feeds/civil_registry_events", "id_number,event,event_on");
        row("feeds/accidents", "id_number,occurred_on,outcome,source");
        row("feeds/disaster_losses", "id_number,occurred_on,disaster,loss");
        row("feeds/employment_status", "id_number,month,status,wage");
        row("feeds/water_supply", "area_code,status,checked_on,note");
        row("feeds/enterprise_payments", "enterprise,id_number,month,due,paid");
        row("feeds/social_assistance", "id_number,kind,started_on,amount");
        row("feeds/vehicle_registrations", "id_number,plate_number,vehicle_type,registered_on,status,value");
        row("feeds/property_registrations", "id_number,certificate_no,property_type,registered_on,status,value");
        row("feeds/market_entities", "id_number,entity_name,entity_type,registered_on,status,registered_capital");
        row("feeds/water_supply", villageA + ",OK,2024-06-01,");

        String p = household(Rule.MEDICAL_PERSON, villageA, 100_000, true);
        row("feeds/medical_claims", p + ",2024-03-01,30000,5000,20000");
        p = household(Rule.MEDICAL_HOUSEHOLD, villageA, 10_000, true);
        row("feeds/medical_claims", p + ",2024-06-01,7000,1000,6000");
        p = household(Rule.MAJOR_DIAGNOSIS, villageA, 100_000, true);
        row("feeds/major_diagnoses", p + ",2024-06-10,恶性肿瘤");
        household(Rule.NOT_INSURED, villageA, 100_000, false);
        p = household(Rule.UNSAFE_HOUSE, villageA, 100_000, true);
        row("feeds/housing_appraisals", p + ",2024-01-05,C");
        p = household(Rule.DROPOUT, villageA, 100_000, true);
        String child = id("20120101");
        row("registry/members", "H_DROPOUT," + child + ",子,CHILD,NONE,ACTIVE");
        row("feeds/insurance_enrollment", child + ",2024");
        row("feeds/school_enrollment", child + ",JUNIOR,DROPPED_OUT,2024-05-01");
        p = household(Rule.SCHOOL_COST, villageA, 100_000, true);
        row("feeds/school_costs", p + ",2024,SENIOR,12000");
        p = household(Rule.NEW_DISABILITY, villageA, 100_000, true);
        row("feeds/disability_certificates", p + ",1,肢体,2024-06-02");
        p = household(Rule.DEATH_OF_WORKER, villageA, 100_000, true);
        row("feeds/civil_registry_events", p + ",DEATH,2024-06-15");
        p = household(Rule.ACCIDENT, villageA, 100_000, true);
        row("feeds/accidents", p + ",2024-06-20,受伤,公安");
        p = household(Rule.DISASTER_LOSS, villageA, 100_000, true);
        row("feeds/disaster_losses", p + ",2024-06-03,洪涝,6000");
        p = household(Rule.JOB_LOSS, villageA, 100_000, true);
        row("feeds/employment_status", p + ",2024-05,EMPLOYED,3000");
        row("feeds/employment_status", p + ",2024-06,UNEMPLOYED,0");
        household(Rule.UNSAFE_WATER, villageB, 100_000, true);
        row("feeds/water_supply", villageB + ",NOT_OK,2024-06-01,检测");
        p = household(Rule.DIVIDEND_SHORTFALL, villageA, 100_000, true);
        row("feeds/enterprise_payments", "合作社," + p + ",2024-06,1000,500");
        p = household(Rule.NEW_ASSISTANCE, villageA, 100_000, true);
        row("feeds/social_assistance", p + ",MINIMUM_LIVING,2024-06-01,500");
        household(Rule.INCOME_BELOW_LINE, villageA, 5_000, true);
        p = household(Rule.VEHICLE_ASSET, villageA, 100_000, true);
        row("feeds/vehicle_registrations", p + ",吉C12345,PASSENGER_CAR,2022-03-01,REGISTERED,80000");
        p = household(Rule.PROPERTY_ASSET, villageA, 100_000, true);
        row("feeds/property_registrations", p + ",吉(2022)梨树县不动产权第0000001号,COMMERCIAL_HOUSING,2022-03-01,REGISTERED,300000");
        p = household(Rule.MARKET_ENTITY_ASSET, villageA, 100_000, true);
        row("feeds/market_entities", p + ",梨树县某有限公司,ENTERPRISE,2022-03-01,OPERATING,500000");

        for (var e : files.entrySet()) {
            Path f = dir.resolve("in").resolve(e.getKey() + ".csv");
            Files.createDirectories(f.getParent());
            Files.write(f, (String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachRuleFiresForItsHouseholdOnlyAndBothEnginesAgree() throws Exception {
        Path in = dir.resolve("in"), spark = dir.resolve("spark"), plain = dir.resolve("plain");
        SparkScreening.run(SharedSpark.get(), new SparkScreening.Options(in.resolve("registry").toString(),
                in.resolve("feeds").toString(), JUNE, RulesConfig.defaults(), spark.toString(), 1024, 2, null));
        Screening.run(new Screening.Options(in.resolve("registry"), in.resolve("feeds"), JUNE, RulesConfig.defaults(),
                plain, 1, null));

        Set<String> fired = new TreeSet<>();
        for (String l : Files.readAllLines(spark.resolve("warnings.csv")).stream().skip(1).toList()) {
            String[] f = l.split(",", -1);
            fired.add(f[1] + " " + f[3]);
        }
        Set<String> expected = new TreeSet<>();
        for (Rule r : Rule.values()) expected.add("H_" + r.name() + " " + r.name());
        assertThat(fired).isEqualTo(expected);
        assertThat(Files.readAllLines(spark.resolve("rejects.csv"))).containsExactly("source,line,reason");
        for (String f : new String[] {"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readAllBytes(spark.resolve(f))).as(f).isEqualTo(Files.readAllBytes(plain.resolve(f)));
        }
    }
}
