package cn.shouwang.server.tools;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.area.AreaImportApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code ./shouwang import-areas} on the files of the page's test: a GBK file loads as Chinese; a garbled one and a
 * missing one are one line on stderr and a non-zero exit, never a stack trace. (The command's own context start is
 * left out: it loads into this test's running server.)
 */
class ImportAreasCommandTest extends ServerTest {
    @TempDir Path dir;
    @Autowired AreaImportApi importer;

    static final String CSV = """
            code,name,level,parent_code,urban_rural_code
            220000000000,吉林省,province,,
            220300000000,四平市,city,220000000000,
            220322000000,梨树县,county,220300000000,
            """;

    record Run(int code, String out, String err) {}

    Run run(Path file, String edition) throws Exception {
        Commands.ImportAreas cmd = new Commands.ImportAreas();
        cmd.file = file;
        cmd.edition = edition;
        cmd.current = false;
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream bo = new ByteArrayOutputStream(), be = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bo, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(be, true, StandardCharsets.UTF_8));
            int code = cmd.load(importer);
            return new Run(code, bo.toString(StandardCharsets.UTF_8), be.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    @Test
    void aGbkFileLoadsAsChinese() throws Exception {
        Path f = dir.resolve("gbk.csv");
        Files.write(f, CSV.getBytes(Charset.forName("GB18030")));
        String edition = "cli-gbk-" + System.nanoTime();
        Run r = run(f, edition);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("已导入 edition " + edition + ": 3 areas");
        assertThat(jdbc.sql("select a.name from area a join area_edition e on e.id = a.edition_id where e.name = :n order by a.code")
                .param("n", edition).query(String.class).list()).containsExactly("吉林省", "四平市", "梨树县");
    }

    @Test
    void aGarbledOrMissingFileIsOneLineAndNonZero() throws Exception {
        Path f = dir.resolve("latin1.csv");
        Files.writeString(f, new String(CSV.getBytes(Charset.forName("GB18030")), StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        String edition = "cli-latin1-" + System.nanoTime();
        Run r = run(f, edition);
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception")
                .contains("第2行的名称“¼ªÁÖÊ¡”不是可识别的中文").contains("line 2");
        assertThat(jdbc.sql("select count(*) from area_edition where name = :n").param("n", edition).query(Long.class).single()).isZero();

        Run missing = run(dir.resolve("nowhere.csv"), edition);
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains("找不到文件");
    }
}
