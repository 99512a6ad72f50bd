package io.llmwatch.processor.detection.anomaly;

import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link CostAnomalyRule}: how the cost of one key becomes a series, and what score counts as an anomaly.
 * The detector itself keeps the one parameter set scored on NAB.
 *
 * @param bucket          the span of time whose cost is one observation of the series
 * @param grace           how long a bucket stays open after its end (in event time) for calls arriving out of
 *                        order, e.g. from partitions processed at different paces
 * @param detector        the NAB-scored detector's parameters, warm-up included
 * @param scoreThreshold  a bucket scoring at least this (in [0, 1]) is anomalous
 * @param fireRatio       ... if its cost is also at least this multiple of the expected cost: only rises alert
 * @param resolveRatio    a closed bucket at or under this multiple of the expected cost counts as calm
 * @param minimumExcessUsd a bucket this little above the expected cost never fires, however surprising
 * @param maximumChance   a bucket fires only if the key's usual traffic would spend that much in one bucket by
 *                        chance with at most this probability ({@link SpendNoise}): a sparse key's bucket is a few
 *                        calls, and a few of its dearest calls landing together is luck, not an anomaly
 * @param lifecycle       breaches to fire (1: the first anomalous bucket fires) and calm buckets to resolve
 * @param maxGapBuckets   a key silent for longer catches up with at most this many empty buckets
 */
public record CostAnomalySettings(
        Duration bucket,
        Duration grace,
        AnomalySettings detector,
        double scoreThreshold,
        BigDecimal fireRatio,
        BigDecimal resolveRatio,
        BigDecimal minimumExcessUsd,
        double maximumChance,
        LifecycleSettings lifecycle,
        int maxGapBuckets) {

    /**
     * One-minute buckets open 30 s past their end: warm after 100 minutes of a key's traffic, seasonal after a week.
     * A bucket fires only if chance alone would spend that much in under one bucket in a million: thousands of keys
     * are judged every bucket.
     */
    public static final CostAnomalySettings DEFAULTS = new CostAnomalySettings(Duration.ofMinutes(1),
            Duration.ofSeconds(30), AnomalySettings.DEFAULTS, 0.75, new BigDecimal("2"), new BigDecimal("1.3"), new BigDecimal("0.05"),
            1e-6, new LifecycleSettings(1, 3), 60);

    public CostAnomalySettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(minimumExcessUsd, "minimumExcessUsd");
        if (bucket.isNegative() || bucket.isZero()) {
            throw new IllegalArgumentException("bucket must be positive: " + bucket);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0, 1): " + scoreThreshold);
        }
        if (resolveRatio.compareTo(BigDecimal.ONE) < 0 || resolveRatio.compareTo(fireRatio) >= 0) {
            throw new IllegalArgumentException("need 1 <= resolveRatio < fireRatio, got " + resolveRatio + " and " + fireRatio);
        }
        if (!(maximumChance > 0 && maximumChance < 1)) {
            throw new IllegalArgumentException("maximumChance must be in (0, 1): " + maximumChance);
        }
        if (maxGapBuckets < 1) {
            throw new IllegalArgumentException("maxGapBuckets must be at least 1: " + maxGapBuckets);
        }
    }

    /** The same with other detector parameters. */
    public CostAnomalySettings withDetector(AnomalySettings newDetector) {
        return new CostAnomalySettings(bucket, grace, newDetector, scoreThreshold, fireRatio, resolveRatio, minimumExcessUsd,
                maximumChance, lifecycle, maxGapBuckets);
    }

    /**
     * The same with another warm-up: buckets of a key's traffic before it may fire. Production keeps the NAB-scored
     * 100; a demo that cannot wait 100 buckets takes fewer, and at least the baseline's minimum.
     */
    public CostAnomalySettings withWarmUpBuckets(int buckets) {
        if (buckets < detector.minimumBaselineObservations()) {
            throw new IllegalArgumentException("the cost-anomaly warm-up must be at least "
                    + detector.minimumBaselineObservations() + " buckets, the baseline's minimum; got " + buckets);
        }
        return withDetector(detector.withWarmUpObservations(buckets));
    }

    /** The same with another bucket size and grace, e.g. seconds for a demo that cannot wait 100 minutes to warm up. */
    public CostAnomalySettings withBucket(Duration newBucket, Duration newGrace) {
        return new CostAnomalySettings(newBucket, newGrace, detector, scoreThreshold, fireRatio, resolveRatio, minimumExcessUsd,
                maximumChance, lifecycle, maxGapBuckets);
    }
}
