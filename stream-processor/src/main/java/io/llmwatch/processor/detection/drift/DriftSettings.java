package io.llmwatch.processor.detection.drift;

import io.llmwatch.processor.detection.comparison.ShiftCriteria;
import io.llmwatch.processor.detection.comparison.WindowSizes;
import io.llmwatch.processor.detection.lifecycle.LifecycleSettings;

import java.util.Objects;

/**
 * Tuning of {@link PromptDriftDetector}.
 *
 * @param windows       per version and indicator: the newest values and the values before them. Versions are compared
 *                      on both windows together; a version's drift over time compares one with the other
 * @param criteria      samples, significance and effect size for an indicator to count as moved. Five indicators are
 *                      tested at every evaluation, so alpha is strict
 * @param resolveEffect an alert resolves once every indicator's |Cliff's δ| is below this, well under the minimum
 *                      effect, so an indicator hovering at the threshold does not flap
 * @param evaluateEvery calls between two evaluations of the comparisons. Ten comparisons per evaluation make it the
 *                      costly part, and a window of 100 calls hardly changes in 10, so evaluating every call would
 *                      spend CPU to learn nothing
 * @param lifecycle     evaluations in a row needed to fire and to resolve
 */
public record DriftSettings(WindowSizes windows, ShiftCriteria criteria, double resolveEffect, int evaluateEvery,
                            LifecycleSettings lifecycle) {

    public static final DriftSettings DEFAULTS = new DriftSettings(new WindowSizes(100, 200),
            new ShiftCriteria(30, 0.001, 0.33), 0.15, 10, new LifecycleSettings(3, 10));

    public DriftSettings {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (criteria.minimumSamples() > Math.min(windows.recent(), windows.baseline())) {
            throw new IllegalArgumentException("both windows must hold minimumSamples " + criteria.minimumSamples()
                    + ", got " + windows);
        }
        if (evaluateEvery < 1) {
            throw new IllegalArgumentException("evaluateEvery must be at least 1: " + evaluateEvery);
        }
        if (!(resolveEffect > 0 && resolveEffect < criteria.minimumEffect())) {
            throw new IllegalArgumentException("resolveEffect must be in (0, minimumEffect): " + resolveEffect);
        }
    }
}
