package io.llmwatch.processor.topology;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LateWindowsTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private final LateWindows windows = new LateWindows(List.of(WindowSpec.ONE_MINUTE, WindowSpec.ONE_HOUR, WindowSpec.ONE_DAY));

    @Test
    void acceptsARecordWhoseWindowsAreAllOpen() {
        assertThat(windows.refusing(10 * MINUTE, 10 * MINUTE)).isEmpty();
        assertThat(windows.refusing(9 * MINUTE, 10 * MINUTE)).isEmpty();
    }

    @Test
    void refusesOnceStreamTimeReachesTheWindowEndPlusItsGrace() {
        // The minute [8, 9) ends at 9; with a minute's grace it closes when stream time reaches 10.
        assertThat(windows.refusing(8 * MINUTE, 10 * MINUTE - 1)).isEmpty();
        assertThat(windows.refusing(8 * MINUTE, 10 * MINUTE)).isEqualTo("1m");
    }

    @Test
    void namesEveryRefusingWindowInTheOrderTheyAreConfigured() {
        long twoHours = Duration.ofHours(2).toMillis();

        assertThat(windows.refusing(0, twoHours)).isEqualTo("1m,1h");
        assertThat(windows.refusing(0, Duration.ofDays(2).toMillis())).isEqualTo("1m,1h,1d");
    }
}
