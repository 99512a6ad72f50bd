package io.llmwatch.processor.detection.unpriced;

import java.util.Objects;

/**
 * A model call whose cost could not be computed because no price is known for its model.
 *
 * @param provider the provider as the span names it; {@code null} when the span did not say
 */
public record UnpricedCall(String provider, String model, long eventTimeMillis, String traceId) {

    public UnpricedCall {
        Objects.requireNonNull(model, "model");
    }
}
