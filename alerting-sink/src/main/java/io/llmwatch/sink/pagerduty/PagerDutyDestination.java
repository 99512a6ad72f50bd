package io.llmwatch.sink.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.sink.delivery.AlertLinks;
import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.llmwatch.sink.delivery.Destination;
import io.llmwatch.sink.delivery.Notification;
import io.llmwatch.sink.delivery.RateLimit;
import io.llmwatch.sink.http.HttpEndpoint;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends {@link PagerDutyEvent}s to the Events API v2. PagerDuty answers 202 when it took the event,
 * 400 for an invalid one (dead-lettered), 429 when the routing key is over its rate (PagerDuty asks
 * clients to back off: every event waits at least {@link PagerDutySettings#throttledPause()}), 5xx
 * when it is in trouble (retried with backoff).
 */
public final class PagerDutyDestination implements Destination {

    public static final String NAME = "pagerduty";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpEndpoint endpoint;
    private final PagerDutySettings settings;
    private final AlertLinks links;

    public PagerDutyDestination(PagerDutySettings settings, AlertLinks links) {
        this.endpoint = new HttpEndpoint(settings.eventsUrl(), Map.of(),
                HttpEndpoint.DEFAULT_CONNECT_TIMEOUT, HttpEndpoint.DEFAULT_REQUEST_TIMEOUT);
        this.settings = settings;
        this.links = links;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(PagerDutyEvent.render(notification, settings.routingKey().reveal(), links));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write a PagerDuty event", e);
        }
        DeliveryResult result = endpoint.post(body, Map.of());
        if (result instanceof RetryableFailure failure && failure.reason().startsWith("HTTP 429")) {
            Duration pause = failure.retryAfter().compareTo(settings.throttledPause()) >= 0 ? failure.retryAfter() : settings.throttledPause();
            return new RetryableFailure(failure.reason(), pause, true);
        }
        return result;
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(settings.rateLimit());
    }

    /**
     * One event at a time: a single connection covers the routing key's rate limit easily, and after a kill
     * at most the one event on the wire is sent again, with a dedup key that PagerDuty folds into its incident.
     */
    @Override
    public int concurrency() {
        return 1;
    }
}
