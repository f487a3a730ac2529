package cn.shouwang.server.screening;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a comparison run ({@code screening_run.status}), owning its transitions: a run starts RUNNING and
 * ends once, DONE when its results are stored (and any automatic intake done), FAILED when anything went wrong or
 * the server stopped during it. DONE and FAILED are final.
 */
enum RunStatus {
    RUNNING, DONE, FAILED;

    /** The states this one may become. */
    Set<RunStatus> next() {
        return this == RUNNING ? EnumSet.of(DONE, FAILED) : EnumSet.noneOf(RunStatus.class);
    }

    boolean canBecome(RunStatus to) {
        return next().contains(to);
    }

    /** {@code to}, if this state may become it; otherwise an {@link IllegalStateException}. */
    RunStatus to(RunStatus to) {
        if (!canBecome(to)) throw new IllegalStateException("a run cannot go from " + this + " to " + to);
        return to;
    }

    public boolean running() {
        return this == RUNNING;
    }

    public boolean failed() {
        return this == FAILED;
    }

    /** The status colour class of app.css (ui.md): done green, running blue, failed red. */
    public String cssClass() {
        return switch (this) {
            case RUNNING -> "status-blue";
            case DONE -> "status-green";
            case FAILED -> "status-red";
        };
    }
}
