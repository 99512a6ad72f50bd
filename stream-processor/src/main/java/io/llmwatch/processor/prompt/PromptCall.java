package io.llmwatch.processor.prompt;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanEvent;

import java.math.BigDecimal;

/**
 * One model call built from a prompt template, as prompt analytics needs it.
 *
 * @param version the version as cost attribution labels it ({@code name@version}): the registry
 *                version, else a prefix of the template hash, else {@value Dimension#UNSET}
 * @param costUsd exact cost, {@code null} when the model has no known price
 * @param quality mean of the scores agent-side evaluators attached to the call; {@code null} unscored
 */
public record PromptCall(
        String name,
        String version,
        long eventTimeMillis,
        long latencyMillis,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        boolean error,
        Double quality) implements PromptObservation {

    /** The version part of a {@code name@version} label; {@value Dimension#UNSET} for a label naming no version. */
    static String versionOf(String name, String label) {
        return label != null && label.length() > name.length() ? label.substring(name.length() + 1) : Dimension.UNSET;
    }

    /** @param priced the span priced by cost attribution; its prompt label names the version */
    static PromptCall of(SpanEvent span, CostSample priced) {
        String name = span.getPrompt().getName();
        String version = versionOf(name, priced.prompt());
        Double quality = span.getScores().isEmpty() ? null
                : span.getScores().stream().mapToDouble(Score::getValue).average().orElseThrow();
        return new PromptCall(name, version, priced.eventTimeMillis(), priced.latencyMillis(), priced.inputTokens(),
                priced.outputTokens(), priced.costUsd(), priced.error(), quality);
    }
}
