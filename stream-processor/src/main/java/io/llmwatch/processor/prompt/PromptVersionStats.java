package io.llmwatch.processor.prompt;

import io.llmwatch.processor.stats.LatencySketch;

import java.math.BigDecimal;

/**
 * Everything counted of one prompt version since it was first used. Addition is exact for money and
 * counts; latency is a fixed-size sketch, so the value stays small however many calls it counts.
 *
 * @param scoredCalls    calls that carried agent-side scores
 * @param feedbackScores feedback scores credited to the version, however long after its calls they came
 * @param qualitySum     sum of both kinds of quality; its mean over both counts is the version's quality
 */
public record PromptVersionStats(
        String name,
        String version,
        long calls,
        long unpricedCalls,
        long errors,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        LatencySketch latency,
        long scoredCalls,
        long feedbackScores,
        double qualitySum,
        long firstSeenMillis,
        long lastSeenMillis) {

    static PromptVersionStats empty(String name, String version) {
        return new PromptVersionStats(name, version, 0, 0, 0, 0, 0, BigDecimal.ZERO, LatencySketch.EMPTY, 0, 0, 0,
                Long.MAX_VALUE, Long.MIN_VALUE);
    }

    PromptVersionStats plus(PromptObservation observation) {
        if (observation instanceof PromptCall call) {
            return plus(call);
        }
        PromptFeedback feedback = (PromptFeedback) observation;
        return new PromptVersionStats(name, version, calls, unpricedCalls, errors, inputTokens, outputTokens, costUsd,
                latency, scoredCalls, feedbackScores + 1, qualitySum + feedback.quality(), firstSeenMillis, lastSeenMillis);
    }

    /** Scores of both kinds: calls scored by agent-side evaluators and feedback credited later. */
    long scores() {
        return scoredCalls + feedbackScores;
    }

    private PromptVersionStats plus(PromptCall call) {
        return new PromptVersionStats(name, version,
                calls + 1,
                unpricedCalls + (call.costUsd() == null ? 1 : 0),
                errors + (call.error() ? 1 : 0),
                inputTokens + call.inputTokens(),
                outputTokens + call.outputTokens(),
                call.costUsd() == null ? costUsd : costUsd.add(call.costUsd()),
                latency.add(call.latencyMillis()),
                scoredCalls + (call.quality() == null ? 0 : 1),
                feedbackScores,
                qualitySum + (call.quality() == null ? 0 : call.quality()),
                Math.min(firstSeenMillis, call.eventTimeMillis()),
                Math.max(lastSeenMillis, call.eventTimeMillis()));
    }
}
