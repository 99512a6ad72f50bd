package io.llmwatch.processor.detection.efficiency;

import io.llmwatch.processor.detection.comparison.RecentValues;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;

import java.util.Objects;

/**
 * What the detector remembers of one version of a prompt.
 *
 * @param lastSeenMillis   event time of its newest call, to forget the version seen least recently first
 * @param qualityPerDollar its newest calls' quality score divided by their cost in USD
 * @param lifecycle        the lifecycle of the alert about this version
 */
public record VersionEfficiency(String version, long lastSeenMillis, RecentValues qualityPerDollar,
                                LifecycleState lifecycle) {

    public VersionEfficiency {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(qualityPerDollar, "qualityPerDollar");
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    static VersionEfficiency first(String version) {
        return new VersionEfficiency(version, Long.MIN_VALUE, RecentValues.none(), LifecycleState.resolved());
    }
}
