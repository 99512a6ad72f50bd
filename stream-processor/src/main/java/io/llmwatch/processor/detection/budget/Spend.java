package io.llmwatch.processor.detection.budget;

import java.math.BigDecimal;
import java.util.Objects;

/** The cost of one priced call, counted against the budget of its key. */
public record Spend(long eventTimeMillis, String traceId, BigDecimal costUsd) {

    public Spend {
        Objects.requireNonNull(costUsd, "costUsd");
    }
}
