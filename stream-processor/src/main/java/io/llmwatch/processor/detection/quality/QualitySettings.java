package io.llmwatch.processor.detection.quality;

import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.comparison.WindowSizes;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;

import java.util.Objects;

/**
 * Tuning of {@link QualityDegradationDetector}.
 *
 * @param windows       the newest scores and the scores before them; memory per key is their sum
 * @param criteria      samples, significance and effect size a drop needs
 * @param floorRatio    the seed rule, kept as the floor: the recent mean must be below this multiple of the baseline mean
 * @param resolveRatio  the recent mean at or above this multiple of the baseline mean counts as recovered; above
 *                      {@code floorRatio}, so a score hovering at the floor cannot flap
 * @param criticalRatio the alert is critical when the newest {@code minimumSamples} scores average below this
 *                      multiple of the baseline mean
 * @param evaluateEvery scores between two comparisons; scores arrive far less often than calls, so each one counts
 * @param lifecycle     evaluations in a row needed to fire and to resolve
 */
public record QualitySettings(
        WindowSizes windows,
        ShiftCriteria criteria,
        double floorRatio,
        double resolveRatio,
        double criticalRatio,
        int evaluateEvery,
        LifecycleSettings lifecycle) {

    /**
     * 50 recent against 200 earlier scores, judged at every score: a drop of a third fires within about 25 bad
     * scores, one of a fifth within about 35, and the baseline spans four times the recent window.
     */
    public static final QualitySettings DEFAULTS = new QualitySettings(new WindowSizes(50, 200),
            new ShiftCriteria(20, 0.01, 0.33), 0.85, 0.95, 0.7, 1, new LifecycleSettings(3, 10));

    public QualitySettings {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (!(0 < criticalRatio && criticalRatio <= floorRatio && floorRatio < resolveRatio && resolveRatio <= 1)) {
            throw new IllegalArgumentException("need 0 < criticalRatio <= floorRatio < resolveRatio <= 1, got "
                    + criticalRatio + ", " + floorRatio + ", " + resolveRatio);
        }
    }
}
