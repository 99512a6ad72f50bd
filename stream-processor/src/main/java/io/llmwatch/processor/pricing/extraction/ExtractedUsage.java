package io.llmwatch.processor.pricing.extraction;

import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider response body says about its own cost.
 *
 * @param modelName the model the response names, empty when the body does not name one
 * @param usage the counts read from the body
 */
public record ExtractedUsage(Optional<String> modelName, TokenUsage usage) {

    public ExtractedUsage {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(usage, "usage");
    }
}
