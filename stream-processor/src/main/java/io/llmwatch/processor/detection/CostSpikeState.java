package io.llmwatch.processor.detection;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything the cost-spike rule remembers about one key; its size is bounded whatever the traffic.
 *
 * @param bucketStartMillis start of the open bucket
 * @param bucketCostUsd     cost seen so far in the open bucket
 * @param openBucketPartial whether the open bucket is the key's first, which began before its first event was seen
 * @param baselineUsd       expected cost of one bucket; {@code null} until the first full bucket closes
 * @param deviationUsd      usual distance of a bucket's cost from the baseline
 * @param closedBuckets     buckets folded into the baseline, capped at the warm-up length
 * @param firing            whether an alert is open
 * @param calmBuckets       calm buckets in a row since the alert fired
 * @param firedBucketStartMillis bucket in which the open alert fired, which names its window
 * @param exemplars         the most expensive traces of the open bucket
 */
public record CostSpikeState(
        long bucketStartMillis,
        BigDecimal bucketCostUsd,
        boolean openBucketPartial,
        BigDecimal baselineUsd,
        BigDecimal deviationUsd,
        int closedBuckets,
        boolean firing,
        int calmBuckets,
        long firedBucketStartMillis,
        List<Exemplar> exemplars) {

    /** How many traces an alert cites as evidence. */
    public static final int MAX_EXEMPLARS = 5;

    public static CostSpikeState start(long bucketStartMillis) {
        return new CostSpikeState(bucketStartMillis, BigDecimal.ZERO, true, null, BigDecimal.ZERO, 0, false, 0, 0, List.of());
    }

    public record Exemplar(String traceId, BigDecimal costUsd) {
    }
}
