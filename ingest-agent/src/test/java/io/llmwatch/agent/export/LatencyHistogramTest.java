package io.llmwatch.agent.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTheBucketResolutionOfTheTrueOnes() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 1_000; micros++) {
            histogram.record(micros * 1_000);
        }

        LatencySummary summary = histogram.summary();

        assertThat(summary.count()).isEqualTo(1_000);
        assertThat(summary.meanNanos()).isEqualTo(500_500);
        assertThat(summary.maxNanos()).isEqualTo(1_000_000);
        assertThat(summary.p50Nanos()).isGreaterThanOrEqualTo(500_000).isCloseTo(500_000, within(500_000 / 16L));
        assertThat(summary.p99Nanos()).isGreaterThanOrEqualTo(990_000).isLessThanOrEqualTo(1_000_000);
    }

    @Test
    void bucketsCoverEveryValueWithoutGaps() {
        for (long value = 0; value < 100_000; value++) {
            int bucket = LatencyHistogram.bucketOf(value);
            assertThat(LatencyHistogram.upperBoundOf(bucket)).isGreaterThanOrEqualTo(value);
            if (bucket > 0) {
                assertThat(LatencyHistogram.upperBoundOf(bucket - 1)).isLessThan(value);
            }
        }
    }

    @Test
    void nothingMeasuredIsAllZeros() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(LatencySummary.NONE);
    }
}
