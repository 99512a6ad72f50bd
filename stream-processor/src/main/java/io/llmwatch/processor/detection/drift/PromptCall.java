package io.llmwatch.processor.detection.drift;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What prompt drift needs of one call made from a prompt template.
 *
 * @param costUsd the call's exact cost; {@code null} when the model has no known price
 * @param quality a quality score of the call in [0, 1]; {@code null} when none arrived
 */
public record PromptCall(PromptVersion version, long eventTimeMillis, double latencyMillis, long inputTokens,
                         long outputTokens, BigDecimal costUsd, Double quality) {

    public PromptCall {
        Objects.requireNonNull(version, "version");
        if (!Double.isFinite(latencyMillis) || latencyMillis < 0 || inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("latency and token counts must be finite and not negative");
        }
    }

    /** The call's value of one indicator, empty when the call does not have it (unpriced, unscored). */
    OptionalDouble measure(Indicator indicator) {
        return switch (indicator) {
            case LATENCY_MS -> OptionalDouble.of(latencyMillis);
            case INPUT_TOKENS -> OptionalDouble.of(inputTokens);
            case OUTPUT_TOKENS -> OptionalDouble.of(outputTokens);
            // Money is exact up to here; the rank statistics only need its order.
            case COST_PER_CALL_USD -> costUsd == null ? OptionalDouble.empty() : OptionalDouble.of(costUsd.doubleValue());
            case QUALITY -> quality == null ? OptionalDouble.empty() : OptionalDouble.of(quality);
        };
    }
}
