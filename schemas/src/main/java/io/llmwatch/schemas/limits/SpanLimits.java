package io.llmwatch.schemas.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * How large and how strange a span may be before llmwatch refuses it. Spans come from other people's
 * processes; these bounds keep one hostile or broken span from costing unbounded memory, from moving
 * event time (and so closing every window early) or from corrupting totals with overflowing counts.
 *
 * <p>Configured with system properties (e.g. {@code LLMWATCH_JAVA_OPTS=-Dllmwatch.limits.max-tags=256}), read
 * once when the span topic's serde is first used; see the README's Security section.
 *
 * @param maxFieldChars  ids, names, models, attribution values, tag keys and values, error types
 * @param maxTextChars   prompt and response text, error messages, score comments
 * @param maxTags        free-form attribution tags per span
 * @param maxListItems   finish reasons, stop sequences and scores per span
 * @param maxTokens      any one token count; a count above it is a bug or an attack, and would overflow sums
 * @param maxFutureSkew  how far after the processor's clock a span may end: a span from the far future would
 *                       advance stream time and make every honest span of its partition late
 * @param earliestTime   spans ending before this are implausible (zero, negative or pre-epoch timestamps)
 */
public record SpanLimits(int maxFieldChars, int maxTextChars, int maxTags, int maxListItems, long maxTokens,
                         Duration maxFutureSkew, Instant earliestTime) {

    public static final String PROPERTY_PREFIX = "llmwatch.limits.";

    public static final SpanLimits DEFAULTS = new SpanLimits(1_024, 256 * 1_024, 128, 64, 10_000_000_000L,
            Duration.ofHours(1), Instant.parse("2000-01-01T00:00:00Z"));

    public SpanLimits {
        positive("max-field-chars", maxFieldChars);
        positive("max-text-chars", maxTextChars);
        positive("max-tags", maxTags);
        positive("max-list-items", maxListItems);
        positive("max-tokens", maxTokens);
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(earliestTime, "earliestTime");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("max-future-skew must not be negative");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(PROPERTY_PREFIX + name + " must be positive, not " + value);
        }
    }

    /** The defaults, each overridden by its {@code llmwatch.limits.*} property when set. */
    public static SpanLimits from(Properties properties) {
        return new SpanLimits(
                (int) number(properties, "max-field-chars", DEFAULTS.maxFieldChars),
                (int) number(properties, "max-text-chars", DEFAULTS.maxTextChars),
                (int) number(properties, "max-tags", DEFAULTS.maxTags),
                (int) number(properties, "max-list-items", DEFAULTS.maxListItems),
                number(properties, "max-tokens", DEFAULTS.maxTokens),
                Duration.parse(properties.getProperty(PROPERTY_PREFIX + "max-future-skew", DEFAULTS.maxFutureSkew.toString())),
                Instant.parse(properties.getProperty(PROPERTY_PREFIX + "earliest-time", DEFAULTS.earliestTime.toString())));
    }

    private static long number(Properties properties, String name, long fallback) {
        String value = properties.getProperty(PROPERTY_PREFIX + name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY_PREFIX + name + " is not a number: " + value, e);
        }
    }
}
