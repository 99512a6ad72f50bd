package io.llmwatch.processor.detection.anomaly;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link CostAnomalyDetector} remembers about one series (one dimension key). Immutable, made of
 * records, numbers and lists only, so it serialises to JSON for a state store; its size is fixed by the settings,
 * whatever the number of observations.
 *
 * @param observations          observations seen so far
 * @param firstTimestampMillis  event time of the first observation, which starts the seasonal warm-up
 * @param plain                 the series as observed
 * @param deseasonalised        the series minus its time-of-day profile
 * @param seasonality           the time-of-day profile
 * @param recentScores          the scores the newest observations would have had without the quiet period,
 *                              oldest first, at most {@code quietObservations}
 */
public record AnomalyState(
        long observations,
        long firstTimestampMillis,
        DeviationTrack plain,
        DeviationTrack deseasonalised,
        SeasonalProfile seasonality,
        List<Double> recentScores) {

    public AnomalyState {
        if (observations < 0) {
            throw new IllegalArgumentException("observations must not be negative: " + observations);
        }
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(deseasonalised, "deseasonalised");
        Objects.requireNonNull(seasonality, "seasonality");
        recentScores = List.copyOf(recentScores);
    }

    static AnomalyState start(long firstTimestampMillis, AnomalySettings settings) {
        return new AnomalyState(0, firstTimestampMillis, DeviationTrack.empty(settings), DeviationTrack.empty(settings),
                SeasonalProfile.empty(settings), List.of());
    }
}
