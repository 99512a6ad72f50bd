package io.llmwatch.agent.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the processor last said about one budget.
 *
 * @param remainingUsd the least that remains of the hourly and daily caps; empty while nothing is known yet
 * @param exceeded     whether a cap is reached
 * @param fetchedAt    when the processor said so; {@link Instant#EPOCH} while nothing is known yet
 */
public record BudgetSnapshot(String key, Optional<BigDecimal> remainingUsd, boolean exceeded, Instant fetchedAt) {

    public BudgetSnapshot {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remainingUsd, "remainingUsd");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    static BudgetSnapshot unknown(String key) {
        return new BudgetSnapshot(key, Optional.empty(), false, Instant.EPOCH);
    }
}
