package io.llmwatch.sink.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} is drawn uniformly from
 * {@code [0, min(max, base * 2^(n-1))]}. The randomness spreads out the retries of every sink instance
 * that saw the same outage, so the recovering endpoint is not hit by all of them at once.
 */
public final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public Backoff(BackoffSettings settings, RandomGenerator random) {
        this.baseMillis = settings.base().toMillis();
        this.maxMillis = settings.max().toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait before retry number {@code retry}, counting the first retry as 1. */
    public Duration delayBeforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, got " + retry);
        }
        return Duration.ofMillis(random.nextLong(ceilingMillis(retry - 1) + 1));
    }

    private long ceilingMillis(int doublings) {
        // base > max / 2^doublings  <=>  base * 2^doublings > max, tested without overflowing the multiplication
        if (doublings >= Long.SIZE - 1 || baseMillis > maxMillis >> doublings) {
            return maxMillis;
        }
        return baseMillis << doublings;
    }
}
