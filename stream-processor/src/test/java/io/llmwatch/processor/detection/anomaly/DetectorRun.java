package io.llmwatch.processor.detection.anomaly;

import java.util.ArrayList;
import java.util.List;

/** Feeds observations through one detector the way a state store would, keeping the scores for assertions. */
final class DetectorRun {

    private final CostAnomalyDetector detector;
    private final List<Double> scores = new ArrayList<>();
    private AnomalyState state;

    DetectorRun(AnomalySettings settings) {
        this.detector = new CostAnomalyDetector(settings);
    }

    /** Observes the value and returns its score. */
    double observe(long timestampMillis, double value) {
        CostAnomalyDetector.Step step = detector.step(state, timestampMillis, value);
        state = step.state();
        scores.add(step.score());
        return step.score();
    }

    AnomalyState state() {
        return state;
    }

    /** Scores from the given observation (0-based) on. */
    List<Double> scoresFrom(int observation) {
        return scores.subList(observation, scores.size());
    }
}
