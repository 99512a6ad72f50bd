package io.llmwatch.processor.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A model's prices over time: its conditional prices in catalogue order. The last one whose constraint holds wins;
 * when none holds, the first applies (genai-prices' {@code ModelInfo.get_prices}).
 */
record PriceSchedule(List<ConditionalPrice> conditionalPrices) {

    PriceSchedule {
        conditionalPrices = List.copyOf(conditionalPrices);
        if (conditionalPrices.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one price sheet");
        }
    }

    static PriceSchedule always(PriceSheet prices) {
        return new PriceSchedule(List.of(new ConditionalPrice(new PriceConstraint.Always(), prices)));
    }

    PriceSheet at(Instant timestamp) {
        for (int index = conditionalPrices.size() - 1; index >= 0; index--) {
            ConditionalPrice candidate = conditionalPrices.get(index);
            if (candidate.constraint().isActiveAt(timestamp)) {
                return candidate.prices();
            }
        }
        return conditionalPrices.get(0).prices();
    }

    record ConditionalPrice(PriceConstraint constraint, PriceSheet prices) {
        ConditionalPrice {
            Objects.requireNonNull(constraint, "constraint");
            Objects.requireNonNull(prices, "prices");
        }
    }
}
