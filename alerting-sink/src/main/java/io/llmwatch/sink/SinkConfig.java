package io.llmwatch.sink;

import io.llmwatch.sink.delivery.BackoffSettings;
import io.llmwatch.sink.webhook.WebhookSettings;

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
 * @param clientProperties extra settings for the sink's consumer and dead-letter producer, typically
 *                         security ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}); the settings
 *                         delivery depends on (group id, manual commits, read_committed) cannot be overridden
 * @param groupId          consumer group; instances sharing it share the alert partitions
 * @param webhook          the webhook to POST alerts to, if any; without destinations the sink only logs alerts
 * @param backoff          how long to wait between delivery attempts
 */
public record SinkConfig(String bootstrapServers, Map<String, String> clientProperties, String groupId,
                         Optional<WebhookSettings> webhook, BackoffSettings backoff) {

    public static final String DEFAULT_GROUP_ID = "llmwatch-alerting-sink";

    public SinkConfig {
        requireNonBlank(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
        requireNonBlank(groupId, "groupId");
        Objects.requireNonNull(webhook, "webhook");
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

    /** Shows client property names only: their values may be credentials (sasl.jaas.config), and configs get logged. */
    @Override
    public String toString() {
        return "SinkConfig[bootstrapServers=" + bootstrapServers + ", clientProperties=" + clientProperties.keySet()
                + ", groupId=" + groupId + ", webhook=" + webhook.map(WebhookSettings::toString).orElse("none")
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

        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is missing, malformed or inconsistent */
        public SinkConfig build() {
            return new SinkConfig(bootstrapServers, clientProperties, groupId, webhook(),
                    new BackoffSettings(backoffBase, backoffMax));
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
