package io.llmwatch.processor.detection.comparison;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest values of a series, oldest first, at most a fixed number of them: a ring buffer as an immutable list,
 * so it serialises to JSON for a state store and its size is bounded whatever the traffic.
 */
public record RecentValues(List<Double> values) {

    public RecentValues {
        values = List.copyOf(values);
    }

    public static RecentValues none() {
        return new RecentValues(List.of());
    }

    /** The newest {@code capacity} of {@code values}, oldest first: as if each were appended in turn, in one copy. */
    public static RecentValues newestOf(double[] values, int capacity) {
        List<Double> newest = new ArrayList<>(Math.min(values.length, capacity));
        for (int i = Math.max(0, values.length - capacity); i < values.length; i++) {
            newest.add(values[i]);
        }
        return new RecentValues(newest);
    }

    /** These values plus {@code value}, keeping only the newest {@code capacity}. */
    public RecentValues append(double value, int capacity) {
        int keep = Math.min(values.size(), capacity - 1);
        List<Double> next = new ArrayList<>(keep + 1);
        next.addAll(values.subList(values.size() - keep, values.size()));
        next.add(value);
        return new RecentValues(next);
    }

    /** The value the next append pushes out once {@code capacity} values are held. */
    double oldest() {
        return values.get(0);
    }

    public int count() {
        return values.size();
    }

    /** The newest {@code count} values (all of them when there are fewer), oldest first. */
    public double[] newest(int count) {
        return values.subList(Math.max(0, values.size() - count), values.size()).stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    public double[] toArray() {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
