package io.llmwatch.processor.detection.nab;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected values use the identity {@code 2 * sigmoid(-5x) - 1 = tanh(-2.5x)}, so they are computed independently
 * of the implementation's formula.
 */
class NabSweeperTest {

    /** 100 rows: probation is rows 0-14; one window of width 10 at rows 50-59. */
    private static final NabSeries SERIES = HandMadeSeries.withWindows(100, new AnomalyWindow(50, 59));
    private static final double BEST_REWARD = Math.tanh(2.5);

    private static SweepPoint pointAt(int row) {
        List<SweepPoint> points = NabSweeper.sweep(List.of(HandMadeSeries.detections(SERIES, Map.of())));
        return points.get(row - 15);
    }

    @Test
    void probationIsFifteenPercentCappedAtSevenHundredFiftyRecords() {
        assertThat(NabSweeper.probationRecords(100)).isEqualTo(15);
        assertThat(NabSweeper.probationRecords(4032)).isEqualTo(604);
        assertThat(NabSweeper.probationRecords(15_902)).isEqualTo(750);
    }

    @Test
    void probationRecordsAreNotScorable() {
        List<SweepPoint> points = NabSweeper.sweep(List.of(HandMadeSeries.detections(SERIES, Map.of(10, 1.0))));

        assertThat(points).hasSize(85).allSatisfy(point -> assertThat(point.anomalyScore()).isZero());
    }

    @Test
    void detectionAtTheWindowsFirstRecordEarnsTheFullReward() {
        assertThat(pointAt(50).unweightedScore()).isCloseTo(1.0, within(1e-12));
        assertThat(pointAt(50).windowId()).isZero();
    }

    @Test
    void detectionLaterInTheWindowEarnsLessAlongTheSigmoid() {
        assertThat(pointAt(55).unweightedScore()).isCloseTo(Math.tanh(2.5 * 0.5) / BEST_REWARD, within(1e-12));
        assertThat(pointAt(59).unweightedScore()).isCloseTo(Math.tanh(2.5 * 0.1) / BEST_REWARD, within(1e-12));
    }

    @Test
    void falsePositiveBeforeAnyWindowCostsTheFullPenalty() {
        assertThat(pointAt(20).unweightedScore()).isEqualTo(-1.0);
        assertThat(pointAt(20).insideWindow()).isFalse();
    }

    @Test
    void falsePositiveJustAfterAWindowCostsLittleAndMoreWithDistance() {
        // Distance past the window's last record in units of (width - 1) = 9 records.
        assertThat(pointAt(60).unweightedScore()).isCloseTo(Math.tanh(-2.5 / 9), within(1e-12));
        assertThat(pointAt(68).unweightedScore()).isCloseTo(Math.tanh(-2.5), within(1e-12));
        assertThat(pointAt(86).unweightedScore()).isCloseTo(Math.tanh(-2.5 * 27 / 9), within(1e-12));
    }

    @Test
    void falsePositiveMoreThanThreeWidthsAfterAWindowCostsTheFullPenalty() {
        assertThat(pointAt(87).unweightedScore()).isEqualTo(-1.0);
    }

    @Test
    void windowIdsCountAcrossTheCorpus() {
        NabSeries second = HandMadeSeries.withWindows(40, new AnomalyWindow(20, 25), new AnomalyWindow(30, 35));

        List<SweepPoint> points = NabSweeper.sweep(List.of(HandMadeSeries.detections(SERIES, Map.of()),
                HandMadeSeries.detections(second, Map.of())));

        assertThat(points.stream().filter(SweepPoint::insideWindow).mapToInt(SweepPoint::windowId).distinct())
                .containsExactly(0, 1, 2);
    }
}
