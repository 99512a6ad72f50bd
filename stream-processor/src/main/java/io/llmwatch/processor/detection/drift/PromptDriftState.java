package io.llmwatch.processor.detection.drift;

import io.llmwatch.processor.detection.lifecycle.LifecycleState;

import java.util.Objects;

/**
 * What {@link PromptDriftDetector} remembers of one prompt: the samples of its current and previous versions (each
 * bounded by the window sizes, per indicator) and one alert lifecycle per comparison.
 *
 * @param calls         calls of the prompt so far, which paces the evaluations
 * @param previous      the version before the current one; {@code null} until the prompt changed once
 * @param current       the version of the newest call
 * @param versionChange the lifecycle of the "current against previous version" alert
 * @param overTime      the lifecycle of the "current version against its own past" alert
 */
public record PromptDriftState(long calls, VersionSamples previous, VersionSamples current, LifecycleState versionChange,
                               LifecycleState overTime) {

    public PromptDriftState {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative: " + calls);
        }
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(versionChange, "versionChange");
        Objects.requireNonNull(overTime, "overTime");
    }

    static PromptDriftState start(PromptVersion version) {
        return new PromptDriftState(0, null, VersionSamples.start(version), LifecycleState.resolved(),
                LifecycleState.resolved());
    }
}
