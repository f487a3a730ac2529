package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the comparison: timing the registry read (benchmark only). */
@Component
public class ScreeningToolsApi {
    private final RegistryRowsFromDatabase registry;

    ScreeningToolsApi(RegistryRowsFromDatabase registry) {
        this.registry = registry;
    }

    /** Rows handed over and time taken by one read of {@code scope}'s registry. */
    public record ReadTiming(long rows, long millis) {}

    /** Reads the registry of {@code scope} as a comparison run does (in memory, id numbers decrypted), counting rows. */
    public ReadTiming timeRegistryRead(AreaScope scope) {
        long t0 = System.nanoTime();
        long rows = registry.count(scope);
        return new ReadTiming(rows, (System.nanoTime() - t0) / 1_000_000);
    }
}
