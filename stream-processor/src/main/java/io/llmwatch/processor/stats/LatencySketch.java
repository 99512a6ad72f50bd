package io.llmwatch.processor.stats;

import java.util.Arrays;

/**
 * A mergeable latency distribution with bounded size and a known error, in the manner of DDSketch:
 * values are counted in logarithmic buckets {@code (γ^(i-1), γ^i]} with {@code γ = (1+α)/(1-α)}, so
 * any quantile it reports is within a relative error α ({@link #RELATIVE_ACCURACY}, 2%) of a value
 * actually observed at that rank. Latencies from 1 ms to a week need at most ~530 buckets, whatever
 * the number of observations; a typical API's latencies occupy a few dozen. Two sketches merge
 * exactly, so per-partition sketches combine into the same answer as one sketch of everything.
 *
 * <p>Immutable; buckets are kept sparse and sorted, which is also a compact JSON shape for stores.
 *
 * @param bucketIndexes indexes of the non-empty buckets, ascending
 * @param bucketCounts  observations in each of those buckets
 * @param zeroCount     observations of 0 ms (they have no logarithm)
 */
public record LatencySketch(int[] bucketIndexes, long[] bucketCounts, long zeroCount) {

    public static final double RELATIVE_ACCURACY = 0.02;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    public static final LatencySketch EMPTY = new LatencySketch(new int[0], new long[0], 0);

    public LatencySketch {
        if (bucketIndexes.length != bucketCounts.length) {
            throw new IllegalArgumentException("bucket indexes and counts differ in length");
        }
    }

    public long count() {
        return zeroCount + Arrays.stream(bucketCounts).sum();
    }

    public LatencySketch add(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + millis);
        }
        if (millis == 0) {
            return new LatencySketch(bucketIndexes, bucketCounts, zeroCount + 1);
        }
        int bucket = bucketOf(millis);
        int at = Arrays.binarySearch(bucketIndexes, bucket);
        if (at >= 0) {
            long[] counts = bucketCounts.clone();
            counts[at]++;
            return new LatencySketch(bucketIndexes, counts, zeroCount);
        }
        // One copy with the new bucket in place: adding is per call and per dimension, merging is per window.
        int insertAt = -at - 1;
        int[] indexes = new int[bucketIndexes.length + 1];
        long[] counts = new long[indexes.length];
        System.arraycopy(bucketIndexes, 0, indexes, 0, insertAt);
        System.arraycopy(bucketCounts, 0, counts, 0, insertAt);
        indexes[insertAt] = bucket;
        counts[insertAt] = 1;
        System.arraycopy(bucketIndexes, insertAt, indexes, insertAt + 1, bucketIndexes.length - insertAt);
        System.arraycopy(bucketCounts, insertAt, counts, insertAt + 1, bucketCounts.length - insertAt);
        return new LatencySketch(indexes, counts, zeroCount);
    }

    public LatencySketch merge(LatencySketch other) {
        int[] indexes = new int[bucketIndexes.length + other.bucketIndexes.length];
        long[] counts = new long[indexes.length];
        int mine = 0;
        int theirs = 0;
        int size = 0;
        while (mine < bucketIndexes.length || theirs < other.bucketIndexes.length) {
            boolean takeMine = theirs >= other.bucketIndexes.length
                    || (mine < bucketIndexes.length && bucketIndexes[mine] <= other.bucketIndexes[theirs]);
            boolean takeTheirs = mine >= bucketIndexes.length
                    || (theirs < other.bucketIndexes.length && other.bucketIndexes[theirs] <= bucketIndexes[mine]);
            indexes[size] = takeMine ? bucketIndexes[mine] : other.bucketIndexes[theirs];
            counts[size] = (takeMine ? bucketCounts[mine++] : 0) + (takeTheirs ? other.bucketCounts[theirs++] : 0);
            size++;
        }
        return new LatencySketch(Arrays.copyOf(indexes, size), Arrays.copyOf(counts, size), zeroCount + other.zeroCount);
    }

    /**
     * The latency at quantile {@code q} (0.5 for the median), in milliseconds, within the relative
     * accuracy of an observed value; 0 for an empty sketch.
     */
    public long quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
        }
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.floor(q * (total - 1));
        if (rank < zeroCount) {
            return 0;
        }
        long seen = zeroCount;
        for (int i = 0; i < bucketIndexes.length; i++) {
            seen += bucketCounts[i];
            if (seen > rank) {
                return Math.round(representative(bucketIndexes[i]));
            }
        }
        return Math.round(representative(bucketIndexes[bucketIndexes.length - 1]));
    }

    private static int bucketOf(long millis) {
        return (int) Math.ceil(Math.log(millis) / LOG_GAMMA);
    }

    /** The value whose relative distance to every value of the bucket is at most α. */
    private static double representative(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencySketch sketch && zeroCount == sketch.zeroCount
                && Arrays.equals(bucketIndexes, sketch.bucketIndexes) && Arrays.equals(bucketCounts, sketch.bucketCounts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(bucketIndexes) + Arrays.hashCode(bucketCounts)) + Long.hashCode(zeroCount);
    }

    @Override
    public String toString() {
        return "LatencySketch[count=" + count() + ", p50=" + quantile(0.5) + "ms, p99=" + quantile(0.99) + "ms]";
    }
}
