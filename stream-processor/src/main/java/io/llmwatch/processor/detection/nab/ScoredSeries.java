package io.llmwatch.processor.detection.nab;

import java.util.List;
import java.util.Objects;

/** A series together with the anomaly score a detector gave each of its records. */
public record ScoredSeries(NabSeries series, List<Double> anomalyScores) {

    public ScoredSeries {
        Objects.requireNonNull(series, "series");
        anomalyScores = List.copyOf(anomalyScores);
        if (anomalyScores.size() != series.records().size()) {
            throw new IllegalArgumentException(series.relativePath() + ": " + anomalyScores.size() + " scores for "
                    + series.records().size() + " records");
        }
        for (double score : anomalyScores) {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException(series.relativePath() + ": anomaly score outside [0, 1]: " + score);
            }
        }
    }
}
