package io.llmwatch.processor.pricing;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Operator prices that replace the catalogue's from a point in time on, per model and provider. Immutable. */
final class PriceOverrides {

    static final PriceOverrides NONE = new PriceOverrides(Map.of());

    private final Map<PriceKey, NavigableMap<Instant, PriceSheet>> sheetsByEffectiveFrom;

    private PriceOverrides(Map<PriceKey, NavigableMap<Instant, PriceSheet>> sheetsByEffectiveFrom) {
        this.sheetsByEffectiveFrom = sheetsByEffectiveFrom;
    }

    /** These overrides plus one; an override for the same key and instant replaces the earlier one. */
    PriceOverrides with(PriceKey key, Instant effectiveFrom, PriceSheet prices) {
        NavigableMap<Instant, PriceSheet> sheets = new TreeMap<>(
                sheetsByEffectiveFrom.getOrDefault(key, Collections.emptyNavigableMap()));
        sheets.put(effectiveFrom, prices);
        Map<PriceKey, NavigableMap<Instant, PriceSheet>> updated = new HashMap<>(sheetsByEffectiveFrom);
        updated.put(key, Collections.unmodifiableNavigableMap(sheets));
        return new PriceOverrides(Collections.unmodifiableMap(updated));
    }

    /** The override with the latest start at or before {@code timestamp}; empty before the first one. */
    Optional<PriceSheet> effectiveAt(PriceKey key, Instant timestamp) {
        return Optional.ofNullable(sheetsByEffectiveFrom.get(key))
                .map(sheets -> sheets.floorEntry(timestamp))
                .map(Map.Entry::getValue);
    }
}
