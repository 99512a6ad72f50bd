package io.llmwatch.processor.query;

import io.llmwatch.processor.cost.CostAggregate;

/**
 * Everything one instance attributed in one window, all keys together: one instance's share of a
 * point of {@code GET /api/overview}. It keeps the latency sketch, so shares of several instances
 * merge into exact totals and percentiles within the sketch's accuracy.
 */
public record WindowTotal(long windowStartMillis, long windowEndMillis, CostAggregate total) {

    public WindowTotal plus(WindowTotal other) {
        return new WindowTotal(windowStartMillis, windowEndMillis, total.plus(other.total));
    }
}
