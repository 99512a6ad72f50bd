package io.llmwatch.processor.detection.drift;

import io.llmwatch.processor.detection.comparison.BaselineAndRecent;
import io.llmwatch.processor.detection.comparison.WindowSizes;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What drift remembers of one prompt version: per indicator, its newest values and the values before them, at most
 * {@code windows.recent + windows.baseline} each.
 */
public record VersionSamples(PromptVersion version, Map<Indicator, BaselineAndRecent> indicators) {

    public VersionSamples {
        Objects.requireNonNull(version, "version");
        indicators = Map.copyOf(indicators);
    }

    static VersionSamples start(PromptVersion version) {
        return new VersionSamples(version, Map.of());
    }

    BaselineAndRecent windows(Indicator indicator) {
        return indicators.getOrDefault(indicator, BaselineAndRecent.empty());
    }

    VersionSamples add(PromptCall call, WindowSizes sizes, boolean holdBaseline) {
        Map<Indicator, BaselineAndRecent> next = new EnumMap<>(Indicator.class);
        for (Indicator indicator : Indicator.values()) {
            BaselineAndRecent windows = windows(indicator);
            call.measure(indicator).ifPresentOrElse(
                    value -> next.put(indicator, windows.add(value, sizes, holdBaseline)),
                    () -> next.put(indicator, windows));
        }
        return new VersionSamples(version, next);
    }
}
