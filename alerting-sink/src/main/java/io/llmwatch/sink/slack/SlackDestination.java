package io.llmwatch.sink.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.sink.delivery.AlertLinks;
import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.Destination;
import io.llmwatch.sink.delivery.Notification;
import io.llmwatch.sink.delivery.RateLimit;
import io.llmwatch.sink.http.HttpEndpoint;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * Posts {@link SlackMessage}s to a Slack incoming webhook. Slack answers 200 {@code ok}; 429 with
 * {@code Retry-After} when over its rate (about one message per second per webhook), which the
 * delivery worker honours for every later message too; 4xx such as {@code invalid_blocks} or
 * {@code no_service} are permanent and dead-lettered.
 */
public final class SlackDestination implements Destination {

    public static final String NAME = "slack";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpEndpoint endpoint;
    private final AlertLinks links;
    private final RateLimit rateLimit;

    public SlackDestination(SlackSettings settings, AlertLinks links) {
        this.endpoint = new HttpEndpoint(settings.webhookUrl().revealAsUrl(), Map.of(),
                HttpEndpoint.DEFAULT_CONNECT_TIMEOUT, HttpEndpoint.DEFAULT_REQUEST_TIMEOUT);
        this.links = links;
        this.rateLimit = settings.rateLimit();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        try {
            return endpoint.post(MAPPER.writeValueAsBytes(SlackMessage.render(notification, links)), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write a Slack message", e);
        }
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(rateLimit);
    }
}
