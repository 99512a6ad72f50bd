package io.llmwatch.processor.topology;

import io.llmwatch.processor.detection.DetectionSettings;

import java.util.List;
import java.util.Objects;

/**
 * What the topology is built with, separate from how Kafka Streams runs it.
 *
 * @param windows           the attribution window sizes
 * @param detection         tuning of the detectors
 * @param recentAlertsKept  how many alerts each instance keeps for {@code GET /api/alerts}
 */
public record TopologySettings(List<WindowSpec> windows, DetectionSettings detection, int recentAlertsKept) {

    public static final TopologySettings DEFAULTS = new TopologySettings(
            List.of(WindowSpec.ONE_MINUTE, WindowSpec.ONE_HOUR, WindowSpec.ONE_DAY), DetectionSettings.DEFAULTS, 1_000);

    public TopologySettings {
        windows = List.copyOf(windows);
        Objects.requireNonNull(detection, "detection");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window is needed");
        }
        if (windows.stream().map(WindowSpec::label).distinct().count() != windows.size()) {
            throw new IllegalArgumentException("window labels must be unique: " + windows);
        }
        if (recentAlertsKept < 1) {
            throw new IllegalArgumentException("recentAlertsKept must be positive");
        }
    }

    /** The same with other detector tuning. */
    public TopologySettings withDetection(DetectionSettings newDetection) {
        return new TopologySettings(windows, newDetection, recentAlertsKept);
    }

    public WindowSpec window(String label) {
        return windows.stream().filter(w -> w.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown window '" + label + "'"));
    }
}
