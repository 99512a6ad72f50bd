package io.llmwatch.launcher.bench;

import io.llmwatch.schemas.alert.AlertEvent;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One injected incident of the detection benchmark: when it runs and which alerts it explains. An alert is
 * explained when its type is one the incident should raise and its key is one the incident touched, e.g. a latency
 * regression of the slowed model, or of its provider.
 *
 * @param name        what the JSON calls it, e.g. {@code cost_spike}
 * @param startMillis event time (and wall clock) of the first anomalous call; an alert the incident caused is stamped
 *                    no earlier, since alerts carry the newest event time the processor had seen when it decided
 * @param endMillis   event time of the last anomalous call
 * @param types       alert types the incident may raise
 * @param keys        which dimension keys ({@code dimension|value}) it touches
 */
record BenchIncident(String name, long startMillis, long endMillis, Set<String> types, Predicate<String> keys) {

    /** Alerts about an incident may still fire a little after its last anomalous call, while windows close. */
    static final long AFTERMATH_MILLIS = 60_000;

    BenchIncident {
        Objects.requireNonNull(name, "name");
        types = Set.copyOf(types);
        Objects.requireNonNull(keys, "keys");
    }

    boolean explains(AlertEvent alert, long alertEventTimeMillis) {
        return types.contains(alert.getType())
                && keys.test(alert.getDimension() + "|" + alert.getDimensionKey())
                && alertEventTimeMillis >= startMillis
                && alertEventTimeMillis <= endMillis + AFTERMATH_MILLIS;
    }
}
