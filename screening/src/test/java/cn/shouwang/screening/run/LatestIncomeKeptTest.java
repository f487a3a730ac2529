package cn.shouwang.screening.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine keeps only each household's latest income up to the period's year while reading incomes.csv: the
 * rules must see the same row as from all of them (a later line wins a tie; later years are not looked at), in
 * whatever order the rows come.
 */
class LatestIncomeKeptTest {
    @TempDir Path dir;

    @Test
    void theLatestRowUpToThePeriodsYearDecidesAsWithAllRows() throws Exception {
        Path reg = Files.createDirectories(dir.resolve("registry"));
        Files.writeString(reg.resolve("households.csv"), """
                household_id,area_code,head_id_number,formerly_poor
                H1,220322103001,220322197303260131,N
                H2,220322103001,220322194008113864,N
                H3,220322103001,220322197611040106,N
                """);
        Files.writeString(reg.resolve("members.csv"), """
                household_id,id_number,name,relation,labour_capacity,status
                H1,220322197303260131,甲,HEAD,ORDINARY,ACTIVE
                H2,220322194008113864,丙,HEAD,NONE,ACTIVE
                H3,220322197611040106,丁,HEAD,WEAK,ACTIVE
                """);
        // line 2..: H1's 2024 rows tie, the later (low) one wins; H2's later tie is high; H3's only low row is of
        // 2025, after the period's year, so its 2023 row (high) decides. Rows of a household need not be together.
        Files.writeString(reg.resolve("incomes.csv"), """
                household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket
                H1,2023,1000,0,0,0,0,0
                H2,2024,1000,0,0,0,0,0
                H1,2024,90000,0,0,0,0,0
                H3,2025,1000,0,0,0,0,0
                H1,2024,1000,0,0,0,0,0
                H2,2024,90000,0,0,0,0,0
                H3,2023,90000,0,0,0,0,0
                H1,2025,90000,0,0,0,0,0
                H2,2022,1000,0,0,0,0,0
                """);
        Files.createDirectories(dir.resolve("feeds"));
        Summary s = Screening.run(new Screening.Options(reg, dir.resolve("feeds"), Period.parse("2024-06"),
                RulesConfig.defaults(), dir.resolve("out"), 2, null));

        List<String> warnings = Files.readAllLines(dir.resolve("out/warnings.csv"), StandardCharsets.UTF_8);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).startsWith("2024-06,H1,,INCOME_BELOW_LINE,,incomes,6,");
        assertThat(s.warnings()).isEqualTo(1);
        assertThat(s.rejects()).isZero();
    }
}
