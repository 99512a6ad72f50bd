package io.llmwatch.processor.cost;

import java.math.BigDecimal;

/** Running totals of one dimension key in one window. Addition is exact and order-independent. */
public record CostAggregate(
        BigDecimal costUsd,
        long calls,
        long unpricedCalls,
        long errors,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens) {

    public static final CostAggregate EMPTY = new CostAggregate(BigDecimal.ZERO, 0, 0, 0, 0, 0, 0);

    public CostAggregate plus(CostSample sample) {
        return new CostAggregate(
                costUsd.add(sample.costOrZero()),
                calls + 1,
                unpricedCalls + (sample.priced() ? 0 : 1),
                errors + (sample.error() ? 1 : 0),
                inputTokens + sample.inputTokens(),
                outputTokens + sample.outputTokens(),
                cacheReadTokens + sample.cacheReadTokens());
    }

    public CostAggregate plus(CostAggregate other) {
        return new CostAggregate(
                costUsd.add(other.costUsd),
                calls + other.calls,
                unpricedCalls + other.unpricedCalls,
                errors + other.errors,
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens);
    }
}
