package io.llmwatch.processor.detection.nab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThresholdOptimizerTest {

    private static final CostMatrix STANDARD = new CostMatrix(1.0, 0.11, 1.0);

    @Test
    void sweepStartsAboveEveryScoreWithEveryWindowMissed() {
        List<SweepPoint> points = List.of(new SweepPoint(0.2, 1.0, 0), new SweepPoint(0.2, 1.0, 1),
                new SweepPoint(0.2, -1.0, SweepPoint.OUTSIDE_WINDOWS));

        assertThat(ThresholdOptimizer.scoresByThreshold(points, STANDARD).get(0))
                .isEqualTo(new ThresholdScore(1.1, -2.0));
    }

    @Test
    void lowersTheThresholdThroughEveryDistinctScore() {
        List<SweepPoint> points = List.of(
                new SweepPoint(0.9, 0.5, 0),
                new SweepPoint(0.8, 1.0, 0),
                new SweepPoint(0.7, -1.0, SweepPoint.OUTSIDE_WINDOWS));

        List<ThresholdScore> scores = ThresholdOptimizer.scoresByThreshold(points, STANDARD);

        assertThat(scores).extracting(ThresholdScore::threshold).containsExactly(1.1, 0.9, 0.8, 0.7);
        assertThat(scores).extracting(ThresholdScore::score).containsExactly(-1.0, 0.5, 1.0, 1.0 - 0.11);
    }

    @Test
    void onlyTheBestDetectionOfAWindowCountsSoExtraAlertsInsideItAreFree() {
        List<SweepPoint> points = List.of(
                new SweepPoint(0.9, 1.0, 0),
                new SweepPoint(0.5, 0.3, 0),
                new SweepPoint(0.5, 0.2, 0));

        assertThat(ThresholdOptimizer.scoresByThreshold(points, STANDARD)).extracting(ThresholdScore::score)
                .containsExactly(-1.0, 1.0, 1.0);
    }

    @Test
    void recordsWithTheSameScoreAreDetectedTogether() {
        List<SweepPoint> points = List.of(new SweepPoint(0.6, 1.0, 0),
                new SweepPoint(0.6, -1.0, SweepPoint.OUTSIDE_WINDOWS));

        assertThat(ThresholdOptimizer.scoresByThreshold(points, STANDARD))
                .containsExactly(new ThresholdScore(1.1, -1.0), new ThresholdScore(0.6, 1.0 - 0.11));
    }

    @Test
    void theBestThresholdWinsAndTiesKeepTheHighestThreshold() {
        List<SweepPoint> points = List.of(
                new SweepPoint(0.9, 1.0, 0),
                new SweepPoint(0.5, 0.3, 0),
                new SweepPoint(0.4, -1.0, SweepPoint.OUTSIDE_WINDOWS));

        assertThat(ThresholdOptimizer.best(points, STANDARD)).isEqualTo(new ThresholdScore(0.9, 1.0));
    }

    @Test
    void weightsComeFromTheCostMatrix() {
        CostMatrix costly = new CostMatrix(2.0, 0.5, 3.0);
        List<SweepPoint> points = List.of(
                new SweepPoint(0.9, 0.25, 0),
                new SweepPoint(0.9, -1.0, SweepPoint.OUTSIDE_WINDOWS),
                new SweepPoint(0.1, 1.0, 1));

        List<ThresholdScore> scores = ThresholdOptimizer.scoresByThreshold(points, costly);

        assertThat(scores.get(0).score()).isEqualTo(-6.0);
        assertThat(scores.get(1).score()).isCloseTo(2.0 * 0.25 - 0.5 - 3.0, within(1e-12));
        assertThat(scores.get(2).score()).isCloseTo(2.0 * 0.25 - 0.5 + 2.0, within(1e-12));
    }
}
