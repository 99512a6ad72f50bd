package io.llmwatch.processor.detection.anomaly;

import io.llmwatch.processor.detection.lifecycle.Exemplars;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CostAnomalyRule} remembers of one key: the buckets still open, the detector's state as of the last
 * closed bucket, and the alert's lifecycle. Bounded by the settings (grace / bucket + 1 open buckets), whatever the
 * traffic.
 *
 * @param firstOpenMillis   event time the oldest open bucket starts
 * @param openBuckets       spend and calls of each open bucket so far, oldest first, one bucket apart
 * @param latestEventMillis the newest event time seen: buckets close once it passes their end plus the grace
 * @param expectedUsd       what the detector expected of the last closed bucket, the yardstick for open ones
 * @param detector          the NAB-scored detector's state, advanced once per closed bucket; {@code null} before
 * @param noise             how far the key's spend per bucket strays by chance, learnt from the closed buckets
 * @param exemplars         the newest calls of the open buckets, or of the incident while it is open
 */
public record CostWatchState(long firstOpenMillis, List<BucketSpend> openBuckets, long latestEventMillis,
                             double expectedUsd, AnomalyState detector, SpendNoise noise, LifecycleState lifecycle,
                             Exemplars exemplars) {

    public CostWatchState {
        // A state stored before buckets counted their calls has neither: its open buckets and noise start over.
        openBuckets = openBuckets == null ? List.of() : List.copyOf(openBuckets);
        noise = noise == null ? SpendNoise.NONE : noise;
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(exemplars, "exemplars");
    }
}
