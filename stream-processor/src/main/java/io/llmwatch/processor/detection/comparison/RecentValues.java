package io.llmwatch.processor.detection.comparison;

import java.util.Arrays;

/**
 * The newest values of a series, oldest first, at most a fixed number of them: a ring buffer as an immutable array,
 * so it serialises to JSON for a state store and its size is bounded whatever the traffic. Primitive doubles: the
 * detectors append a value per call to windows of hundreds, and boxed lists made each append cost microseconds.
 */
public record RecentValues(double[] values) {

    private static final RecentValues NONE = new RecentValues(new double[0]);

    public RecentValues {
        values = values.clone();
    }

    public static RecentValues none() {
        return NONE;
    }

    /** The newest {@code capacity} of {@code values}, oldest first: as if each were appended in turn, in one copy. */
    public static RecentValues newestOf(double[] values, int capacity) {
        return new RecentValues(Arrays.copyOfRange(values, Math.max(0, values.length - capacity), values.length));
    }

    /** These values plus {@code value}, keeping only the newest {@code capacity}. */
    public RecentValues append(double value, int capacity) {
        int keep = Math.min(values.length, capacity - 1);
        double[] next = new double[keep + 1];
        System.arraycopy(values, values.length - keep, next, 0, keep);
        next[keep] = value;
        return new RecentValues(next);
    }

    /** The value the next append pushes out once {@code capacity} values are held. */
    double oldest() {
        return values[0];
    }

    public int count() {
        return values.length;
    }

    /** The newest {@code count} values (all of them when there are fewer), oldest first. */
    public double[] newest(int count) {
        return Arrays.copyOfRange(values, Math.max(0, values.length - count), values.length);
    }

    public double[] toArray() {
        return values.clone();
    }

    /** A copy: the record's own array never leaves it. */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentValues recent && Arrays.equals(values, recent.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "RecentValues" + Arrays.toString(values);
    }
}
