package cn.shouwang.server.casework.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.casework.shared.CodeKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The code lists are one enum: named in both languages, and the same kinds the table accepts. */
class CodeKindTest {

    @Test
    void everyKindHasAChineseAndAnEnglishName() throws IOException {
        for (String bundle : new String[] {"casework.properties", "casework_en.properties"}) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/i18n", bundle), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (CodeKind k : CodeKind.values()) {
                assertThat(p.getProperty("admin.code.kind." + k.name())).as(bundle + ": " + k).isNotBlank();
            }
        }
    }

    @Test
    void theTableAcceptsExactlyTheseKinds() throws IOException {
        // the last migration that sets the kinds (casework V12 added the re-check results)
        String v12 = Files.readString(Path.of("src/main/resources/db/migration/casework/V12__recheck.sql"));
        String list = Arrays.stream(CodeKind.values()).map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "));
        assertThat(v12).contains("check (kind in (" + list + "))");
    }

    @Test
    void aUrlNamesAKindOrIsNotFound() {
        assertThat(CaseworkAdmin.kind("RISK_TYPE")).isEqualTo(CodeKind.RISK_TYPE);
        assertThat(CodeKind.parse("risk_type")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseworkAdmin.kind("NOPE"))
                .isInstanceOf(CaseworkAdmin.NotFound.class);
    }
}
