package io.llmwatch.agent.spool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FsyncPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"never", "records:100", "interval-ms:250"})
    void theTextFormReadsBackToTheSamePolicy(String text) {
        assertThat(FsyncPolicy.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"always", "records:0", "records:many", "interval-ms:-5", ""})
    void anythingElseIsRejected(String text) {
        assertThatThrownBy(() -> FsyncPolicy.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10})
    void neverIsNeverDue(int unsynced) {
        assertThat(FsyncPolicy.never().isDue(unsynced, Long.MAX_VALUE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void anIntervalIsDueOnlyWithSomethingToForce(int unsynced) {
        FsyncPolicy policy = FsyncPolicy.interval(Duration.ofMillis(100));

        assertThat(policy.isDue(unsynced, Duration.ofMillis(100).toNanos())).isEqualTo(unsynced > 0);
        assertThat(policy.isDue(unsynced, Duration.ofMillis(99).toNanos())).isFalse();
    }
}
