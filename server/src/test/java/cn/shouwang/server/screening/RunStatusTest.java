package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A run starts RUNNING and ends once, DONE or FAILED; nothing leaves an end state. */
class RunStatusTest {

    @Test void aRunningRunEndsDoneOrFailed() {
        assertThat(RunStatus.RUNNING.to(RunStatus.DONE)).isEqualTo(RunStatus.DONE);
        assertThat(RunStatus.RUNNING.to(RunStatus.FAILED)).isEqualTo(RunStatus.FAILED);
        assertThat(RunStatus.RUNNING.next()).containsExactlyInAnyOrder(RunStatus.DONE, RunStatus.FAILED);
    }

    @Test void everyOtherTransitionIsRefused() {
        for (RunStatus from : RunStatus.values()) {
            for (RunStatus to : RunStatus.values()) {
                boolean allowed = from == RunStatus.RUNNING && to != RunStatus.RUNNING;
                assertThat(from.canBecome(to)).as(from + " → " + to).isEqualTo(allowed);
                if (!allowed) {
                    assertThatThrownBy(() -> from.to(to)).as(from + " → " + to)
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining(from + " to " + to);
                }
            }
        }
    }

    @Test void onlyRunningIsRunningAndEachHasItsColour() {
        assertThat(RunStatus.RUNNING.running()).isTrue();
        assertThat(RunStatus.DONE.running()).isFalse();
        assertThat(RunStatus.FAILED.failed()).isTrue();
        assertThat(RunStatus.DONE.cssClass()).isEqualTo("status-green");
        assertThat(RunStatus.FAILED.cssClass()).isEqualTo("status-red");
        assertThat(RunStatus.RUNNING.cssClass()).isEqualTo("status-blue");
    }
}
