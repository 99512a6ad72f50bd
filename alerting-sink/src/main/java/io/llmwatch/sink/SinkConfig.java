package io.llmwatch.sink;

import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.sink.delivery.AlertLinks;
import io.llmwatch.sink.delivery.BackoffSettings;
import io.llmwatch.sink.delivery.RateLimit;
import io.llmwatch.sink.pagerduty.PagerDutySettings;
import io.llmwatch.sink.routing.RouteTable;
import io.llmwatch.sink.slack.SlackSettings;
import io.llmwatch.sink.webhook.WebhookSettings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link AlertSink} needs. Build it with {@link #builder()}.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param clientProperties extra settings for the sink's consumer and producers, typically security
 *                         ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}); the settings delivery
 *                         depends on (group id, manual commits, read_committed) cannot be overridden
 * @param groupId          consumer group; instances sharing it share the alert partitions
 * @param webhook          the webhook to POST alerts to, if any
 * @param slack            the Slack incoming webhook, if any
 * @param pagerDuty        the PagerDuty Events API v2 integration, if any
 * @param routes           the routes file's table; empty: every alert to every destination, at once
 * @param links            base URL of the dashboard and query API that messages link to
 * @param silenceApi       where the silences REST API listens; empty for none
 * @param silenceApiAuthentication the bearer tokens the silences API accepts (the query API's tokens file);
 *                         open without tokens, which is why it binds to loopback by default
 * @param backoff          how long to wait between delivery attempts
 */
public record SinkConfig(String bootstrapServers, Map<String, String> clientProperties, String groupId,
                         Optional<WebhookSettings> webhook, Optional<SlackSettings> slack, Optional<PagerDutySettings> pagerDuty,
                         Optional<RouteTable> routes, AlertLinks links, Optional<InetSocketAddress> silenceApi,
                         ApiAuthentication silenceApiAuthentication, BackoffSettings backoff) {

    public static final String DEFAULT_GROUP_ID = "llmwatch-alerting-sink";
    /** The silences API listens on the loopback interface unless told otherwise: it changes who gets paged. */
    public static final String DEFAULT_API_HOST = "127.0.0.1";
    public static final int DEFAULT_API_PORT = 9095;

    public SinkConfig {
        requireNonBlank(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
        requireNonBlank(groupId, "groupId");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(slack, "slack");
        Objects.requireNonNull(pagerDuty, "pagerDuty");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(silenceApi, "silenceApi");
        Objects.requireNonNull(silenceApiAuthentication, "silenceApiAuthentication");
        Objects.requireNonNull(backoff, "backoff");
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** Shows client property names only and masks secrets: their values may be credentials, and configs get logged. */
    @Override
    public String toString() {
        return "SinkConfig[bootstrapServers=" + bootstrapServers + ", clientProperties=" + clientProperties.keySet()
                + ", groupId=" + groupId + ", webhook=" + webhook.map(WebhookSettings::toString).orElse("none")
                + ", slack=" + slack.map(s -> s.webhookUrl().masked()).orElse("none")
                + ", pagerDuty=" + pagerDuty.map(p -> p.eventsUrl() + " key " + p.routingKey().masked()).orElse("none")
                + ", routes=" + routes.map(table -> table.routes().size() + " route(s)").orElse("default")
                + ", links=" + links.baseUrl() + ", silenceApi=" + silenceApi.map(Object::toString).orElse("off")
                + ", silenceApiAuthentication=" + silenceApiAuthentication
                + ", backoff=" + backoff + "]";
    }

    /** Collects settings; {@link #build()} validates them together. */
    public static final class Builder {

        private String bootstrapServers;
        private final Map<String, String> clientProperties = new HashMap<>();
        private String groupId = DEFAULT_GROUP_ID;
        private URI webhookUrl;
        private String webhookSecret;
        private final Map<String, String> webhookHeaders = new LinkedHashMap<>();
        private Duration webhookConnectTimeout;
        private Duration webhookRequestTimeout;
        private Secret slackWebhook;
        private RateLimit slackRateLimit = RateLimit.SLACK;
        private Secret pagerDutyRoutingKey;
        private URI pagerDutyUrl = PagerDutySettings.DEFAULT_EVENTS_URL;
        private RateLimit pagerDutyRateLimit = RateLimit.PAGERDUTY;
        private Duration pagerDutyThrottledPause = PagerDutySettings.DEFAULT_THROTTLED_PAUSE;
        private RouteTable routes;
        private AlertLinks links = AlertLinks.LOCAL;
        private InetSocketAddress silenceApi;
        private ApiAuthentication silenceApiAuthentication = ApiAuthentication.open();
        private Duration backoffBase = BackoffSettings.DEFAULT.base();
        private Duration backoffMax = BackoffSettings.DEFAULT.max();

        private Builder() {
        }

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder clientProperty(String name, String value) {
            clientProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder clientProperties(Map<String, String> properties) {
            properties.forEach(this::clientProperty);
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder webhookUrl(URI url) {
            this.webhookUrl = url;
            return this;
        }

        public Builder webhookSecret(String secret) {
            this.webhookSecret = secret;
            return this;
        }

        public Builder webhookHeader(String name, String value) {
            webhookHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder webhookConnectTimeout(Duration timeout) {
            this.webhookConnectTimeout = timeout;
            return this;
        }

        public Builder webhookRequestTimeout(Duration timeout) {
            this.webhookRequestTimeout = timeout;
            return this;
        }

        public Builder slackWebhook(Secret url) {
            this.slackWebhook = url;
            return this;
        }

        /** Slack's own limit is about 1 message per second per webhook; only tests need another. */
        public Builder slackRateLimit(RateLimit rateLimit) {
            this.slackRateLimit = rateLimit;
            return this;
        }

        public Builder pagerDutyRoutingKey(Secret routingKey) {
            this.pagerDutyRoutingKey = routingKey;
            return this;
        }

        public Builder pagerDutyUrl(URI eventsUrl) {
            this.pagerDutyUrl = eventsUrl;
            return this;
        }

        public Builder pagerDutyRateLimit(RateLimit rateLimit) {
            this.pagerDutyRateLimit = rateLimit;
            return this;
        }

        public Builder pagerDutyThrottledPause(Duration pause) {
            this.pagerDutyThrottledPause = pause;
            return this;
        }

        public Builder routes(RouteTable routes) {
            this.routes = routes;
            return this;
        }

        public Builder dashboardUrl(URI baseUrl) {
            this.links = new AlertLinks(baseUrl);
            return this;
        }

        /** Serves the silences REST API here; port 0 picks a free one. */
        public Builder silenceApi(String host, int port) {
            this.silenceApi = new InetSocketAddress(host, port);
            return this;
        }

        /** Requires a bearer token on the silences API (default: open, for an API on loopback). */
        public Builder silenceApiAuthentication(ApiAuthentication authentication) {
            this.silenceApiAuthentication = Objects.requireNonNull(authentication, "authentication");
            return this;
        }

        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is missing, malformed or inconsistent */
        public SinkConfig build() {
            return new SinkConfig(bootstrapServers, clientProperties, groupId, webhook(),
                    Optional.ofNullable(slackWebhook).map(url -> new SlackSettings(url, slackRateLimit)),
                    Optional.ofNullable(pagerDutyRoutingKey).map(key -> new PagerDutySettings(key, pagerDutyUrl,
                            pagerDutyRateLimit, pagerDutyThrottledPause)),
                    Optional.ofNullable(routes), links, Optional.ofNullable(silenceApi),
                    silenceApiAuthentication, new BackoffSettings(backoffBase, backoffMax));
        }

        private Optional<WebhookSettings> webhook() {
            if (webhookUrl == null) {
                // Settings for a webhook that will never be called point at a mistake in the caller's configuration.
                if (webhookSecret != null || !webhookHeaders.isEmpty() || webhookConnectTimeout != null || webhookRequestTimeout != null) {
                    throw new IllegalArgumentException("Webhook secret, headers or timeouts given without a webhook URL");
                }
                return Optional.empty();
            }
            return Optional.of(new WebhookSettings(webhookUrl, Optional.ofNullable(webhookSecret), webhookHeaders,
                    Objects.requireNonNullElse(webhookConnectTimeout, WebhookSettings.DEFAULT_CONNECT_TIMEOUT),
                    Objects.requireNonNullElse(webhookRequestTimeout, WebhookSettings.DEFAULT_REQUEST_TIMEOUT)));
        }
    }
}
