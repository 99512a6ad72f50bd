package io.llmwatch.processor.pricing;

import io.llmwatch.processor.pricing.usage.TokenUsage;
import io.llmwatch.processor.pricing.usage.UnitRegistry;
import io.llmwatch.processor.pricing.usage.UsageUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Splits a usage's inclusive counts into the exclusive count each priced unit is charged for (genai-prices'
 * {@code compute_leaf_values}).
 *
 * <p>Providers count cache reads, cache writes and audio inside {@code input_tokens}; when a price sheet prices
 * {@code cache_read_mtok}, those tokens are charged at that rate and taken out of the {@code input_mtok} count. A part
 * the sheet does not price stays in its ancestor's count and is charged at the ancestor's rate.
 */
final class LeafCounts {

    /** The priced units, most specific first, so each unit's priced parts already have their exclusive counts. */
    private final List<UsageUnit> mostSpecificFirst;
    /** For each unit, in the same order, the other priced units that are part of it. */
    private final List<List<UsageUnit>> pricedParts;

    /**
     * The decomposition for a price sheet's units, worked out once per sheet: the order and the parts depend
     * only on which units are priced, and every call the sheet prices reuses them.
     */
    LeafCounts(Set<UsageUnit> pricedUnits) {
        this.mostSpecificFirst = pricedUnits.stream()
                .sorted(Comparator.comparingInt((UsageUnit unit) -> -unit.dimensions().size())
                        .thenComparing(UsageUnit::usageKey))
                .toList();
        this.pricedParts = mostSpecificFirst.stream().map(unit -> partsOf(unit, mostSpecificFirst)).toList();
    }

    /**
     * @throws IllegalArgumentException when the parts of a count add up to more than the count itself, or a count is
     *     needed but was not reported while parts of it were
     */
    Map<UsageUnit, Long> of(TokenUsage usage) {
        Map<UsageUnit, Long> leafCounts = new HashMap<>();
        for (int i = 0; i < mostSpecificFirst.size(); i++) {
            UsageUnit unit = mostSpecificFirst.get(i);
            if (unit.usageKey().equals(UnitRegistry.REQUESTS)) {
                leafCounts.put(unit, 1L);
                continue;
            }
            List<UsageUnit> parts = pricedParts.get(i);
            long leafCount = usage.count(unit);
            for (UsageUnit part : parts) {
                leafCount -= leafCounts.get(part);
            }
            if (leafCount < 0) {
                throw new IllegalArgumentException(exceededMessage(unit, parts, usage));
            }
            leafCounts.put(unit, leafCount);
        }
        return leafCounts;
    }

    private static List<UsageUnit> partsOf(UsageUnit unit, List<UsageUnit> pricedUnits) {
        return pricedUnits.stream()
                .filter(part -> !part.equals(unit) && unit.isAncestorOrSelfOf(part))
                .toList();
    }
    private static String exceededMessage(UsageUnit unit, List<UsageUnit> parts, TokenUsage usage) {
        long total = usage.count(unit);
        for (UsageUnit part : parts) {
            if (usage.count(part) > total) {
                return "Invalid usage data: " + part.usageKey() + " (" + usage.count(part) + ") cannot exceed "
                        + unit.usageKey() + " (" + total + ")";
            }
        }
        return "Invalid usage data: more-specific usage for "
                + parts.stream().filter(part -> usage.count(part) > 0).map(UsageUnit::usageKey)
                        .collect(Collectors.joining(", "))
                + " exceeds " + unit.usageKey() + " (" + total + ")";
    }
}
