package io.llmwatch.processor.detection.efficiency;

import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link InefficientPromptDetector}.
 *
 * @param samplesPerVersion the newest calls kept per version; with {@code maxVersions}, this bounds a prompt's memory
 * @param maxVersions       versions remembered per prompt; the one seen least recently is forgotten first
 * @param retireAfter       a version without calls for this long (event time) is forgotten, and its alert resolved:
 *                          routing traffic away from an inefficient version is the fix
 * @param criteria          samples, significance and effect size the gap to the best sibling needs
 * @param fireRatio         fire when a version's median quality per dollar is at most this share of the best's
 * @param resolveRatio      resolve once it is at least this share again; above {@code fireRatio} for hysteresis
 * @param lifecycle         evaluations in a row needed to fire and to resolve (one per call of the version)
 */
public record EfficiencySettings(
        int samplesPerVersion,
        int maxVersions,
        Duration retireAfter,
        ShiftCriteria criteria,
        double fireRatio,
        double resolveRatio,
        LifecycleSettings lifecycle) {

    public static final EfficiencySettings DEFAULTS = new EfficiencySettings(200, 5, Duration.ofDays(1),
            new ShiftCriteria(30, 0.001, 0.33), 0.5, 0.8, new LifecycleSettings(3, 20));

    public EfficiencySettings {
        Objects.requireNonNull(retireAfter, "retireAfter");
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (samplesPerVersion < criteria.minimumSamples()) {
            throw new IllegalArgumentException("samplesPerVersion must hold minimumSamples " + criteria.minimumSamples()
                    + ": " + samplesPerVersion);
        }
        if (maxVersions < 2) {
            throw new IllegalArgumentException("a version needs a sibling to be compared with: maxVersions " + maxVersions);
        }
        if (!(0 < fireRatio && fireRatio < resolveRatio && resolveRatio <= 1)) {
            throw new IllegalArgumentException("need 0 < fireRatio < resolveRatio <= 1, got " + fireRatio + " and "
                    + resolveRatio);
        }
    }
}
