package io.llmwatch.processor.topology;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tumbling window size of the attribution aggregates.
 *
 * @param label     how the API names it ({@code 1m}, {@code 1h})
 * @param grace     how long after the window ends late events are still added
 * @param retention how long closed windows stay queryable; at least size + grace
 */
public record WindowSpec(String label, Duration size, Duration grace, Duration retention) {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");

    public static final WindowSpec ONE_MINUTE = new WindowSpec("1m", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofDays(1));
    public static final WindowSpec ONE_HOUR = new WindowSpec("1h", Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofDays(7));
    public static final WindowSpec ONE_DAY = new WindowSpec("1d", Duration.ofDays(1), Duration.ofHours(1), Duration.ofDays(35));

    public WindowSpec {
        Objects.requireNonNull(label, "label");
        if (!LABEL.matcher(label).matches()) {
            // The label names a store, so a changelog topic, and is listed in the late topic's header.
            throw new IllegalArgumentException("window label '" + label + "' may only contain letters, digits, '.', '_' and '-'");
        }
        if (size.isNegative() || size.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException("window " + label + " needs a positive size and a non-negative grace");
        }
        if (retention.compareTo(size.plus(grace)) < 0) {
            throw new IllegalArgumentException("window " + label + " retention " + retention + " is shorter than size + grace");
        }
    }

    /** Name of the window store holding every dimension's aggregates for this window size. */
    public String storeName() {
        return "cost-by-dimension-" + label;
    }
}
