package cn.shouwang.server.personaldata;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrong personal-data key at start: its one line, without a stack trace (registered in META-INF/spring.factories). */
class DataKeyFailureAnalyzer extends AbstractFailureAnalyzer<DataKeyMismatchException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, DataKeyMismatchException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set SHOUWANG_DATA_KEY (or the key file) to the key kept with this database's backups; see docs/operations.md.",
                cause);
    }
}
