package io.llmwatch.processor.detection.efficiency;

import java.util.List;

/**
 * What {@link InefficientPromptDetector} remembers of one prompt: at most {@code maxVersions} versions of
 * {@code samplesPerVersion} numbers each.
 */
public record InefficientPromptState(List<VersionEfficiency> versions) {

    public InefficientPromptState {
        versions = List.copyOf(versions);
    }

    static InefficientPromptState start() {
        return new InefficientPromptState(List.of());
    }
}
