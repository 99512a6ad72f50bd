package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.TokenUsage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A model's list prices in USD per million tokens, as the genai-prices catalogue gives them (below any
 * long-context tier, which simulated calls never reach). The simulated app uses them the way a real app
 * would: to report its own estimate of each call's cost, and to size the incident.
 */
record ModelPrice(BigDecimal input, BigDecimal cacheRead, BigDecimal cacheWrite, BigDecimal output) {

    private static final int PER_MILLION = 6;

    ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(cacheRead, "cacheRead");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
        Objects.requireNonNull(output, "output");
    }

    static ModelPrice of(String input, String cacheRead, String cacheWrite, String output) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(cacheRead), new BigDecimal(cacheWrite), new BigDecimal(output));
    }

    /** Exact cost of {@code usage}: cached tokens are part of the input count but billed at their own price. */
    BigDecimal costOf(TokenUsage usage) {
        long uncachedInput = usage.inputTokens() - usage.cacheReadTokens() - usage.cacheWriteTokens();
        return input.multiply(BigDecimal.valueOf(uncachedInput))
                .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheReadTokens())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .movePointLeft(PER_MILLION);
    }
}
