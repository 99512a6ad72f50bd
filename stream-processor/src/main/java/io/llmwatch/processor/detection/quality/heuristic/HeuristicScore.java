package io.llmwatch.processor.detection.quality.heuristic;

/** One heuristic's score of one span: {@code value} in [0, 1], 1 when the call passed. */
public record HeuristicScore(String name, double value) {

    public HeuristicScore {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("a heuristic score is in [0, 1]: " + name + " = " + value);
        }
    }
}
