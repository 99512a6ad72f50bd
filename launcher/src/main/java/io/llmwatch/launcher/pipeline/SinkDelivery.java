package io.llmwatch.launcher.pipeline;

import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.sink.Secret;
import io.llmwatch.sink.SinkConfig;
import io.llmwatch.sink.pagerduty.PagerDutySettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the sink role delivers alerts: the destinations (secrets wrapped so they never print),
 * the routes file, the dashboard the messages link to and the silences API.
 *
 * @param apiPort where the silences API listens on {@code apiHost}; empty for no API, 0 for a free port
 * @param apiAuthentication the bearer tokens the silences API accepts: the query API's, from the same --api-tokens
 */
public record SinkDelivery(Optional<URI> webhookUrl, Optional<Secret> webhookSecret, Map<String, String> webhookHeaders,
                           Optional<Secret> slackWebhook, Optional<Secret> pagerDutyRoutingKey, URI pagerDutyUrl,
                           Optional<Path> routesFile, Optional<URI> dashboardUrl, String apiHost, Optional<Integer> apiPort,
                           ApiAuthentication apiAuthentication) {

    /** Only logging alerts, no API. */
    public static final SinkDelivery LOG_ONLY = new SinkDelivery(Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
            Optional.empty(), PagerDutySettings.DEFAULT_EVENTS_URL, Optional.empty(), Optional.empty(), SinkConfig.DEFAULT_API_HOST,
            Optional.empty(), ApiAuthentication.open());

    public SinkDelivery {
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        webhookHeaders = Map.copyOf(webhookHeaders);
        Objects.requireNonNull(slackWebhook, "slackWebhook");
        Objects.requireNonNull(pagerDutyRoutingKey, "pagerDutyRoutingKey");
        Objects.requireNonNull(pagerDutyUrl, "pagerDutyUrl");
        Objects.requireNonNull(routesFile, "routesFile");
        Objects.requireNonNull(dashboardUrl, "dashboardUrl");
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(apiPort, "apiPort");
        Objects.requireNonNull(apiAuthentication, "apiAuthentication");
    }

    /** Just a webhook, as the sink had before Slack and PagerDuty. */
    public static SinkDelivery webhook(Optional<URI> url, Optional<String> secret) {
        return new SinkDelivery(url, secret.map(Secret::of), Map.of(), Optional.empty(), Optional.empty(),
                PagerDutySettings.DEFAULT_EVENTS_URL, Optional.empty(), Optional.empty(), SinkConfig.DEFAULT_API_HOST, Optional.empty(),
                ApiAuthentication.open());
    }
}
