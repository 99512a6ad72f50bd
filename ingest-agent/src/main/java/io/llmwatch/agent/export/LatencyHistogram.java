package io.llmwatch.agent.export;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in nanoseconds, counted in log-linear buckets: exact below 16 ns, then 16 buckets per power of
 * two, so a reported percentile is at most 1/16 (6.25 %) above the true one. Recording is a few atomic
 * increments with no allocation; it runs on the producer's network thread for every acknowledged event.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values below {@code SUB_BUCKETS} get a bucket each; each power of two above gets {@code SUB_BUCKETS}. */
    private static final int BUCKETS = (Long.SIZE - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts.incrementAndGet(bucketOf(value));
        total.add(value);
        max.accumulate(value);
    }

    LatencySummary summary() {
        long[] snapshot = new long[BUCKETS];
        long count = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            snapshot[bucket] = counts.get(bucket);
            count += snapshot[bucket];
        }
        if (count == 0) {
            return LatencySummary.NONE;
        }
        long maxNanos = max.get();
        return new LatencySummary(count, total.sum() / count,
                Math.min(maxNanos, percentile(snapshot, count, 0.50)),
                Math.min(maxNanos, percentile(snapshot, count, 0.99)),
                maxNanos);
    }

    static int bucketOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int magnitude = Long.SIZE - 1 - Long.numberOfLeadingZeros(value);
        int subBucket = (int) (value >>> (magnitude - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return (magnitude - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + subBucket;
    }

    /** The largest value that falls in {@code bucket}. */
    static long upperBoundOf(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int shift = bucket / SUB_BUCKETS - 1;
        long nextLowerBound = (long) (SUB_BUCKETS + bucket % SUB_BUCKETS + 1) << shift;
        return nextLowerBound - 1;
    }

    private static long percentile(long[] snapshot, long count, double quantile) {
        long rank = (long) Math.ceil(quantile * count);
        long seen = 0;
        for (int bucket = 0; bucket < snapshot.length; bucket++) {
            seen += snapshot[bucket];
            if (seen >= rank) {
                return upperBoundOf(bucket);
            }
        }
        return upperBoundOf(snapshot.length - 1);
    }
}
