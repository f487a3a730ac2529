package cn.shouwang.server.household.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The duration of each step of an import in the log (what to look at when an import is slow); no values, only times. */
final class Steps {
    private static final Logger log = LoggerFactory.getLogger(Steps.class);
    private final long importId;
    private long last = System.nanoTime();

    Steps(long importId) {
        this.importId = importId;
    }

    void done(String step) {
        long now = System.nanoTime();
        log.info("registry import {}: {} in {} ms", importId, step, (now - last) / 1_000_000);
        last = now;
    }
}
