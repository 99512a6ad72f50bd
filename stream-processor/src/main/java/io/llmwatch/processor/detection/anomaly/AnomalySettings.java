package io.llmwatch.processor.detection.anomaly;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Tuning of {@link CostAnomalyDetector}. Counts are in observations (one per time bucket in production, one per
 * row on NAB); only the seasonal profile works in wall-clock time.
 *
 * @param baselineObservations      how far back the rolling median (the baseline) looks
 * @param scales                    how many of the newest observations are averaged before comparing with the
 *                                  baseline: 1 catches spikes, larger means catch smaller but lasting shifts
 * @param recordMemoryObservations  how long the largest deviation seen so far is remembered: it decays by a factor
 *                                  e every this many observations, so a quieter regime becomes sensitive again
 * @param recordGrowthLimit         one observation raises the remembered largest deviation by at most this factor,
 *                                  so a single glitch does not blind the detector for days
 * @param quietObservations         after a surprise, only a larger one scores for this many observations, so one
 *                                  incident yields one high score at its onset
 * @param warmUpObservations        observations before any score above 0
 * @param seasonalWarmUp            history needed before the time-of-day view may score
 * @param seasonalSlotsPerDay       time-of-day slots of the seasonal profile (24: hour of day, UTC)
 * @param seasonalLearningRate      weight of the newest visit when a slot's offset is updated, in (0, 1]
 */
public record AnomalySettings(
        int baselineObservations,
        List<Integer> scales,
        double recordMemoryObservations,
        double recordGrowthLimit,
        int quietObservations,
        int warmUpObservations,
        Duration seasonalWarmUp,
        int seasonalSlotsPerDay,
        double seasonalLearningRate) {

    /** The one parameter set, chosen on the NAB corpus and used unchanged for every series and every key. */
    public static final AnomalySettings DEFAULTS = new AnomalySettings(
            128, List.of(1, 4, 16), 8_000, 5, 25, 100, Duration.ofDays(7), 24, 0.02);

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    public AnomalySettings {
        scales = List.copyOf(scales);
        Objects.requireNonNull(seasonalWarmUp, "seasonalWarmUp");
        if (baselineObservations < 4) {
            throw new IllegalArgumentException("baselineObservations must be at least 4: " + baselineObservations);
        }
        if (scales.isEmpty() || scales.stream().anyMatch(scale -> scale < 1 || scale > baselineObservations)) {
            throw new IllegalArgumentException("scales must be in [1, baselineObservations]: " + scales);
        }
        if (!(recordMemoryObservations >= 1) || !(recordGrowthLimit > 1)) {
            throw new IllegalArgumentException("need recordMemoryObservations >= 1 and recordGrowthLimit > 1, got "
                    + recordMemoryObservations + " and " + recordGrowthLimit);
        }
        if (quietObservations < 1 || warmUpObservations < 0 || seasonalWarmUp.isNegative()) {
            throw new IllegalArgumentException(
                    "need quietObservations >= 1, warmUpObservations >= 0 and seasonalWarmUp >= 0");
        }
        if (seasonalSlotsPerDay < 1 || DAY_MILLIS % seasonalSlotsPerDay != 0) {
            throw new IllegalArgumentException("seasonalSlotsPerDay must divide a day into whole milliseconds: "
                    + seasonalSlotsPerDay);
        }
        if (!(seasonalLearningRate > 0 && seasonalLearningRate <= 1)) {
            throw new IllegalArgumentException("seasonalLearningRate must be in (0, 1]: " + seasonalLearningRate);
        }
    }

    /**
     * The same with another warm-up. Under {@link #minimumBaselineObservations()} it changes nothing (deviations
     * are not scored before there is a baseline), and much over it leaves fewer observations to learn how far the
     * series normally strays before the first score, so the first scores of a short warm-up are less reliable.
     */
    public AnomalySettings withWarmUpObservations(int observations) {
        return new AnomalySettings(baselineObservations, scales, recordMemoryObservations, recordGrowthLimit,
                quietObservations, observations, seasonalWarmUp, seasonalSlotsPerDay, seasonalLearningRate);
    }

    /** Observations the baseline needs before deviations from it mean anything: a quarter of its window. */
    public int minimumBaselineObservations() {
        return baselineObservations / 4;
    }

    /** Per-observation factor by which the remembered largest deviation fades. */
    double recordDecay() {
        return Math.exp(-1 / recordMemoryObservations);
    }

    long seasonalSlotMillis() {
        return DAY_MILLIS / seasonalSlotsPerDay;
    }
}
