package io.llmwatch.sink.delivery;

import java.time.Duration;

/**
 * A receiver's published rate limit: {@code burst} requests at once, then one every {@code interval}.
 * Notifications beyond it wait in their group, and more alerts join them meanwhile, so a storm
 * becomes fewer, bigger messages instead of dropped ones.
 */
public record RateLimit(int burst, Duration interval) {

    /** Slack incoming webhooks: about one message per second per webhook. */
    public static final RateLimit SLACK = new RateLimit(1, Duration.ofSeconds(1));
    /** PagerDuty Events API v2: about 120 events per minute per routing key. */
    public static final RateLimit PAGERDUTY = new RateLimit(1, Duration.ofMillis(500));

    public RateLimit {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("A rate limit needs burst >= 1 and a positive interval");
        }
    }

    /** {@code perSecond} requests per second, with a burst of as many. */
    public static RateLimit perSecond(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        return new RateLimit(Math.max(1, (int) perSecond), Duration.ofNanos((long) (1e9 / perSecond)));
    }
}
