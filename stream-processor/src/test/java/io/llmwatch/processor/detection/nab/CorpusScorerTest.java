package io.llmwatch.processor.detection.nab;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Normalised scores on one 100-record series with one window at rows 50-59, checked by hand: the null detector's
 * raw score is minus the false-negative weight, a perfect one earns the true-positive weight, and
 * {@code score = 100 * (raw - null) / (perfect - null)}.
 */
class CorpusScorerTest {

    private static final List<ScoringProfile> PROFILES = List.of(
            new ScoringProfile("standard", new CostMatrix(1.0, 0.11, 1.0)),
            new ScoringProfile("reward_low_FP_rate", new CostMatrix(1.0, 0.22, 1.0)),
            new ScoringProfile("reward_low_FN_rate", new CostMatrix(1.0, 0.11, 2.0)));
    private static final NabSeries SERIES = HandMadeSeries.withWindows(100, new AnomalyWindow(50, 59));
    /** What a detection at the window's last record earns: tanh(2.5 * 0.1) / tanh(2.5). */
    private static final double LATE_REWARD = Math.tanh(0.25) / Math.tanh(2.5);

    private static NabResult score(Map<Integer, Double> detections) {
        return CorpusScorer.score(List.of(HandMadeSeries.detections(SERIES, detections)), PROFILES);
    }

    @Test
    void detectingNothingScoresZero() {
        NabResult result = score(Map.of());

        assertThat(result.byProfile().values()).allSatisfy(profile -> {
            assertThat(profile.score()).isZero();
            assertThat(profile.threshold()).isEqualTo(1.1);
        });
    }

    @Test
    void detectingTheWindowAtItsStartAndNothingElseScoresOneHundred() {
        NabResult result = score(Map.of(50, 1.0));

        assertThat(result.byProfile().values()).allSatisfy(profile -> {
            assertThat(profile.score()).isCloseTo(100, within(1e-9));
            assertThat(profile.threshold()).isEqualTo(1.0);
        });
    }

    @Test
    void detectingTheWindowAtItsEndEarnsAlmostNothingForTheDetection() {
        NabResult result = score(Map.of(59, 1.0));

        assertThat(result.profile("standard").score()).isCloseTo(100 * (LATE_REWARD + 1) / 2, within(1e-9));
        assertThat(result.profile("reward_low_FN_rate").score()).isCloseTo(100 * (LATE_REWARD + 2) / 3, within(1e-9));
    }

    @Test
    void falsePositivesCostTheProfilesFalsePositiveWeight() {
        NabResult result = score(Map.of(50, 1.0, 20, 1.0));

        assertThat(result.profile("standard").score()).isCloseTo(100 * (1 - 0.11 + 1) / 2, within(1e-9));
        assertThat(result.profile("reward_low_FP_rate").score()).isCloseTo(100 * (1 - 0.22 + 1) / 2, within(1e-9));
        assertThat(result.profile("reward_low_FN_rate").score()).isCloseTo(100 * (1 - 0.11 + 2) / 3, within(1e-9));
    }

    @Test
    void thresholdIsOptimisedSoALowerScoredFalsePositiveIsLeftOut() {
        NabResult result = score(Map.of(50, 0.8, 20, 0.3));

        assertThat(result.profile("standard").score()).isCloseTo(100, within(1e-9));
        assertThat(result.profile("standard").threshold()).isEqualTo(0.8);
    }

    @Test
    void detectionsDuringProbationNeitherCountNorCost() {
        assertThat(score(Map.of(50, 1.0, 10, 1.0))).isEqualTo(score(Map.of(50, 1.0)));
    }

    @Test
    void aWindowWhollyInProbationCannotBeScoredButStillCountsTowardsPerfectAsInNab() {
        NabSeries series = HandMadeSeries.withWindows(100, new AnomalyWindow(2, 5), new AnomalyWindow(50, 59));

        NabResult result = CorpusScorer.score(List.of(HandMadeSeries.detections(series, Map.of(50, 1.0))), PROFILES);

        // raw 1 (the scorable window), null -1 (only the scorable window is missed), perfect 2 (both windows)
        assertThat(result.profile("standard").score()).isCloseTo(100 * (1 + 1) / 3.0, within(1e-9));
    }

    @Test
    void aCorpusWithoutWindowsCannotBeNormalised() {
        NabSeries calm = HandMadeSeries.withWindows(100);

        assertThatThrownBy(() -> CorpusScorer.score(List.of(HandMadeSeries.detections(calm, Map.of())), PROFILES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
