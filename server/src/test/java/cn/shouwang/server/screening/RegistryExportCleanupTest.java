package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.platform.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Runs no longer export the registry or open CSV uploads to disk; a run's folder now holds only the XLSX uploads
 * opened for the engine. What remains to sweep: the folder of an interrupted run, and those of an earlier release
 * (registry export, opened uploads, output, all with plain id numbers), deleted whole, while the folder of a run
 * still going on is kept. (The end-to-end check over the whole data directory is {@link DataAtRestTest}.)
 */
class RegistryExportCleanupTest extends ServerTest {
    @Autowired ScreeningFiles files;
    @Value("${shouwang.screening.dir}") String dir;

    @Test
    void theFolderOfAKilledRunIsDeletedWholeAndARunningOneIsKept() throws Exception {
        Path run = Path.of(dir).toAbsolutePath().resolve("runs").resolve("424242-killed");
        PrivateFiles.createDirectories(run.resolve("registry"));
        Files.writeString(run.resolve("registry").resolve("members.csv"), "household_id,id_number\n1,220322197001011234\n");
        PrivateFiles.createDirectories(run.resolve("out"));
        Files.writeString(run.resolve("out").resolve("warnings.csv"), "2024-06,1,220322197001011234,MAJOR_DIAGNOSIS\n");
        Path running = files.newRunFolder(424243);
        try {
            assertThat(files.sweepRunFolders()).isGreaterThanOrEqualTo(1);

            assertThat(run).doesNotExist();
            assertThat(running).isDirectory();
        } finally {
            files.deleteRunFolder(running);
        }
        assertThat(running).doesNotExist();
    }
}
