package io.llmwatch.processor.pricing.usage;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one LLM call consumed, counted under genai-prices usage keys ({@code input_tokens}, {@code cache_read_tokens},
 * {@code output_audio_tokens}, …; see {@link UnitRegistry#reportableUsageKeys()}).
 *
 * <p>Counts follow the genai-prices convention: a general count includes its more specific parts, e.g.
 * {@code input_tokens} includes {@code cache_read_tokens} and {@code input_audio_tokens}. A key that was not reported
 * is different from a key reported as 0, because a missing general count can only be inferred when none of its parts
 * was reported.
 */
public final class TokenUsage {

    private static final UnitRegistry UNITS = UnitRegistry.standard();

    private final Map<UsageUnit, Long> counts;

    private TokenUsage(Map<UsageUnit, Long> counts) {
        this.counts = Collections.unmodifiableMap(counts);
    }

    /**
     * @param countsByUsageKey non-negative counts keyed by genai-prices usage key
     * @throws IllegalArgumentException for an unknown usage key or a negative or missing count
     */
    public static TokenUsage of(Map<String, Long> countsByUsageKey) {
        Builder builder = builder();
        countsByUsageKey.forEach(builder::put);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The counts as reported, keyed by usage key in reporting order. */
    public Map<String, Long> reported() {
        return counts.entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().usageKey(), Map.Entry::getValue,
                        (first, second) -> first, LinkedHashMap::new));
    }

    /**
     * The count of {@code unit}: the reported one, or 0 when neither it nor any of its parts was reported.
     *
     * @throws IllegalArgumentException when the count was not reported but parts of it were (say
     *     {@code cache_read_tokens} without {@code input_tokens}), since the total is then unknown
     */
    public long count(UsageUnit unit) {
        Long reported = counts.get(unit);
        if (reported != null) {
            return reported;
        }
        List<UsageUnit> reportedParts = positiveUnits().stream()
                .filter(part -> !part.equals(unit) && unit.isAncestorOrSelfOf(part))
                .toList();
        if (!reportedParts.isEmpty()) {
            throw missing(unit, "descendant", reportedParts);
        }
        List<UsageUnit> overlap = overlapJoiningInto(unit);
        if (!overlap.isEmpty()) {
            throw missing(unit, "overlapping", overlap);
        }
        return 0;
    }

    /**
     * Two reported, overlapping but unrelated counts (cache reads and audio input) whose overlap is {@code unit}
     * (cached audio input): its count cannot be inferred from them.
     */
    private List<UsageUnit> overlapJoiningInto(UsageUnit unit) {
        List<UsageUnit> candidates = positiveUnits();
        for (int left = 0; left < candidates.size(); left++) {
            for (int right = left + 1; right < candidates.size(); right++) {
                UsageUnit first = candidates.get(left);
                UsageUnit second = candidates.get(right);
                if (first.isCompatibleWith(second)
                        && !first.isAncestorOrSelfOf(second)
                        && !second.isAncestorOrSelfOf(first)
                        && unit.dimensions().equals(union(first, second))) {
                    return List.of(first, second);
                }
            }
        }
        return List.of();
    }

    private List<UsageUnit> positiveUnits() {
        return counts.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparing(UsageUnit::usageKey))
                .toList();
    }

    private static Map<String, String> union(UsageUnit first, UsageUnit second) {
        Map<String, String> union = new HashMap<>(first.dimensions());
        union.putAll(second.dimensions());
        return union;
    }

    private static IllegalArgumentException missing(UsageUnit unit, String relation, List<UsageUnit> reported) {
        String keys = reported.stream().map(UsageUnit::usageKey).collect(Collectors.joining(", "));
        return new IllegalArgumentException("Missing usage for " + unit.usageKey() + ": reported " + relation
                + " usage keys " + keys + " require explicit " + unit.usageKey());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenUsage usage && counts.equals(usage.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return "TokenUsage" + reported();
    }

    /** Collects counts; a key set twice keeps its last count. */
    public static final class Builder {

        private final Map<UsageUnit, Long> counts = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder inputTokens(long count) {
            return put("input_tokens", count);
        }

        public Builder cacheWriteTokens(long count) {
            return put("cache_write_tokens", count);
        }

        public Builder cacheReadTokens(long count) {
            return put("cache_read_tokens", count);
        }

        public Builder outputTokens(long count) {
            return put("output_tokens", count);
        }

        public Builder inputAudioTokens(long count) {
            return put("input_audio_tokens", count);
        }

        public Builder cacheAudioReadTokens(long count) {
            return put("cache_audio_read_tokens", count);
        }

        public Builder outputAudioTokens(long count) {
            return put("output_audio_tokens", count);
        }

        /**
         * @throws IllegalArgumentException for an unknown usage key or a negative or missing count
         */
        public Builder put(String usageKey, Long count) {
            Objects.requireNonNull(usageKey, "usageKey");
            UsageUnit unit = UNITS.unitForUsageKey(usageKey)
                    .filter(candidate -> UNITS.reportableUsageKeys().contains(candidate.usageKey()))
                    .orElseThrow(() -> new IllegalArgumentException("unknown usage key '" + usageKey
                            + "', expected one of " + String.join(", ", UNITS.reportableUsageKeys())));
            if (count == null || count < 0) {
                throw new IllegalArgumentException(
                        "usage count for " + usageKey + " must be a non-negative number, got " + count);
            }
            counts.put(unit, count);
            return this;
        }

        public TokenUsage build() {
            return new TokenUsage(new LinkedHashMap<>(counts));
        }
    }
}
