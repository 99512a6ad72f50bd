package io.llmwatch.processor.detection.regression;

import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.comparison.WindowSizes;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;

import java.util.Objects;

/**
 * Tuning of {@link ErrorRateDetector}.
 *
 * @param windows          the newest calls and the calls before them
 * @param criteria         samples and significance a rise needs; on pass/fail values Cliff's δ is the difference of
 *                         the two error rates, so {@code minimumEffect} is the smallest rise that fires, as a
 *                         fraction (0.05: five percentage points)
 * @param resolveIncrease  the key counts as recovered once the recent rate is within this of the baseline rate
 * @param criticalRate     the alert is critical when at least this share of the newest {@code minimumSamples} calls
 *                         failed
 * @param evaluateEvery    calls between two comparisons
 * @param lifecycle        evaluations in a row needed to fire and to resolve
 */
public record ErrorRateSettings(
        WindowSizes windows,
        ShiftCriteria criteria,
        double resolveIncrease,
        double criticalRate,
        int evaluateEvery,
        LifecycleSettings lifecycle) {

    /**
     * 300 recent calls against the 1,500 before them, compared every 10 calls: an outage fires within about 40 calls
     * and a burst to 30% within about 90. Windows this large keep a steady low error rate from wandering five points
     * by chance; smaller ones page on noise. Resolving takes 300 calls back to normal.
     */
    public static final ErrorRateSettings DEFAULTS = new ErrorRateSettings(new WindowSizes(300, 1_500),
            new ShiftCriteria(100, 0.001, 0.05), 0.015, 0.25, 10, new LifecycleSettings(3, 30));

    public ErrorRateSettings {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (!(0 < resolveIncrease && resolveIncrease < criteria.minimumEffect())) {
            throw new IllegalArgumentException("resolveIncrease must be in (0, minimumEffect): " + resolveIncrease);
        }
        if (!(criticalRate > 0 && criticalRate <= 1)) {
            throw new IllegalArgumentException("criticalRate must be in (0, 1]: " + criticalRate);
        }
    }
}
