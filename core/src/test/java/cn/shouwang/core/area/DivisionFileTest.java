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

    static final String SMALL = """
            code,name,level,parent_code,urban_rural_code
            220000000000,吉林省,province,,
            220300000000,四平市,city,220000000000,
            220322000000,梨树县,county,220300000000,
            """;

    @Test
    void aGbkFileIsDetectedAndReadAsChinese() throws Exception {
        byte[] gbk = SMALL.getBytes(java.nio.charset.Charset.forName("GB18030"));
        DivisionFile.Result r = DivisionFile.read(new java.io.ByteArrayInputStream(gbk), "gbk.csv");
        assertThat(r.problems()).isEmpty();
        assertThat(r.divisions()).extracting(Division::name).containsExactly("吉林省", "四平市", "梨树县");
        java.nio.file.Path f = java.nio.file.Files.createTempFile("divisions", ".csv");
        try {
            java.nio.file.Files.write(f, gbk);
            assertThat(DivisionFile.read(f).divisions()).extracting(Division::name).containsExactly("吉林省", "四平市", "梨树县");
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void utf8WithABomIsReadToo() throws Exception {
        byte[] body = SMALL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = new byte[body.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(body, 0, b, 3, body.length);
        assertThat(DivisionFile.read(new java.io.ByteArrayInputStream(b), "bom.csv").divisions()).hasSize(3);
    }

    @Test
    void gbkBytesReadAsLatin1AndSavedAsUtf8AreRefusedAsGarbled() throws Exception {
        // what a wrong conversion leaves: 吉林省 → ¼ªÁÖÊ¡
        String garbled = new String(SMALL.getBytes(java.nio.charset.Charset.forName("GB18030")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        DivisionFile.Result r = DivisionFile.read(new java.io.ByteArrayInputStream(
                garbled.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "latin1.csv");
        assertThat(r.ok()).isFalse();
        assertThat(r.divisions()).isEmpty();
        assertThat(r.problems()).extracting(DivisionFile.Problem::line, DivisionFile.Problem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, DivisionFile.GARBLED),
                        org.assertj.core.groups.Tuple.tuple(3, DivisionFile.GARBLED),
                        org.assertj.core.groups.Tuple.tuple(4, DivisionFile.GARBLED));
        assertThat(r.problems().get(0).message()).isEqualTo("¼ªÁÖÊ¡");
        assertThat(r.problems().get(0).toString()).contains("line 2", "wrong encoding");
    }

    @Test
    void replacementCharactersAndAnOddNameOutAreRefused() throws Exception {
        String csv = SMALL.replace("四平市", "\uFFFD\uFFFD\uFFFD").replace("梨树县", "Lishu");
        DivisionFile.Result r = DivisionFile.read(new StringReader(csv), "t.csv");
        // (the county's parent, refused, is then missing too)
        assertThat(r.problems()).extracting(DivisionFile.Problem::line, DivisionFile.Problem::code)
                .contains(org.assertj.core.groups.Tuple.tuple(3, DivisionFile.GARBLED),
                        org.assertj.core.groups.Tuple.tuple(4, DivisionFile.GARBLED));
    }

    @Test
    void bytesThatAreNoTextAreRefusedWithTheirLine() throws Exception {
        byte[] utf8 = SMALL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(utf8, utf8.length + 4);
        // a fourth line of bytes GB18030 cannot decode either (0x80 and 0xFF never start a character)
        bad[utf8.length] = (byte) 0x80;
        bad[utf8.length + 1] = (byte) 0xFF;
        bad[utf8.length + 2] = (byte) 0x80;
        bad[utf8.length + 3] = '\n';
        DivisionFile.Result r = DivisionFile.read(new java.io.ByteArrayInputStream(bad), "bad.csv");
        assertThat(r.problems()).extracting(DivisionFile.Problem::line, DivisionFile.Problem::code)
                .contains(org.assertj.core.groups.Tuple.tuple(5, DivisionFile.UNDECODABLE));
    }
}
