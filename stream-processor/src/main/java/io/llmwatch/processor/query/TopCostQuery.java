package io.llmwatch.processor.query;

import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.topology.WindowSpec;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code n} most expensive values of {@code dimension} in the one window of size {@code window}
 * that contains {@code at}: "the top spenders this hour".
 */
public record TopCostQuery(Dimension dimension, WindowSpec window, Instant at, int n) {

    public TopCostQuery {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(at, "at");
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
    }

    /** Windows are tumbling and aligned to the epoch, as Kafka Streams aligns them. */
    public Instant windowStart() {
        long size = window.size().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }
}
