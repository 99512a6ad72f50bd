package io.llmwatch.processor.detection.comparison;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * The newest values of a series, oldest first, at most a fixed number of them, so a detector's state is bounded
 * whatever the traffic. It serialises to JSON as its values, for a state store.
 *
 * <p>Immutable to its users, but appending costs O(1) amortised. Detectors append a value per call to windows of up
 * to 1,500, and copying the window on every append (twice, with the defensive copy) moved tens of kilobytes per call
 * and key: the largest cost of the whole topology. Instead a window is a view on an array with room to grow, and an
 * append by the newest view writes the next slot in place, beyond every view's end, so no existing window changes.
 * Only when the array is full, or when an older view appends again, are the kept values copied into a new array with
 * as much room again.
 */
public final class RecentValues {

    private static final RecentValues NONE = new RecentValues(new Slots(new double[0], 0), 0, 0);

    /** The array views share, and how far it has been written: only the view ending there may write on in place. */
    private static final class Slots {
        private final double[] values;
        private int written;

        private Slots(double[] values, int written) {
            this.values = values;
            this.written = written;
        }
    }

    private final Slots slots;
    private final int start;
    private final int end;

    private RecentValues(Slots slots, int start, int end) {
        this.slots = slots;
        this.start = start;
        this.end = end;
    }

    /** These values, oldest first; the array is copied. */
    @JsonCreator
    public RecentValues(@JsonProperty("values") double[] values) {
        this(new Slots(values.clone(), values.length), 0, values.length);
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
        int keep = Math.min(count(), capacity - 1);
        if (end == slots.written && end < slots.values.length) {
            slots.values[end] = value;
            slots.written = end + 1;
            return new RecentValues(slots, end - keep, end + 1);
        }
        double[] grown = new double[Math.max(2 * capacity, keep + 1)];
        System.arraycopy(slots.values, end - keep, grown, 0, keep);
        grown[keep] = value;
        return new RecentValues(new Slots(grown, keep + 1), 0, keep + 1);
    }

    /** The value the next append pushes out once {@code capacity} values are held. */
    double oldest() {
        return slots.values[start];
    }

    public int count() {
        return end - start;
    }

    /** The newest {@code count} values (all of them when there are fewer), oldest first. */
    public double[] newest(int count) {
        return Arrays.copyOfRange(slots.values, Math.max(start, end - count), end);
    }

    public double[] toArray() {
        return Arrays.copyOfRange(slots.values, start, end);
    }

    /** A copy, oldest first: the view's array never leaves it. */
    @JsonProperty("values")
    public double[] values() {
        return toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentValues recent
                && Arrays.equals(slots.values, start, end, recent.slots.values, recent.start, recent.end);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + Double.hashCode(slots.values[i]);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RecentValues" + Arrays.toString(toArray());
    }
}
