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
 * Runs no longer write anything to disk: no registry export, no opened upload (an XLSX upload is stored as its
 * sealed CSV rendering and read as a stream like any other). What remains to sweep are the run folders of earlier
 * releases (registry export, opened uploads, output, all with plain id numbers): {@code runs/} is deleted whole.
 * (The end-to-end check over the whole data directory is {@link DataAtRestTest}.)
 */
class RegistryExportCleanupTest extends ServerTest {
    @Autowired ScreeningFiles files;
    @Value("${shouwang.screening.dir}") String dir;

    @Test
    void theRunFoldersOfAnEarlierReleaseAreDeletedWhole() throws Exception {
        Path runs = Path.of(dir).toAbsolutePath().resolve("runs");
        Path run = runs.resolve("424242-killed");
        PrivateFiles.createDirectories(run.resolve("registry"));
        Files.writeString(run.resolve("registry").resolve("members.csv"), "household_id,id_number\n1,220322197001011234\n");
        PrivateFiles.createDirectories(run.resolve("out"));
        Files.writeString(run.resolve("out").resolve("warnings.csv"), "2024-06,1,220322197001011234,MAJOR_DIAGNOSIS\n");
        PrivateFiles.createDirectories(runs.resolve("424243-xlsx"));
        Files.writeString(runs.resolve("424243-xlsx").resolve("major_diagnoses.xlsx"), "PK");

        assertThat(files.sweepRunFolders()).isGreaterThanOrEqualTo(2);
        assertThat(runs).doesNotExist();
        assertThat(files.sweepRunFolders()).as("nothing left, nothing made").isZero();
        assertThat(runs).doesNotExist();
    }
}
