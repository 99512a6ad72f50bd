package io.llmwatch.processor.detection.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a key spent in one period.
 *
 * @param periodStartMillis start of the period, in event time
 * @param spentUsd          the exact sum of the costs seen for the period
 * @param alert             the highest alert already raised in this period; {@code null} for none
 */
public record PeriodSpend(long periodStartMillis, BigDecimal spentUsd, BudgetAlert alert) {

    public PeriodSpend {
        Objects.requireNonNull(spentUsd, "spentUsd");
    }

    static PeriodSpend start(long periodStartMillis) {
        return new PeriodSpend(periodStartMillis, BigDecimal.ZERO, null);
    }
}
