package io.llmwatch.sink.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

    private static final BackoffSettings SETTINGS = new BackoffSettings(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void ceilingStartsAtBaseAndDoublesUpToMax() {
        Backoff backoff = new Backoff(SETTINGS, new HighestDraw());

        assertThat(IntStream.rangeClosed(1, 8).mapToObj(backoff::delayBeforeRetry).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    }

    @Test
    void ceilingStaysAtMaxForHugeRetryCounts() {
        Backoff backoff = new Backoff(SETTINGS, new HighestDraw());

        assertThat(backoff.delayBeforeRetry(63)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayBeforeRetry(64)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayBeforeRetry(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitteredDelaysStayWithinZeroAndTheCeiling() {
        Backoff backoff = new Backoff(SETTINGS, new Random(42));

        for (int retry = 1; retry <= 10; retry++) {
            long ceiling = Math.min(5000, 100L << (retry - 1));
            for (int draw = 0; draw < 200; draw++) {
                assertThat(backoff.delayBeforeRetry(retry).toMillis()).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void jitterSpreadsDelaysAcrossTheWholeRange() {
        Backoff backoff = new Backoff(SETTINGS, new Random(42));

        var delays = IntStream.range(0, 500).mapToObj(i -> backoff.delayBeforeRetry(5).toMillis()).toList();

        assertThat(delays.stream().distinct().count()).isGreaterThan(250);
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(160);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(1440);
    }

    @Test
    void sameSeedGivesSameDelays() {
        Backoff one = new Backoff(SETTINGS, new Random(7));
        Backoff other = new Backoff(SETTINGS, new Random(7));

        for (int retry = 1; retry <= 20; retry++) {
            assertThat(one.delayBeforeRetry(retry)).isEqualTo(other.delayBeforeRetry(retry));
        }
    }

    @Test
    void retriesCountFromOne() {
        Backoff backoff = new Backoff(SETTINGS, new Random(42));

        assertThatIllegalArgumentException().isThrownBy(() -> backoff.delayBeforeRetry(0));
    }

    @Test
    void settingsNeedAPositiveBaseNoLargerThanMax() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BackoffSettings(Duration.ZERO, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new BackoffSettings(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
