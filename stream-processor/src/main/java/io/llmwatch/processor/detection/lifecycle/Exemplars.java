package io.llmwatch.processor.detection.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest traces that pulled a key towards its alert (a low score, a slow call, an error), cited as evidence.
 *
 * @param traceIds oldest first, at most {@link #CAPACITY}
 */
public record Exemplars(List<String> traceIds) {

    /** How many traces an alert cites. */
    public static final int CAPACITY = 5;

    public Exemplars {
        traceIds = List.copyOf(traceIds);
        if (traceIds.size() > CAPACITY) {
            throw new IllegalArgumentException("at most " + CAPACITY + " exemplars, got " + traceIds.size());
        }
    }

    public static Exemplars none() {
        return new Exemplars(List.of());
    }

    public Exemplars with(String traceId) {
        List<String> next = new ArrayList<>(traceIds);
        next.remove(traceId);
        next.add(traceId);
        return new Exemplars(next.subList(Math.max(0, next.size() - CAPACITY), next.size()));
    }
}
