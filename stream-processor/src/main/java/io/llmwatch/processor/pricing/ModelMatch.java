package io.llmwatch.processor.pricing;

import java.util.Objects;

/**
 * The catalogue entry a provider and model name resolve to.
 *
 * @param providerId the id of the provider the name was looked up for
 * @param modelId the id of the matching model, which may belong to a fallback provider (Azure serves OpenAI's)
 */
public record ModelMatch(String providerId, String modelId) {

    public ModelMatch {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(modelId, "modelId");
    }
}
