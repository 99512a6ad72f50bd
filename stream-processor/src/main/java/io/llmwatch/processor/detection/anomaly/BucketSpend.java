package io.llmwatch.processor.detection.anomaly;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one bucket of a key has counted so far: its exact spend, and the call statistics {@link SpendNoise} learns
 * from (they only need the magnitude of money, so they are doubles).
 *
 * @param usd              the spend, exact
 * @param calls            how many calls it adds up
 * @param sumOfSquaresUsd  the sum of each call's cost squared
 * @param largestCallUsd   the most expensive call's cost
 */
public record BucketSpend(BigDecimal usd, long calls, double sumOfSquaresUsd, double largestCallUsd) {

    public static final BucketSpend EMPTY = new BucketSpend(BigDecimal.ZERO, 0, 0, 0);

    public BucketSpend {
        Objects.requireNonNull(usd, "usd");
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative: " + calls);
        }
    }

    BucketSpend plus(BigDecimal callUsd) {
        double call = callUsd.doubleValue();
        return new BucketSpend(usd.add(callUsd), calls + 1, sumOfSquaresUsd + call * call,
                Math.max(largestCallUsd, call));
    }
}
