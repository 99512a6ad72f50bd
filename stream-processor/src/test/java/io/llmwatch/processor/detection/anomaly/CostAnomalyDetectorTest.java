package io.llmwatch.processor.detection.anomaly;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CostAnomalyDetectorTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    /** A surprise 1.5 times the largest recent deviation; NAB's optimised alerting threshold is lower, about 0.52. */
    private static final double HIGH = 0.6;

    private final AnomalySettings settings = AnomalySettings.DEFAULTS;
    private final DetectorRun run = new DetectorRun(settings);
    private final Random random = new Random(42);

    /** About 10: uniform noise of +-1. */
    private double steady() {
        return 10 + (random.nextDouble() * 2 - 1);
    }

    private void feedSteady(int fromMinute, int toMinute) {
        for (int minute = fromMinute; minute < toMinute; minute++) {
            run.observe(minute * MINUTE, steady());
        }
    }

    /** The scores of observations from the end of the warm-up until, excluding, {@code observation}. */
    private List<Double> scoresAfterWarmUpUntil(int observation) {
        return run.scoresFrom(settings.warmUpObservations()).subList(0, observation - settings.warmUpObservations());
    }

    @Test
    void steadySeriesNeverScoresHighAfterWarmUp() {
        feedSteady(0, 20_000);

        assertThat(scoresAfterWarmUpUntil(20_000)).allSatisfy(score -> assertThat(score).isLessThan(HIGH));
    }

    @Test
    void spikeScoresHigh() {
        feedSteady(0, 1_000);

        assertThat(run.observe(1_000 * MINUTE, 30)).isGreaterThan(0.9);
    }

    @Test
    void nothingScoresDuringWarmUp() {
        for (int minute = 0; minute < settings.warmUpObservations(); minute++) {
            run.observe(minute * MINUTE, minute % 10 == 0 ? 1_000 : steady());
        }

        assertThat(run.scoresFrom(0)).containsOnly(0.0);
    }

    @Test
    void levelShiftScoresHighAtItsOnsetThenBecomesTheNewNormal() {
        feedSteady(0, 1_000);

        double onset = run.observe(1_000 * MINUTE, 16);
        for (int minute = 1_001; minute < 3_000; minute++) {
            run.observe(minute * MINUTE, 6 + steady());
        }

        assertThat(onset).isGreaterThan(0.75);
        assertThat(run.scoresFrom(1_001)).allSatisfy(score -> assertThat(score).isLessThan(HIGH));
    }

    @Test
    void oneIncidentScoresHighOnceAtItsOnset() {
        feedSteady(0, 1_000);

        for (int minute = 1_000; minute < 1_010; minute++) {
            run.observe(minute * MINUTE, 30);
        }

        assertThat(run.scoresFrom(1_000).stream().filter(score -> score > HIGH)).hasSize(1);
    }

    @Test
    void anyMoveAfterAPerfectlyFlatHistoryScoresOne() {
        for (int minute = 0; minute < 500; minute++) {
            run.observe(minute * MINUTE, 0);
        }

        assertThat(run.observe(500 * MINUTE, 0.01)).isEqualTo(1.0);
    }

    @Test
    void anHourUnlikeTheSameHourOnEarlierDaysScoresHighEvenAtAnOrdinaryValue() {
        // Busy 09:00-17:00 (about 100), quiet otherwise (about 20): every value is common, only its hour may not be.
        int tenOnDayFourteen = 14 * 24 + 10;
        for (int hour = 0; hour < tenOnDayFourteen; hour++) {
            int hourOfDay = hour % 24;
            run.observe(hour * HOUR, (hourOfDay >= 9 && hourOfDay < 17 ? 90 : 10) + steady());
        }

        double quietAtTen = run.observe(tenOnDayFourteen * HOUR, 20);

        assertThat(scoresAfterWarmUpUntil(tenOnDayFourteen)).allSatisfy(score -> assertThat(score).isLessThan(HIGH));
        assertThat(quietAtTen).isGreaterThan(0.9);
    }

    @Test
    void reportsWhatTheBaselineExpected() {
        feedSteady(0, 1_000);

        CostAnomalyDetector.Step step = new CostAnomalyDetector(settings).step(run.state(), 1_000 * MINUTE, 30);

        assertThat(step.expected()).isCloseTo(10, within(0.5));
    }

    @Test
    void moneyEntersAsBigDecimalAndScoresLikeItsDoubleValue() {
        feedSteady(0, 1_000);
        CostAnomalyDetector detector = new CostAnomalyDetector(settings);

        CostAnomalyDetector.Step exact = detector.step(run.state(), 1_000 * MINUTE, new BigDecimal("30.000000001"));
        CostAnomalyDetector.Step approximate = detector.step(run.state(), 1_000 * MINUTE, 30.000000001);

        assertThat(exact).isEqualTo(approximate);
    }

    @Test
    void irregularTimestampsWork() {
        long timestamp = 0;
        for (int i = 0; i < 2_000; i++) {
            timestamp += 1 + random.nextInt(30) * MINUTE;
            run.observe(timestamp, steady());
        }

        double spike = run.observe(timestamp + MINUTE, 40);

        assertThat(scoresAfterWarmUpUntil(2_000)).allSatisfy(score -> assertThat(score).isLessThan(HIGH));
        assertThat(spike).isGreaterThan(0.9);
    }

    @Test
    void stateSurvivesAJsonRoundTripUnchanged() throws Exception {
        feedSteady(0, 3 * 24 * 60);
        ObjectMapper json = new ObjectMapper();

        AnomalyState restored = json.readValue(json.writeValueAsString(run.state()), AnomalyState.class);

        assertThat(restored).isEqualTo(run.state());
    }

    @Test
    void stateSizeIsBoundedWhateverTheNumberOfObservations() throws Exception {
        ObjectMapper json = new ObjectMapper();
        feedSteady(0, 1_000);
        int jsonLengthAfterAThousand = json.writeValueAsString(run.state()).length();

        feedSteady(1_000, 100_000);
        AnomalyState state = run.state();

        assertThat(state.observations()).isEqualTo(100_000);
        assertThat(state.plain().history()).hasSize(settings.baselineObservations());
        assertThat(state.deseasonalised().history()).hasSize(settings.baselineObservations());
        assertThat(state.recentScores()).hasSize(settings.quietObservations());
        assertThat(state.seasonality().offsets()).hasSize(settings.seasonalSlotsPerDay());
        assertThat(json.writeValueAsString(state).length()).isLessThan(jsonLengthAfterAThousand * 11 / 10);
    }

    @Test
    void rejectsValuesThatAreNotNumbers() {
        CostAnomalyDetector detector = new CostAnomalyDetector(settings);

        assertThatThrownBy(() -> detector.step(null, 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> detector.step(null, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAStateKeptUnderOtherSettings() {
        feedSteady(0, 100);
        AnomalySettings twoScales = new AnomalySettings(128, List.of(1, 4), 8_000, 5, 25, 100,
                Duration.ofDays(7), 24, 0.02);

        assertThatThrownBy(() -> new CostAnomalyDetector(twoScales).step(run.state(), 100 * MINUTE, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scales");
    }
}
