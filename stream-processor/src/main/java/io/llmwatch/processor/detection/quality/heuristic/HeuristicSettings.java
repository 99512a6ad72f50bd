package io.llmwatch.processor.detection.quality.heuristic;

import java.time.Duration;
import java.util.Objects;

/**
 * The two heuristics that need a target.
 *
 * @param latencySlo         a model call slower than this scores below 1 on {@link LatencySlo}
 * @param tokenBudgetPerCall a model call using more tokens (input plus output) scores below 1 on {@link TokenEfficiency}
 */
public record HeuristicSettings(Duration latencySlo, long tokenBudgetPerCall) {

    public static final HeuristicSettings DEFAULTS = new HeuristicSettings(Duration.ofSeconds(10), 8_000);

    public HeuristicSettings {
        Objects.requireNonNull(latencySlo, "latencySlo");
        if (latencySlo.isNegative() || latencySlo.isZero() || tokenBudgetPerCall < 1) {
            throw new IllegalArgumentException("latencySlo and tokenBudgetPerCall must be positive, got "
                    + latencySlo + " and " + tokenBudgetPerCall);
        }
    }
}
