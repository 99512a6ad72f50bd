package io.llmwatch.processor.query;

import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.topology.WindowSpec;

import java.time.Instant;
import java.util.Objects;

/**
 * Which cost rows to return: every key of {@code dimension} in windows of size {@code window} that
 * start within [from, to].
 */
public record CostQuery(Dimension dimension, WindowSpec window, Instant from, Instant to) {

    public CostQuery {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(window, "window");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }
}
