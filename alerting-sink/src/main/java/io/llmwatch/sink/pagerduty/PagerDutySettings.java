package io.llmwatch.sink.pagerduty;

import io.llmwatch.sink.Secret;
import io.llmwatch.sink.delivery.RateLimit;
import io.llmwatch.sink.http.HttpEndpoint;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * @param routingKey      the integration's routing key (a credential)
 * @param eventsUrl       the Events API v2 enqueue endpoint; {@link #DEFAULT_EVENTS_URL} unless testing or proxying
 * @param rateLimit       PagerDuty's limit per routing key, {@link RateLimit#PAGERDUTY} by default
 * @param throttledPause  how long to hold every event back after a 429, when PagerDuty sends no Retry-After
 */
public record PagerDutySettings(Secret routingKey, URI eventsUrl, RateLimit rateLimit, Duration throttledPause) {

    public static final URI DEFAULT_EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    /** PagerDuty asks clients that hit its rate limit to back off before retrying; 30 s is well past its window. */
    public static final Duration DEFAULT_THROTTLED_PAUSE = Duration.ofSeconds(30);

    public PagerDutySettings {
        Objects.requireNonNull(routingKey, "routingKey");
        HttpEndpoint.requireHttpUrl(eventsUrl);
        Objects.requireNonNull(rateLimit, "rateLimit");
        if (throttledPause.isNegative()) {
            throw new IllegalArgumentException("throttledPause must not be negative");
        }
    }

    public PagerDutySettings(Secret routingKey, URI eventsUrl) {
        this(routingKey, eventsUrl, RateLimit.PAGERDUTY, DEFAULT_THROTTLED_PAUSE);
    }
}
