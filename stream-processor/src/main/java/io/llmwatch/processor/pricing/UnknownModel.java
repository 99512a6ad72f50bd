package io.llmwatch.processor.pricing;

import java.util.Objects;

/**
 * No price applies to the call: the catalogue knows neither the model nor an override for it at that time. The call
 * still happened; its cost is unknown, not zero.
 *
 * @param providerId the provider as the call named it
 * @param modelName the model as the call named it
 * @param reason why nothing matched, for operators
 */
public record UnknownModel(String providerId, String modelName, String reason) implements PriceResult {

    public UnknownModel {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(reason, "reason");
    }
}
