package io.llmwatch.connect;

import io.llmwatch.sink.Secret;
import io.llmwatch.sink.SinkConfig;
import io.llmwatch.sink.pagerduty.PagerDutySettings;
import io.llmwatch.sink.routing.RoutesFile;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The connector's settings: the same destinations, routes and links as {@code ./llmwatch sink}.
 * Credentials are {@code PASSWORD} settings, so Connect masks them in its REST API and logs, and they
 * can come from a config provider ({@code ${file:...}}, {@code ${env:...}}).
 */
final class AlertConnectorConfig extends AbstractConfig {

    static final String BOOTSTRAP_SERVERS = "llmwatch.bootstrap.servers";
    static final String CLIENT_PREFIX = "llmwatch.client.";
    static final String SLACK_WEBHOOK = "slack.webhook.url";
    static final String PAGERDUTY_ROUTING_KEY = "pagerduty.routing.key";
    static final String PAGERDUTY_URL = "pagerduty.url";
    static final String WEBHOOK_URL = "webhook.url";
    static final String WEBHOOK_SECRET = "webhook.secret";
    static final String ROUTES_FILE = "routes.file";
    static final String DASHBOARD_URL = "dashboard.url";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Kafka cluster of the alerts dead-letter topic, the delivery ledger and the silences "
                            + "(usually the worker's own). Security settings go under " + CLIENT_PREFIX + "*.")
            .define(SLACK_WEBHOOK, Type.PASSWORD, null, Importance.HIGH, "Slack incoming webhook URL.")
            .define(PAGERDUTY_ROUTING_KEY, Type.PASSWORD, null, Importance.HIGH, "PagerDuty Events API v2 routing key.")
            .define(PAGERDUTY_URL, Type.STRING, PagerDutySettings.DEFAULT_EVENTS_URL.toString(), Importance.LOW,
                    "PagerDuty Events API v2 endpoint.")
            .define(WEBHOOK_URL, Type.STRING, null, Importance.HIGH, "Generic webhook URL.")
            .define(WEBHOOK_SECRET, Type.PASSWORD, null, Importance.MEDIUM, "HMAC-SHA256 key of the webhook signature.")
            .define(ROUTES_FILE, Type.STRING, null, Importance.MEDIUM, "Routes file (YAML) on every worker; default: every alert everywhere.")
            .define(DASHBOARD_URL, Type.STRING, null, Importance.LOW, "Base URL of the dashboard messages link to.");

    AlertConnectorConfig(Map<String, String> properties) {
        super(DEFINITION, properties);
    }

    /** The sink's configuration for one task; its consumer group is Connect's, so none is set here. */
    SinkConfig sinkConfig() {
        SinkConfig.Builder config = SinkConfig.builder().bootstrapServers(getString(BOOTSTRAP_SERVERS));
        originalsWithPrefix(CLIENT_PREFIX).forEach((name, value) -> config.clientProperty(name, String.valueOf(value)));
        secret(SLACK_WEBHOOK).ifPresent(config::slackWebhook);
        secret(PAGERDUTY_ROUTING_KEY).ifPresent(config::pagerDutyRoutingKey);
        config.pagerDutyUrl(URI.create(getString(PAGERDUTY_URL)));
        if (getString(WEBHOOK_URL) != null) {
            config.webhookUrl(URI.create(getString(WEBHOOK_URL)));
            secret(WEBHOOK_SECRET).ifPresent(secret -> config.webhookSecret(secret.reveal()));
        }
        if (getString(ROUTES_FILE) != null) {
            config.routes(RoutesFile.read(Path.of(getString(ROUTES_FILE))));
        }
        if (getString(DASHBOARD_URL) != null) {
            config.dashboardUrl(URI.create(getString(DASHBOARD_URL)));
        }
        return config.build();
    }

    private Optional<Secret> secret(String name) {
        Password password = getPassword(name);
        return password == null ? Optional.empty() : Optional.of(Secret.of(password.value()));
    }
}
