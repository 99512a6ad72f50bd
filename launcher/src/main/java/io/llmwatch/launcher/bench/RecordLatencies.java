package io.llmwatch.launcher.bench;

import java.util.Arrays;

/** Every measured duration of a call, kept exactly, so percentiles are exact rather than estimated. */
final class RecordLatencies {

    private final long[] nanos;
    private int count;

    RecordLatencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long durationNanos) {
        nanos[count++] = durationNanos;
    }

    int count() {
        return count;
    }

    long max() {
        return Arrays.stream(nanos, 0, count).max().orElse(0);
    }

    /** The smallest duration that {@code quantile} of the calls did not exceed. */
    long percentile(double quantile) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * count);
        return sorted[Math.max(0, rank - 1)];
    }
}
