package cn.shouwang.core.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DivisionFileTest {

    @Test
    void readsTheRealJilinEditionWithoutProblems() throws Exception {
        Optional<Path> jilin = DivisionFile.findShared(Path.of(""), "jilin-divisions.csv");
        assumeTrue(jilin.isPresent() || System.getenv("CI") == null, "CI must have ../shared beside the clone");
        assertThat(jilin).as("../shared/data/jilin-divisions.csv").isPresent();
        DivisionFile.Result r = DivisionFile.read(jilin.get());
        assertThat(r.problems()).isEmpty();
        assertThat(r.divisions()).hasSize(13_014);
        assertThat(r.villages()).hasSize(11_860);
    }

    @Test
    void theBuiltInSipingListIsConsistentAndHasVillagesInEveryCounty() {
        DivisionFile.Result r = DivisionFile.builtInSiping();
        assertThat(r.problems()).isEmpty();
        assertThat(r.divisions()).extracting(Division::code).contains("220300000000", "220302000000", "220303000000",
                "220322000000", "220323000000", "220382000000");
        for (String county : new String[] {"220302", "220303", "220322", "220323", "220382"}) {
            assertThat(r.ruralVillages()).anyMatch(v -> v.code().startsWith(county));
        }
    }

    @Test
    void reportsBadRowsWithLineAndField() throws Exception {
        String csv = """
                code,name,level,parent_code,urban_rural_code
                220000000000,吉林省,province,,
                220300000000,四平市,city,220000000000,
                22030X000000,坏码,county,220300000000,
                220302000000,铁西区,township,220300000000,
                220303000000,铁东区,county,220400000000,
                220303000000,铁东区,county,220300000000,
                """;
        DivisionFile.Result r = DivisionFile.read(new StringReader(csv), "t.csv");
        assertThat(r.problems()).extracting(DivisionFile.Problem::line, DivisionFile.Problem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, "code"),
                        org.assertj.core.groups.Tuple.tuple(5, "level"),
                        org.assertj.core.groups.Tuple.tuple(6, "parent_code"));
        assertThat(r.divisions()).extracting(Division::code).containsExactly("220000000000", "220300000000", "220303000000");
    }

    @Test
    void offersAShortFormOfPublishedNames() {
        assertThat(new Division("220303102207", "叶赫村村民委员会", AreaLevel.VILLAGE, "220303102000", null).shortName())
                .isEqualTo("叶赫村");
        assertThat(new Division("220382101211", "秀水村委会", AreaLevel.VILLAGE, "220382101000", null).shortName())
                .isEqualTo("秀水村");
        assertThat(new Division("220302200215", "西八大村", AreaLevel.VILLAGE, "220302200000", null).shortName())
                .isEqualTo("西八大村");
    }
}
