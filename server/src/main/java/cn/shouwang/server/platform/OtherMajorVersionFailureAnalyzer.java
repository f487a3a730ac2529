package cn.shouwang.server.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * An embedded data directory of another PostgreSQL major version (an earlier release's 14): its one line, without a
 * stack trace (registered in META-INF/spring.factories).
 */
class OtherMajorVersionFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabase.OtherMajorVersionException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, EmbeddedDatabase.OtherMajorVersionException cause) {
        return new FailureAnalysis(cause.getMessage(), "See docs/operations.md, PostgreSQL upgrade.", cause);
    }
}
