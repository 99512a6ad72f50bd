package io.llmwatch.processor.pricing.usage;

import java.util.Map;
import java.util.Objects;

/**
 * One billable unit of the genai-prices unit registry, e.g. {@code cache_read_tokens} priced by
 * {@code cache_read_mtok} per 1,000,000.
 *
 * <p>Its dimensions say what the unit <em>is</em>: a unit whose dimensions contain another's is a more specific
 * part of it ({@code cache_read_tokens} is part of {@code input_tokens}), which is how counts that providers report
 * inclusively get split into exclusively priced parts.
 *
 * @param usageKey the key a usage reports counts under
 * @param priceKey the key a price sheet prices this unit under
 * @param per how many counted items one price covers
 * @param dimensions what the unit is, e.g. {@code family=tokens, direction=input, token_type=cache_read}
 */
public record UsageUnit(String usageKey, String priceKey, long per, Map<String, String> dimensions) {

    private static final String DIRECTION = "direction";

    public UsageUnit {
        Objects.requireNonNull(usageKey, "usageKey");
        Objects.requireNonNull(priceKey, "priceKey");
        if (per <= 0) {
            throw new IllegalArgumentException("unit " + usageKey + ": per must be positive, got " + per);
        }
        dimensions = Map.copyOf(dimensions);
    }

    /** Whether {@code other} is this unit or a more specific part of it. */
    public boolean isAncestorOrSelfOf(UsageUnit other) {
        return other.dimensions.entrySet().containsAll(dimensions.entrySet());
    }

    /** Whether the two units can describe the same items, i.e. no dimension has different values in them. */
    public boolean isCompatibleWith(UsageUnit other) {
        return dimensions.entrySet().stream()
                .allMatch(dimension -> other.dimensions.getOrDefault(dimension.getKey(), dimension.getValue())
                        .equals(dimension.getValue()));
    }

    /** Whether its price counts towards the input price (otherwise output, or neither for e.g. requests). */
    public boolean isInput() {
        return "input".equals(dimensions.get(DIRECTION));
    }

    public boolean isOutput() {
        return "output".equals(dimensions.get(DIRECTION));
    }

    @Override
    public String toString() {
        return usageKey;
    }
}
