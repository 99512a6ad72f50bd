package io.llmwatch.sink.delivery;

import java.time.Duration;

/**
 * Bounds of the {@link Backoff} between delivery attempts.
 *
 * @param base the ceiling of the first retry's random wait, doubling on every further retry
 * @param max  the largest ceiling a retry's random wait can reach
 */
public record BackoffSettings(Duration base, Duration max) {

    public static final BackoffSettings DEFAULT = new BackoffSettings(Duration.ofMillis(500), Duration.ofMinutes(1));

    public BackoffSettings {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < base <= max, got base " + base + " and max " + max);
        }
    }
}
