package io.llmwatch.processor.detection.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the anomaly-score threshold that maximises the raw NAB score of a corpus, following
 * {@code calcScoreByThreshold} in {@code nab/sweeper.py} and {@code nab/optimizer.py} of numenta/NAB.
 *
 * <p>The sweep lowers the threshold through every distinct anomaly score, from above the highest (nothing detected,
 * every window a miss) down. The score at a threshold is the sum of the weighted scores of the false positives plus,
 * per window, the weighted score of its best detection, or minus the false-negative weight when it has none.
 * Only a window's best detection counts, so extra alerts inside a window are free while every alert outside one
 * costs. Ties keep the highest threshold, as NAB's stable sort does.
 */
public final class ThresholdOptimizer {

    /** Where NAB starts the sweep: above every score in [0, 1], so nothing is detected. */
    static final double ABOVE_EVERY_SCORE = 1.1;

    private ThresholdOptimizer() {
    }

    /** The best threshold and its score. */
    public static ThresholdScore best(List<SweepPoint> points, CostMatrix costs) {
        ThresholdScore best = null;
        for (ThresholdScore candidate : scoresByThreshold(points, costs)) {
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        return best;
    }

    /** The score at {@link #ABOVE_EVERY_SCORE} and at every distinct anomaly score, thresholds descending. */
    public static List<ThresholdScore> scoresByThreshold(List<SweepPoint> points, CostMatrix costs) {
        List<SweepPoint> byScore = new ArrayList<>(points);
        byScore.sort(Comparator.comparingDouble(SweepPoint::anomalyScore).reversed());

        double[] bestInWindow = undetectedWindows(points, costs);
        double total = Arrays.stream(bestInWindow).filter(score -> !Double.isNaN(score)).sum();
        List<ThresholdScore> scores = new ArrayList<>();
        double threshold = ABOVE_EVERY_SCORE;
        for (SweepPoint point : byScore) {
            if (point.anomalyScore() != threshold) {
                scores.add(new ThresholdScore(threshold, total));
                threshold = point.anomalyScore();
            }
            if (point.insideWindow()) {
                double weighted = point.unweightedScore() * costs.truePositiveWeight();
                double previousBest = bestInWindow[point.windowId()];
                if (weighted > previousBest) {
                    bestInWindow[point.windowId()] = weighted;
                    total += weighted - previousBest;
                }
            } else {
                total += point.unweightedScore() * costs.falsePositiveWeight();
            }
        }
        scores.add(new ThresholdScore(threshold, total));
        return scores;
    }

    /**
     * Per window id, the charge for missing it, or NaN for an id with no scorable record (a window that lies wholly
     * in probation), which NAB leaves out of the score.
     */
    private static double[] undetectedWindows(List<SweepPoint> points, CostMatrix costs) {
        int windowIds = points.stream().mapToInt(SweepPoint::windowId).max().orElse(SweepPoint.OUTSIDE_WINDOWS) + 1;
        double[] charges = new double[windowIds];
        Arrays.fill(charges, Double.NaN);
        for (SweepPoint point : points) {
            if (point.insideWindow()) {
                charges[point.windowId()] = -costs.falseNegativeWeight();
            }
        }
        return charges;
    }
}
