package io.llmwatch.processor.query;

/**
 * One row of {@code GET /api/cost}: the totals of one dimension value in one window.
 *
 * @param costUsd exact USD as a decimal string
 */
public record CostRow(String key, String windowStart, String windowEnd, String costUsd, long calls,
                      long unpricedCalls, long errors, long inputTokens, long outputTokens, long cacheReadTokens) {
}
