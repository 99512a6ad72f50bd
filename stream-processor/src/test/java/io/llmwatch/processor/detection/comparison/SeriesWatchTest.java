package io.llmwatch.processor.detection.comparison;

import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;
import io.llmwatch.processor.detection.lifecycle.Reading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesWatchTest {

    private static final SeriesWatch.Rule NEVER_DECIDES = new SeriesWatch.Rule() {
        @Override
        public Reading read(Shift shift) {
            return Reading.BORDERLINE;
        }

        @Override
        public boolean exemplary(double value, Shift shift) {
            return false;
        }
    };

    /**
     * A key with a thousand calls a second and a recent window of a thousand values, evaluated every value by count: once
     * both windows are comparable (the 1,005th value), the spacing allows ten comparisons in the next second and the
     * turnover five (every 200th value), some at the same values.
     */
    @Test
    void aHotKeyIsComparedAboutOncePerSpacingOfEventTime() {
        assertThat(comparisons(new WindowSizes(1_000, 10), 2_000)).isBetween(10, 15);
    }

    /**
     * A key whose recent window of ten turns over ten times within the spacing is compared on the first comparable value
     * (the 15th), then on every second one (the 16th to the 1,000th): however hot, an incident cannot slip from the
     * recent window into the baseline unseen.
     */
    @Test
    void aKeyWhoseRecentWindowTurnsOverWithinTheSpacingIsComparedEveryFifthOfIt() {
        assertThat(comparisons(new WindowSizes(10, 10), 1_000)).isEqualTo(1 + (1_000 - 16) / 2 + 1);
    }

    /** Values a millisecond apart, evaluated every value by count. */
    private static int comparisons(WindowSizes windows, int values) {
        SeriesWatch watch = new SeriesWatch(windows, 5, 1, new LifecycleSettings(1, 1), NEVER_DECIDES);
        SeriesState state = null;
        int comparisons = 0;
        for (int call = 0; call < values; call++) {
            SeriesWatch.Step step = watch.observe(state, 1_800_000_000_000L + call, "trace-" + call, call % 7);
            state = step.state();
            comparisons += step.shift().isPresent() ? 1 : 0;
        }
        return comparisons;
    }

    @Test
    void aQuietKeyIsComparedEveryEvaluateEveryValues() {
        SeriesWatch watch = new SeriesWatch(new WindowSizes(10, 10), 5, 2, new LifecycleSettings(1, 1), NEVER_DECIDES);
        SeriesState state = null;
        int comparisons = 0;

        for (int call = 0; call < 100; call++) {
            SeriesWatch.Step step = watch.observe(state, 1_800_000_000_000L + call * 1_000L, "trace-" + call, call % 7);
            state = step.state();
            comparisons += step.shift().isPresent() ? 1 : 0;
        }

        assertThat(comparisons).as("every second value once both windows hold five: the 16th to the 100th").isEqualTo(43);
    }
}
