package io.llmwatch.processor.detection.quality;

/**
 * One quality score of a call, from an agent-side evaluator, a feedback event joined by trace id or a heuristic.
 *
 * @param value higher is better, normally in [0, 1]
 */
public record QualityScore(long eventTimeMillis, String traceId, double value) {

    public QualityScore {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("score must be finite: " + value);
        }
    }
}
