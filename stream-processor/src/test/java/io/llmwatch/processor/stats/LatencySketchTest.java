package io.llmwatch.processor.stats;

import io.llmwatch.processor.serde.JsonSerde;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencySketchTest {

    private static long exactQuantile(long[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void quantilesAreWithinTheRelativeAccuracyOfTheExactOnes() {
        Random random = new Random(7);
        long[] latencies = new long[20_000];
        LatencySketch sketch = LatencySketch.EMPTY;
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 1 + (long) Math.exp(5 + random.nextGaussian() * 1.2);
            sketch = sketch.add(latencies[i]);
        }
        Arrays.sort(latencies);

        for (double q : new double[] {0.5, 0.95, 0.99}) {
            long exact = exactQuantile(latencies, q);
            assertThat((double) sketch.quantile(q)).as("p" + q).isCloseTo(exact, within(exact * LatencySketch.RELATIVE_ACCURACY + 1));
        }
        assertThat(sketch.count()).isEqualTo(20_000);
        assertThat(sketch.bucketIndexes().length).isLessThan(600);
    }

    @Test
    void mergingIsTheSameAsSketchingEverything() {
        LatencySketch left = LatencySketch.EMPTY;
        LatencySketch right = LatencySketch.EMPTY;
        LatencySketch all = LatencySketch.EMPTY;
        for (long millis = 0; millis < 5_000; millis += 7) {
            if (millis % 2 == 0) {
                left = left.add(millis);
            } else {
                right = right.add(millis);
            }
            all = all.add(millis);
        }

        assertThat(left.merge(right)).isEqualTo(all);
        assertThat(right.merge(left)).isEqualTo(all);
    }

    @Test
    void survivesAJsonRoundTrip() throws Exception {
        LatencySketch sketch = LatencySketch.EMPTY.add(0).add(120).add(950).add(950);

        byte[] json = JsonSerde.MAPPER.writeValueAsBytes(sketch);

        assertThat(JsonSerde.MAPPER.readValue(json, LatencySketch.class)).isEqualTo(sketch);
    }

    @Test
    void anEmptySketchReportsZero() {
        assertThat(LatencySketch.EMPTY.quantile(0.99)).isZero();
    }

    @Test
    void addingValuesOneByOneIsTheSameAsMergingOneValueSketches() {
        Random random = new Random(7);
        LatencySketch added = LatencySketch.EMPTY;
        LatencySketch merged = LatencySketch.EMPTY;
        for (int i = 0; i < 5_000; i++) {
            long millis = random.nextInt(10) == 0 ? 0 : 1 + (long) Math.exp(random.nextDouble() * 12);
            added = added.add(millis);
            merged = merged.merge(LatencySketch.EMPTY.add(millis));
        }

        assertThat(added).isEqualTo(merged);
        assertThat(added.count()).isEqualTo(5_000);
    }
}
