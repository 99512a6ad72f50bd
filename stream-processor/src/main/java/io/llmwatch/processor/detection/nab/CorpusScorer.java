package io.llmwatch.processor.detection.nab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a detector's output on a whole corpus under each profile and normalises the result as NAB's runner does:
 * {@code 100 * (raw - null) / (perfect - null)}, where {@code null} is the optimised raw score of a detector that
 * gives every record the same score and {@code perfect} is the number of labelled windows times the
 * true-positive weight.
 */
public final class CorpusScorer {

    /** NAB's null detector scores every record 0.5; any constant gives the same result. */
    private static final double NULL_DETECTOR_SCORE = 0.5;

    private CorpusScorer() {
    }

    public static NabResult score(List<ScoredSeries> corpus, List<ScoringProfile> profiles) {
        long windows = corpus.stream().mapToLong(scored -> scored.series().windows().size()).sum();
        if (windows == 0) {
            throw new IllegalArgumentException("the corpus has no labelled window, so no score can be normalised");
        }
        List<SweepPoint> points = NabSweeper.sweep(corpus);
        List<SweepPoint> nullDetector = points.stream()
                .map(point -> new SweepPoint(NULL_DETECTOR_SCORE, point.unweightedScore(), point.windowId()))
                .toList();
        Map<String, ProfileScore> byProfile = new LinkedHashMap<>();
        for (ScoringProfile profile : profiles) {
            ThresholdScore best = ThresholdOptimizer.best(points, profile.costs());
            double baseline = ThresholdOptimizer.best(nullDetector, profile.costs()).score();
            double perfect = windows * profile.costs().truePositiveWeight();
            double normalised = 100 * (best.score() - baseline) / (perfect - baseline);
            byProfile.put(profile.name(), new ProfileScore(normalised, best.threshold()));
        }
        return new NabResult(byProfile);
    }
}
