package io.llmwatch.processor.detection;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the per-feature cost-spike rule.
 *
 * @param bucket           the span of time whose cost is compared with the baseline
 * @param smoothing        weight of the newest bucket in the exponentially weighted baseline, in (0, 1]
 * @param fireRatio        fire when the open bucket's cost exceeds this multiple of the baseline
 * @param deviations       ... and exceeds the baseline by this many mean absolute deviations
 * @param resolveRatio     a closed bucket at or under this multiple of the baseline counts as calm
 * @param calmBucketsToResolve calm buckets in a row needed to resolve, so an alert does not flap
 * @param warmupBuckets    buckets to observe before the rule may fire
 * @param minimumCostUsd   a bucket cheaper than this never fires, however large the ratio
 */
public record CostSpikeSettings(
        Duration bucket,
        BigDecimal smoothing,
        BigDecimal fireRatio,
        BigDecimal deviations,
        BigDecimal resolveRatio,
        int calmBucketsToResolve,
        int warmupBuckets,
        BigDecimal minimumCostUsd) {

    public static final CostSpikeSettings DEFAULTS = new CostSpikeSettings(
            Duration.ofSeconds(5), new BigDecimal("0.3"), new BigDecimal("3"), new BigDecimal("4"), new BigDecimal("1.5"), 2, 4,
            new BigDecimal("0.01"));

    public CostSpikeSettings {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isNegative() || bucket.isZero()) {
            throw new IllegalArgumentException("bucket must be positive: " + bucket);
        }
        if (smoothing.signum() <= 0 || smoothing.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("smoothing must be in (0, 1]: " + smoothing);
        }
        if (resolveRatio.compareTo(fireRatio) > 0 || resolveRatio.signum() <= 0) {
            throw new IllegalArgumentException("need 0 < resolveRatio <= fireRatio, got " + resolveRatio + " and " + fireRatio);
        }
        if (calmBucketsToResolve < 1 || warmupBuckets < 1) {
            throw new IllegalArgumentException("calmBucketsToResolve and warmupBuckets must be at least 1");
        }
        Objects.requireNonNull(minimumCostUsd, "minimumCostUsd");
        if (deviations.signum() < 0) {
            throw new IllegalArgumentException("deviations must not be negative: " + deviations);
        }
    }
}
