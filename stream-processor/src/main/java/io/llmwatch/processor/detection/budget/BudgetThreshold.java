package io.llmwatch.processor.detection.budget;

import io.llmwatch.schemas.alert.Severity;

import java.math.BigDecimal;
import java.util.Optional;

/** The shares of a cap at which a budget alerts, each once per period; declared in increasing order. */
public enum BudgetThreshold {
    /** 80% spent: time to act before the cap is hit. */
    WARNING(new BigDecimal("0.8"), Severity.WARNING),
    /** The cap is reached. */
    EXCEEDED(BigDecimal.ONE, Severity.CRITICAL);

    private final BigDecimal shareOfCap;
    private final Severity severity;

    BudgetThreshold(BigDecimal shareOfCap, Severity severity) {
        this.shareOfCap = shareOfCap;
        this.severity = severity;
    }

    public BigDecimal shareOfCap() {
        return shareOfCap;
    }

    public Severity severity() {
        return severity;
    }

    /** The highest threshold {@code spentUsd} has reached of {@code capUsd}; empty below the lowest. */
    public static Optional<BudgetThreshold> highestReached(BigDecimal spentUsd, BigDecimal capUsd) {
        BudgetThreshold highest = null;
        for (BudgetThreshold threshold : values()) {
            if (spentUsd.compareTo(capUsd.multiply(threshold.shareOfCap)) >= 0) {
                highest = threshold;
            }
        }
        return Optional.ofNullable(highest);
    }

    /** Whether this threshold ranks above the one {@code alert} raised; anything ranks above no alert. */
    boolean above(BudgetAlert alert) {
        return alert == null || compareTo(alert.threshold()) > 0;
    }
}
