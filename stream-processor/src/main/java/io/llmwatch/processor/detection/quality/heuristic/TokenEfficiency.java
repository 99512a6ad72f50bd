package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;

import java.util.OptionalDouble;

/**
 * How well a model call kept within a token budget: 1 within it, {@code budget / tokens} beyond it, where tokens are
 * input plus output (cached and reasoning tokens included, as the usage fields count them). Catches prompts that
 * bloat with history or retrieved context, and runaway reasoning.
 */
public final class TokenEfficiency implements HeuristicEvaluator {

    private final long tokenBudget;

    public TokenEfficiency(long tokenBudget) {
        this.tokenBudget = tokenBudget;
    }

    @Override
    public String name() {
        return "heuristic.token_efficiency";
    }

    @Override
    public OptionalDouble score(SpanEvent span) {
        Usage usage = span.getUsage();
        long tokens = usage == null ? 0 : usage.getInputTokens() + usage.getOutputTokens();
        if (tokens <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(SpanFacts.ratioCappedAtOne(tokenBudget, tokens));
    }
}
