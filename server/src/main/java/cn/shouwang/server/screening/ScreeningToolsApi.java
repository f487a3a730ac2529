package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the comparison: timing the registry export (benchmark only). */
@Component
public class ScreeningToolsApi {
    private final RegistryExport export;

    ScreeningToolsApi(RegistryExport export) {
        this.export = export;
    }

    /** Bytes written and time taken by one export of {@code scope}. */
    public record ExportTiming(long bytes, long millis) {}

    /**
     * Writes the registry of {@code scope} as the comparison run does (into a fresh 0700 directory under
     * {@code parent}), measures it and deletes the files again: they hold plain id numbers.
     */
    public ExportTiming timeExport(AreaScope scope, Path parent) {
        Path dir = null;
        try {
            PrivateFiles.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "export-bench-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            long t0 = System.nanoTime();
            export.write(scope, dir);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long bytes = 0;
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) bytes += Files.size(f);
            }
            return new ExportTiming(bytes, millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) ScreeningFiles.deleteQuietly(dir);
        }
    }
}
