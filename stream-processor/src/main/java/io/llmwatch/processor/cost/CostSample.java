package io.llmwatch.processor.cost;

import java.math.BigDecimal;

/**
 * What attribution needs of one priced span: its dimensions, its tokens and its cost.
 *
 * @param prompt        the prompt template as {@code name@version}, or {@code null} when none was named
 * @param costUsd       the exact cost, or {@code null} when the model has no known price
 * @param latencyMillis from request to the end of the response
 */
public record CostSample(
        String traceId,
        long eventTimeMillis,
        String tenant,
        String user,
        String feature,
        String environment,
        String prompt,
        String provider,
        String model,
        BigDecimal costUsd,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long latencyMillis,
        boolean error) {

    public boolean priced() {
        return costUsd != null;
    }

    /** The cost counted in sums: an unpriced call adds no money, it is counted separately. */
    public BigDecimal costOrZero() {
        return costUsd == null ? BigDecimal.ZERO : costUsd;
    }
}
