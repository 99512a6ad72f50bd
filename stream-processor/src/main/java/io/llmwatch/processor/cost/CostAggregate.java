package io.llmwatch.processor.cost;

import io.llmwatch.processor.stats.LatencySketch;

import java.math.BigDecimal;

/**
 * Running totals of one dimension key in one window. Addition is exact and order-independent; the
 * latency distribution is a fixed-accuracy sketch, so an aggregate stays small however many calls
 * it counts.
 */
public record CostAggregate(
        BigDecimal costUsd,
        long calls,
        long unpricedCalls,
        long errors,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        LatencySketch latency) {

    public static final CostAggregate EMPTY = new CostAggregate(BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, LatencySketch.EMPTY);

    public CostAggregate plus(CostSample sample) {
        return new CostAggregate(
                costUsd.add(sample.costOrZero()),
                calls + 1,
                unpricedCalls + (sample.priced() ? 0 : 1),
                errors + (sample.error() ? 1 : 0),
                inputTokens + sample.inputTokens(),
                outputTokens + sample.outputTokens(),
                cacheReadTokens + sample.cacheReadTokens(),
                latency.add(sample.latencyMillis()));
    }

    public CostAggregate plus(CostAggregate other) {
        return new CostAggregate(
                costUsd.add(other.costUsd),
                calls + other.calls,
                unpricedCalls + other.unpricedCalls,
                errors + other.errors,
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens,
                latency.merge(other.latency));
    }
}
