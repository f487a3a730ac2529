package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The registry export holds plain id numbers: whatever an interrupted run left behind is deleted. */
class RegistryExportCleanupTest extends ServerTest {
    @Autowired RunService runs;
    @Value("${shouwang.screening.dir}") String dir;

    @Test
    void anExportLeftBehindByAKilledRunIsDeletedAndOtherRunFilesAreKept() throws Exception {
        Path run = Path.of(dir).toAbsolutePath().resolve("runs").resolve("424242-killed");
        Files.createDirectories(run.resolve("registry"));
        Files.writeString(run.resolve("registry").resolve("members.csv"), "household_id,id_number\n1,220322197001011234\n");
        Files.createDirectories(run.resolve("out"));
        Files.writeString(run.resolve("out").resolve("summary.txt"), "kept");

        assertThat(runs.sweepRegistryExports()).isGreaterThanOrEqualTo(1);

        assertThat(run.resolve("registry")).doesNotExist();
        assertThat(run.resolve("out").resolve("summary.txt")).exists();
    }
}
