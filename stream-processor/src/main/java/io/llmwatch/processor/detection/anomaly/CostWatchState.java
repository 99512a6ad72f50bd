package io.llmwatch.processor.detection.anomaly;

import io.llmwatch.processor.detection.lifecycle.Exemplars;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What {@link CostAnomalyRule} remembers of one key: the open bucket, the detector's state as of the last closed
 * bucket, and the alert's lifecycle. Bounded by the detector's settings, whatever the traffic.
 *
 * @param bucketStartMillis event time the open bucket starts
 * @param bucketCostUsd     exact spend in the open bucket so far
 * @param expectedUsd       what the detector expected of the last closed bucket, the yardstick for the open one
 * @param detector          the NAB-scored detector's state, advanced once per closed bucket
 * @param exemplars         the newest calls of the open bucket, or of the incident while it is open
 */
public record CostWatchState(long bucketStartMillis, BigDecimal bucketCostUsd, double expectedUsd,
                             AnomalyState detector, LifecycleState lifecycle, Exemplars exemplars) {

    public CostWatchState {
        Objects.requireNonNull(bucketCostUsd, "bucketCostUsd");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(exemplars, "exemplars");
    }
}
