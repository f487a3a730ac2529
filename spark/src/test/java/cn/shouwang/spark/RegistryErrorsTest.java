package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.feed.PackedId;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry errors of feeds.md, which the Spark job checks on groups (by household number, by id number)
 * where the engine uses indexes: both report the same rows with the same reasons and count the same unmatched
 * department rows.
 */
class RegistryErrorsTest {
    @TempDir
    Path dir;

    static String id(int seq) {
        return PackedId.text(Long.parseLong("22030219800101" + (100 + seq)));
    }

    @Test
    void registryErrorsAreReportedAsTheEngineReportsThem() throws Exception {
        String v = Files.readAllLines(June2024ExampleTest.EXAMPLE.resolve("registry/households.csv")).get(1).split(",")[1];
        Path reg = dir.resolve("registry"), feeds = dir.resolve("feeds");
        Files.createDirectories(reg);
        Files.createDirectories(feeds);
        Files.writeString(reg.resolve("households.csv"), String.join("\n",
                "household_id,area_code,head_id_number,formerly_poor",
                "A," + v + "," + id(1) + ",N",
                "B," + v + "," + id(2) + ",N",
                "A," + v + "," + id(3) + ",Y",               // repeated household number
                "C," + v + "," + id(4) + ",N",               // head in two households
                "D," + v + ",22030219800101999,N",          // invalid head id: reported, still compared
                "E," + v + "," + id(6) + ",N",               // head DECEASED
                "") );
        Files.writeString(reg.resolve("members.csv"), String.join("\n",
                "household_id,id_number,name,relation,labour_capacity,status",
                "A," + id(1) + ",甲,HEAD,ORDINARY,ACTIVE",
                "A," + id(1) + ",甲,HEAD,ORDINARY,ACTIVE",   // repeated in household
                "B," + id(2) + ",乙,HEAD,ORDINARY,ACTIVE",
                "C," + id(4) + ",丙,HEAD,ORDINARY,ACTIVE",
                "B," + id(4) + ",丙,SPOUSE,ORDINARY,ACTIVE", // id in two households
                "C," + id(4) + ",丙,HEAD,ORDINARY,ACTIVE",   // and repeated in one of them
                "Z," + id(7) + ",丁,HEAD,ORDINARY,ACTIVE",   // household missing
                "D," + id(8) + ",戊,HEAD,WEAK,ACTIVE",
                "E," + id(6) + ",己,HEAD,ORDINARY,DECEASED",
                "") );
        Files.writeString(reg.resolve("incomes.csv"), String.join("\n",
                "household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket",
                "A,2024,100000,0,0,0,0,0", "Z,2024,1,0,0,0,0,0", "D,2024,1000,0,0,0,0,0", ""));
        Files.writeString(reg.resolve("monitored.csv"), String.join("\n",
                "household_id,category,risk_types,identified_month,status", "Y,EDGE,ILLNESS,2024-01,MONITORED", ""));
        Files.writeString(feeds.resolve("accidents.csv"), String.join("\n",
                "id_number,occurred_on,outcome,source",
                id(4) + ",2024-06-02,x,y",   // the two-household person: unmatched
                id(7) + ",2024-06-03,x,y",   // member of a missing household: unmatched
                id(8) + ",2024-06-04,x,y",   // D's member: warned
                ""));

        Path spark = dir.resolve("spark"), plain = dir.resolve("plain");
        Summary s = SparkScreening.run(SharedSpark.get(), new SparkScreening.Options(reg.toString(), feeds.toString(),
                Period.parse("2024-06"), RulesConfig.defaults(), spark.toString(), 1024, 2, null));
        Summary p = Screening.run(new Screening.Options(reg, feeds, Period.parse("2024-06"), RulesConfig.defaults(),
                plain, 1, null));
        for (String f : new String[] {"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readString(spark.resolve(f))).as(f).isEqualTo(Files.readString(plain.resolve(f)));
        }
        assertThat(s.files()).isEqualTo(p.files());
        assertThat(s.households()).isEqualTo(p.households());
        String rejects = Files.readString(spark.resolve("rejects.csv"));
        assertThat(rejects).contains("household_id repeated", "id_number in two households", "household_id not in households",
                "id_number repeated in household", "no ACTIVE head");
        assertThat(Files.readString(spark.resolve("warnings.csv"))).contains(",D," + id(8) + ",ACCIDENT,");
        assertThat(s.files().stream().filter(f -> f.file() != null && f.file().equals("accidents.csv"))
                .findFirst().orElseThrow().unmatched()).isEqualTo(2);
    }
}
