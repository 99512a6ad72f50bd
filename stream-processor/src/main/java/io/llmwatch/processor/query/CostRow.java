package io.llmwatch.processor.query;

import java.util.List;

/**
 * One row of {@code GET /api/cost}: the totals of one dimension value in one window.
 *
 * @param key      the dimension value; for a pair such as feature_model, its parts joined by {@code |}
 * @param keyParts the attribute values the key is made of, one for a single dimension, two for a pair
 * @param costUsd  exact USD as a decimal string
 * @param latencyP50Ms median latency, within 2%; likewise the 95th and 99th percentiles
 */
public record CostRow(String key, List<String> keyParts, String windowStart, String windowEnd, String costUsd, long calls,
                      long unpricedCalls, long errors, long inputTokens, long outputTokens, long cacheReadTokens,
                      long latencyP50Ms, long latencyP95Ms, long latencyP99Ms) {
}
