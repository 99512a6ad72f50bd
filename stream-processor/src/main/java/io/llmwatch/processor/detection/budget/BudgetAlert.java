package io.llmwatch.processor.detection.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The highest alert a period has raised, and the cap it was measured against, so the resolution can cite the cap
 * even if the budget changed since.
 */
public record BudgetAlert(BudgetThreshold threshold, BigDecimal capUsd) {

    public BudgetAlert {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(capUsd, "capUsd");
    }
}
