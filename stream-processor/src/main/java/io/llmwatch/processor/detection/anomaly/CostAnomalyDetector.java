package io.llmwatch.processor.detection.anomaly;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Streaming univariate anomaly detector: scores each new observation of one series (the cost of one time bucket
 * of one dimension key in production, a NAB row in the benchmark) from 0 (as usual) to 1 (unprecedented).
 *
 * <p>Two views of the series run side by side: the series as observed, and the series minus its hour-of-day
 * profile. Each compares the mean of the newest 1, 4 and 16 observations with a rolling median (so a spike and a
 * lasting shift are both seen), and divides that deviation by the largest such deviation in recent memory. The
 * largest of these ratios is the observation's surprise {@code r}; its score is {@code r / (1 + r)}, so 0.5 means
 * "as far off as the worst recent moment". The score is kept only at an incident's onset: within the quiet period
 * after a surprise, an observation scores 0 unless it is more surprising still.
 *
 * <p>Stateless itself: the state goes in and comes out, so it can live in a state store.
 */
public final class CostAnomalyDetector {

    private final AnomalySettings settings;

    public CostAnomalyDetector(AnomalySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The outcome of one observation.
     *
     * @param state    the state to pass with the next observation of the same series
     * @param score    in [0, 1]; compare it with a threshold to alert
     * @param expected what the baselines expected instead, in the value's unit
     */
    public record Step(AnomalyState state, double score, double expected) {
    }

    /** Money enters as BigDecimal; the statistics only need its magnitude. */
    public Step step(AnomalyState previous, long timestampMillis, BigDecimal value) {
        return step(previous, timestampMillis, Objects.requireNonNull(value, "value").doubleValue());
    }

    /**
     * Scores one observation.
     *
     * @param previous the state returned for the previous observation of this series, or {@code null} for its first
     */
    public Step step(AnomalyState previous, long timestampMillis, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
        AnomalyState state = previous == null ? AnomalyState.start(timestampMillis, settings) : previous;
        boolean warm = state.observations() >= settings.warmUpObservations();
        boolean seasonalWarm = warm
                && timestampMillis - state.firstTimestampMillis() >= settings.seasonalWarmUp().toMillis();

        DeviationTrack.Observed plain = state.plain().observe(value, warm, settings);

        SeasonalProfile seasonality = state.seasonality();
        int slot = seasonality.slotOf(timestampMillis, settings);
        DeviationTrack.Observed deseasonalised = state.deseasonalised()
                .observe(value - seasonality.offset(slot), seasonalWarm, settings);
        // The level without the daily rhythm, from history only: this observation must not explain itself.
        double level = deseasonalised.baselineOr(value);

        double score = scoreOf(Math.max(plain.surprise(), deseasonalised.surprise()));
        // Only an incident's onset keeps its score: an alert needs one clear signal, not one per bucket it lasts.
        boolean onset = score > state.recentScores().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double expected = seasonalWarm ? level + seasonality.offset(slot) : plain.baselineOr(value);

        AnomalyState next = new AnomalyState(state.observations() + 1, state.firstTimestampMillis(), plain.track(),
                deseasonalised.track(), seasonality.learn(slot, value - level, settings.seasonalLearningRate()),
                NewestValues.append(state.recentScores(), score, settings.quietObservations()));
        return new Step(next, onset ? score : 0, expected);
    }

    private static double scoreOf(double surprise) {
        return Double.isInfinite(surprise) ? 1 : surprise / (1 + surprise);
    }
}
