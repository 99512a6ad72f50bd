package io.llmwatch.processor.detection.anomaly;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpendNoiseTest {

    /** A sparse key: one call a bucket on average, 85% of them cheap, 15% forty-five times dearer. */
    private static final double RATE = 1;
    private static final double CHEAP = 0.0004;
    private static final double DEAR = 0.018;
    private static final double DEAR_SHARE = 0.15;
    private static final SpendNoise SPARSE = new SpendNoise(1_000,
            RATE * ((1 - DEAR_SHARE) * CHEAP + DEAR_SHARE * DEAR),
            RATE * ((1 - DEAR_SHARE) * CHEAP * CHEAP + DEAR_SHARE * DEAR * DEAR), DEAR);

    private static BucketSpend bucketOf(String... callsUsd) {
        BucketSpend bucket = BucketSpend.EMPTY;
        for (String call : callsUsd) {
            bucket = bucket.plus(new BigDecimal(call));
        }
        return bucket;
    }

    @Test
    void learnsThePlainMeansOfItsFirstBuckets() {
        SpendNoise noise = SpendNoise.NONE
                .learn(bucketOf("0.1", "0.3"), AnomalySettings.DEFAULTS)
                .learn(bucketOf(), AnomalySettings.DEFAULTS)
                .learn(bucketOf("0.2"), AnomalySettings.DEFAULTS);

        assertThat(noise.buckets()).isEqualTo(3);
        assertThat(noise.meanSpendUsd()).isCloseTo(0.2, within(1e-12));
        assertThat(noise.meanSquaresUsd()).isCloseTo((0.01 + 0.09 + 0.04) / 3, within(1e-12));
        // The largest call fades, like the detector's records, by a factor e every 8,000 buckets.
        assertThat(noise.largestCallUsd()).isCloseTo(0.3, within(1e-4));
    }

    @Test
    void followsANewLevelWithinAFewBaselinesOfBuckets() {
        SpendNoise noise = SpendNoise.NONE;
        for (int bucket = 0; bucket < 10 * AnomalySettings.DEFAULTS.baselineObservations(); bucket++) {
            noise = noise.learn(bucketOf(bucket < 1_000 ? "1" : "2"), AnomalySettings.DEFAULTS);
        }
        for (int bucket = 0; bucket < 10 * AnomalySettings.DEFAULTS.baselineObservations(); bucket++) {
            noise = noise.learn(bucketOf("3"), AnomalySettings.DEFAULTS);
        }

        assertThat(noise.meanSpendUsd()).isCloseTo(3, within(0.01));
        assertThat(noise.largestCallUsd()).isEqualTo(3);
    }

    @Test
    void nothingAtOrUnderTheMeanIsUnlikely() {
        assertThat(SPARSE.chanceOfSpending(0)).isEqualTo(1);
        assertThat(SPARSE.chanceOfSpending(SPARSE.meanSpendUsd())).isEqualTo(1);
    }

    @Test
    void boundsTheChanceOfAPoissonNumberOfUnequalCalls() {
        SplittableRandom random = new SplittableRandom(42);
        double[] spends = {0.01, 0.02, 0.04, 0.06, 0.08};
        int[] reached = new int[spends.length];
        int buckets = 2_000_000;
        for (int bucket = 0; bucket < buckets; bucket++) {
            double spend = 0;
            for (int call = poisson(random); call > 0; call--) {
                spend += random.nextDouble() < DEAR_SHARE ? DEAR : CHEAP;
            }
            for (int i = 0; i < spends.length; i++) {
                reached[i] += spend >= spends[i] ? 1 : 0;
            }
        }

        for (int i = 0; i < spends.length; i++) {
            assertThat((double) reached[i] / buckets).as("spending %s", spends[i])
                    .isLessThanOrEqualTo(SPARSE.chanceOfSpending(spends[i]));
        }
    }

    @Test
    void aFewOfASparseKeysDearestCallsTogetherAreLuckAHundredCallsAreNot() {
        assertThat(SPARSE.chanceOfSpending(4 * DEAR)).isGreaterThan(CostAnomalySettings.DEFAULTS.maximumChance());
        assertThat(SPARSE.chanceOfSpending(100 * 0.0015)).isLessThan(CostAnomalySettings.DEFAULTS.maximumChance());
    }

    @Test
    void aBusyKeyDoublingItsSpendIsFarBeyondChance() {
        double calls = 10_000;
        SpendNoise busy = new SpendNoise(1_000, calls * SPARSE.meanSpendUsd(), calls * SPARSE.meanSquaresUsd(), DEAR);

        assertThat(busy.chanceOfSpending(2 * busy.meanSpendUsd())).isLessThan(1e-12);
    }

    /** Knuth's method: fine for a mean of 1. */
    private static int poisson(SplittableRandom random) {
        double limit = Math.exp(-RATE);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
