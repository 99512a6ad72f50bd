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

    /** A key with a thousand calls a second, evaluated every call by count, is compared ten times a second. */
    @Test
    void aHotKeyIsComparedAtMostOncePerSpacingOfEventTime() {
        SeriesWatch watch = new SeriesWatch(new WindowSizes(10, 10), 5, 1, new LifecycleSettings(1, 1), NEVER_DECIDES);
        SeriesState state = null;
        int comparisons = 0;

        for (int call = 0; call < 1_000; call++) {
            SeriesWatch.Step step = watch.observe(state, 1_800_000_000_000L + call, "trace-" + call, call % 7);
            state = step.state();
            comparisons += step.shift().isPresent() ? 1 : 0;
        }

        assertThat(comparisons).isBetween(9, 10);
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
