package io.llmwatch.processor.detection.signal;

import java.util.OptionalDouble;

/**
 * One quality number for a call, where a detector compares calls rather than score series (prompt drift, quality
 * per dollar): the mean of its judged scores, i.e. agent-side evaluators, not llmwatch's own heuristics, which
 * measure tokens, latency and errors that those detectors already watch directly.
 */
public final class QualityOfCall {

    private static final String HEURISTIC_PREFIX = "heuristic.";

    private QualityOfCall() {
    }

    public static OptionalDouble judged(CallSignal signal) {
        return signal.scores().stream().filter(score -> !isHeuristic(score.name()))
                .mapToDouble(NamedScore::value).average();
    }

    public static boolean isHeuristic(String scoreName) {
        return scoreName.startsWith(HEURISTIC_PREFIX);
    }
}
