package io.llmwatch.processor.detection.budget;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A spending cap for one dimension key, as it comes from configuration or from the compacted
 * {@code llmwatch.budgets.v1} topic (keyed by {@code key}; a tombstone removes the budget). Serialises to and from
 * JSON as it is.
 *
 * @param key           the dimension key the cap applies to, spelt as the cost stores spell it, e.g.
 *                      {@code feature|support-chat} or {@code tenant|acme}
 * @param hourlyCapUsd  the most the key may spend per UTC hour; {@code null} for no hourly cap
 * @param dailyCapUsd   the most the key may spend per UTC day; {@code null} for no daily cap
 */
public record BudgetDefinition(String key, BigDecimal hourlyCapUsd, BigDecimal dailyCapUsd) {

    public BudgetDefinition {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a budget needs a key");
        }
        if (hourlyCapUsd == null && dailyCapUsd == null) {
            throw new IllegalArgumentException("budget " + key + " caps nothing: give an hourly or a daily cap");
        }
        requirePositive(key, hourlyCapUsd);
        requirePositive(key, dailyCapUsd);
    }

    public Optional<BigDecimal> capUsd(BudgetPeriod period) {
        return Optional.ofNullable(period == BudgetPeriod.HOUR ? hourlyCapUsd : dailyCapUsd);
    }

    private static void requirePositive(String key, BigDecimal capUsd) {
        if (capUsd != null && capUsd.signum() <= 0) {
            throw new IllegalArgumentException("budget " + key + " has a cap that is not positive: " + capUsd);
        }
    }
}
