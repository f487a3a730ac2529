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
 * Households are numbered in the text order of household_id (the order of warnings.csv); numbers of equal length
 * are sorted as longs, anything else as text. Both ways: the same order, the first row of a repeated number
 * stands and the later ones are refused.
 */
class HouseholdNumbersTest {
    @TempDir Path dir;

    static final String[] IDS = {"220322197303260131", "220322194008113864", "220322197611040106", "220322197401285623"};

    /** One household per id (in the given order, each with one ACTIVE head of low income); returns the warnings' households. */
    List<String> run(String... hids) throws Exception {
        Path reg = Files.createDirectories(dir.resolve("registry"));
        StringBuilder hh = new StringBuilder("household_id,area_code,head_id_number,formerly_poor\n");
        StringBuilder mm = new StringBuilder("household_id,id_number,name,relation,labour_capacity,status\n");
        StringBuilder ii = new StringBuilder("household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket\n");
        for (int i = 0; i < hids.length; i++) {
            hh.append(hids[i]).append(",220322103001,").append(IDS[i]).append(",N\n");
            mm.append(hids[i]).append(',').append(IDS[i]).append(",甲,HEAD,ORDINARY,ACTIVE\n");
            ii.append(hids[i]).append(",2023,1000,0,0,0,0,0\n");
        }
        Files.writeString(reg.resolve("households.csv"), hh);
        Files.writeString(reg.resolve("members.csv"), mm);
        Files.writeString(reg.resolve("incomes.csv"), ii);
        Files.createDirectories(dir.resolve("feeds"));
        Screening.run(new Screening.Options(reg, dir.resolve("feeds"), Period.parse("2024-06"), RulesConfig.defaults(),
                dir.resolve("out"), 2, null));
        return Files.readAllLines(dir.resolve("out/warnings.csv"), StandardCharsets.UTF_8).stream().skip(1)
                .map(l -> l.split(",")[1]).toList();
    }

    List<String> rejects() throws Exception {
        return Files.readAllLines(dir.resolve("out/rejects.csv"), StandardCharsets.UTF_8).stream().skip(1).toList();
    }

    @Test
    void numbersOfEqualLengthInOrderWithTheFirstOfARepeatStanding() throws Exception {
        // line 5 repeats line 3's number: refused (its member joins the household of line 3), line 3 stands
        assertThat(run("22032311020900003", "22032311020900001", "22032311020900002", "22032311020900001"))
                .containsExactly("22032311020900001", "22032311020900002", "22032311020900003");
        assertThat(rejects()).contains("households,5,household_id repeated (first at line 3)");
    }

    @Test
    void numbersOfDifferentLengthsInTextOrder() throws Exception {
        assertThat(run("9", "10", "100", "9")).containsExactly("10", "100", "9");
        assertThat(rejects()).contains("households,5,household_id repeated (first at line 2)");
    }
}
