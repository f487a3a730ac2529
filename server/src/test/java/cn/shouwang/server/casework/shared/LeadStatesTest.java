package cn.shouwang.server.casework.shared;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.casework.CaseState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One place says which lead states are open in SQL; it follows the core and matches V40's partial indexes. */
class LeadStatesTest {

    @Test
    void theClosedStatesAreTheCoresTerminalOnes() {
        for (CaseState s : CaseState.values()) {
            assertThat(LeadStates.CLOSED_LIST.contains("'" + s.name() + "'")).as(s.name()).isEqualTo(s.terminal());
        }
        assertThat(LeadStates.OPEN).isEqualTo("state not in ('CONFIRMED', 'REJECTED')");
        assertThat(LeadStates.CLOSED).isEqualTo("state in ('CONFIRMED', 'REJECTED')");
    }

    @Test
    void thePartialIndexesHaveTheSamePredicate() throws IOException {
        String v40 = Files.readString(Path.of("src/main/resources/db/migration/casework/V1__casework.sql"));
        assertThat(v40).contains("create index lead_open_due on lead (village_code, due_on) where " + LeadStates.OPEN + ";");
        assertThat(v40.split(java.util.regex.Pattern.quote(LeadStates.OPEN), -1)).hasSize(3);
    }

    @Test
    void noQueryCopiesTheList() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("LeadStates.java")).toList()) {
                String src = Files.readString(f);
                for (String closed : Arrays.stream(CaseState.values()).filter(CaseState::terminal).map(Enum::name).toList()) {
                    assertThat(src).as(f.toString()).doesNotContain("'" + closed + "'");
                }
            }
        }
    }
}
