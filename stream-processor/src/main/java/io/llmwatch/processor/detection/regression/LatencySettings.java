package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.comparison.WindowSizes;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;

import java.util.Objects;

/**
 * Tuning of {@link LatencyRegressionDetector}.
 *
 * @param windows       the newest timings and the timings before them; the baseline is their median
 * @param criteria      samples, significance and effect size a slowdown needs
 * @param fireRatio     the recent median must be at least this multiple of the baseline median: a slowdown users feel
 * @param resolveRatio  at or below this multiple the key counts as recovered; below {@code fireRatio} for hysteresis
 * @param criticalRatio the alert is critical when the newest {@code minimumSamples} timings have a median at least
 *                      this multiple of the baseline median
 * @param evaluateEvery calls between two comparisons
 * @param lifecycle     evaluations in a row needed to fire and to resolve
 */
public record LatencySettings(
        WindowSizes windows,
        ShiftCriteria criteria,
        double fireRatio,
        double resolveRatio,
        double criticalRatio,
        int evaluateEvery,
        LifecycleSettings lifecycle) {

    /**
     * 100 recent calls against the 400 before them, compared every 5 calls: a doubling of latency fires within about
     * 50 calls, while a recent window of 100 keeps the sampling noise of its median well inside the gap between
     * firing (x1.5) and resolving (x1.2). Resolving takes 100 calls back to normal.
     */
    public static final LatencySettings DEFAULTS = new LatencySettings(new WindowSizes(100, 400),
            new ShiftCriteria(30, 0.001, 0.33), 1.5, 1.2, 3, 5, new LifecycleSettings(3, 20));

    public LatencySettings {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (!(1 <= resolveRatio && resolveRatio < fireRatio && fireRatio <= criticalRatio)) {
            throw new IllegalArgumentException("need 1 <= resolveRatio < fireRatio <= criticalRatio, got "
                    + resolveRatio + ", " + fireRatio + ", " + criticalRatio);
        }
    }
}
