package io.llmwatch.processor.detection.anomaly;

import java.util.ArrayList;
import java.util.List;

/** The bounded "newest values" lists the state keeps: appending drops the oldest once the list is full. */
final class NewestValues {

    private NewestValues() {
    }

    /** The values plus {@code value}, oldest first, keeping only the newest {@code capacity}. */
    static List<Double> append(List<Double> values, double value, int capacity) {
        int keep = Math.min(values.size(), capacity - 1);
        List<Double> next = new ArrayList<>(keep + 1);
        next.addAll(values.subList(values.size() - keep, values.size()));
        next.add(value);
        return List.copyOf(next);
    }
}
