package io.llmwatch.processor.pricing;

import io.llmwatch.processor.pricing.usage.TokenUsage;
import io.llmwatch.processor.pricing.usage.UnitRegistry;
import io.llmwatch.processor.pricing.usage.UsageUnit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The prices of one model at one moment, by unit (genai-prices' {@code ModelPrice}). */
final class PriceSheet {

    /**
     * Python's default decimal context, in which genai-prices computes. Every amount the catalogue can produce from
     * whole counts is exact well within 28 digits; only a division by a non-power of ten ({@code per} = 3,600 seconds
     * for hourly audio prices) rounds, and it then rounds to the same digits as genai-prices.
     */
    private static final MathContext GENAI_PRICES_PRECISION = new MathContext(28, RoundingMode.HALF_EVEN);

    private static final UnitRegistry UNITS = UnitRegistry.standard();
    private static final UsageUnit INPUT_TOKENS = UNITS.unitForUsageKey("input_tokens").orElseThrow();

    private final Map<UsageUnit, UnitPrice> prices;
    private final Map<UsageUnit, UnitDivisor> divisors;
    private final LeafCounts leafCounts;
    private final boolean tiered;

    /**
     * @throws IllegalArgumentException when a unit is priced but a unit it is part of is not (cache reads without
     *     input tokens), or two priced units overlap without their overlap being priced, because the decomposition
     *     into exclusive counts would then be ambiguous
     */
    PriceSheet(Map<UsageUnit, UnitPrice> prices) {
        // Insertion order, so amounts are summed in the catalogue's order as genai-prices sums them.
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
        this.divisors = this.prices.keySet().stream()
                .collect(Collectors.toUnmodifiableMap(unit -> unit, unit -> UnitDivisor.of(unit.per())));
        requireAncestorsPriced(this.prices.keySet());
        requireOverlapsPriced(this.prices.keySet());
        this.leafCounts = new LeafCounts(this.prices.keySet());
        this.tiered = this.prices.values().stream().anyMatch(UnitPrice::isTiered);
    }

    /** Prices {@code usage}, attributing each unit's amount to input or output by the unit's direction. */
    CostBreakdown cost(TokenUsage usage, PriceKey key) {
        Map<UsageUnit, Long> counts = leafCounts.of(usage);
        // Reading input_tokens can fail for a usage that only reports its parts, so only tiers make us read it.
        long totalInputTokens = tiered ? usage.count(INPUT_TOKENS) : 0;
        BigDecimal input = BigDecimal.ZERO;
        BigDecimal output = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<UsageUnit, UnitPrice> price : prices.entrySet()) {
            UsageUnit unit = price.getKey();
            BigDecimal amount = divisors.get(unit).divide(price.getValue().rateFor(totalInputTokens)
                    .multiply(BigDecimal.valueOf(counts.get(unit)), GENAI_PRICES_PRECISION), GENAI_PRICES_PRECISION);
            total = total.add(amount, GENAI_PRICES_PRECISION);
            if (unit.isInput()) {
                input = input.add(amount, GENAI_PRICES_PRECISION);
            } else if (unit.isOutput()) {
                output = output.add(amount, GENAI_PRICES_PRECISION);
            }
        }
        return new CostBreakdown(key.providerId(), key.modelId(), input, output, total);
    }

    private static void requireAncestorsPriced(Set<UsageUnit> priced) {
        for (UsageUnit unit : byUsageKey(priced)) {
            List<UsageUnit> unpricedAncestors = byUsageKey(UNITS.ancestorsOf(unit)).stream()
                    .filter(ancestor -> !priced.contains(ancestor))
                    .toList();
            if (!unpricedAncestors.isEmpty()) {
                throw new IllegalArgumentException(unit.priceKey() + " is priced but not "
                        + priceKeys(unpricedAncestors) + ", which it is part of");
            }
        }
    }

    private static void requireOverlapsPriced(Set<UsageUnit> priced) {
        List<UsageUnit> units = byUsageKey(priced);
        for (int left = 0; left < units.size(); left++) {
            for (int right = left + 1; right < units.size(); right++) {
                UsageUnit first = units.get(left);
                UsageUnit second = units.get(right);
                if (!first.isCompatibleWith(second)) {
                    continue;
                }
                UsageUnit overlap = UNITS.join(first, second).orElseThrow(() -> new IllegalArgumentException(
                        first.priceKey() + " and " + second.priceKey() + " overlap in a unit that cannot be priced"));
                if (!priced.contains(overlap)) {
                    throw new IllegalArgumentException(first.priceKey() + " and " + second.priceKey()
                            + " are priced but their overlap " + overlap.priceKey() + " is not");
                }
            }
        }
    }

    private static List<UsageUnit> byUsageKey(Set<UsageUnit> units) {
        return units.stream().sorted(Comparator.comparing(UsageUnit::usageKey)).toList();
    }

    private static String priceKeys(List<UsageUnit> units) {
        return units.stream().map(UsageUnit::priceKey).collect(Collectors.joining(", "));
    }
}
