package io.llmwatch.processor.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one LLM call cost, in USD, exactly: no amount is ever rounded to a currency scale.
 *
 * <p>{@code totalPrice} can exceed {@code inputPrice + outputPrice}: prices of units that are neither input nor
 * output (per-request fees) only count towards the total, as in genai-prices.
 *
 * @param providerId the catalogue's id of the provider that served the call
 * @param modelId the catalogue's id of the model, or for a model only an override knows, its lower-cased name
 */
public record CostBreakdown(String providerId, String modelId, BigDecimal inputPrice, BigDecimal outputPrice,
        BigDecimal totalPrice) implements PriceResult {

    public CostBreakdown {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(inputPrice, "inputPrice");
        Objects.requireNonNull(outputPrice, "outputPrice");
        Objects.requireNonNull(totalPrice, "totalPrice");
    }
}
