package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.SinkDelivery;
import io.llmwatch.schemas.auth.ApiAuthentication;
import io.llmwatch.sink.Secret;
import io.llmwatch.sink.SinkConfig;
import io.llmwatch.sink.pagerduty.PagerDutySettings;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the sink delivers alerts. Every secret (Slack webhook URL, PagerDuty routing key, webhook HMAC
 * secret) can also come from an environment variable or a file, so it stays off command lines, and is
 * only ever printed as {@code ****} plus its last 4 characters.
 */
public final class SinkOptions {

    @Option(names = {"--webhook", "--webhook-url"}, paramLabel = "URL", defaultValue = "${env:LLMWATCH_WEBHOOK_URL}",
            description = "POST every alert as JSON to this URL (default: $LLMWATCH_WEBHOOK_URL).")
    String webhookUrl;

    @Option(names = "--webhook-secret", paramLabel = "SECRET", defaultValue = "${env:LLMWATCH_WEBHOOK_SECRET}",
            description = "Sign webhook bodies with HMAC-SHA256 under this key (default: $LLMWATCH_WEBHOOK_SECRET).")
    String webhookSecret;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE", description = "Read the webhook HMAC secret from this file.")
    Path webhookSecretFile;

    @Option(names = "--webhook-header", paramLabel = "NAME=VALUE", description = "A header added to every webhook request; repeatable.")
    Map<String, String> webhookHeaders = new LinkedHashMap<>();

    @Option(names = "--slack-webhook", paramLabel = "URL", defaultValue = "${env:LLMWATCH_SLACK_WEBHOOK}",
            description = "Post Block Kit messages to this Slack incoming webhook (default: $LLMWATCH_SLACK_WEBHOOK).")
    String slackWebhook;

    @Option(names = "--slack-webhook-file", paramLabel = "FILE", description = "Read the Slack incoming webhook URL from this file.")
    Path slackWebhookFile;

    @Option(names = "--pagerduty-routing-key", paramLabel = "KEY", defaultValue = "${env:LLMWATCH_PAGERDUTY_ROUTING_KEY}",
            description = "Send PagerDuty Events API v2 events with this routing key (default: $LLMWATCH_PAGERDUTY_ROUTING_KEY).")
    String pagerDutyRoutingKey;

    @Option(names = "--pagerduty-routing-key-file", paramLabel = "FILE", description = "Read the PagerDuty routing key from this file.")
    Path pagerDutyRoutingKeyFile;

    @Option(names = "--pagerduty-url", paramLabel = "URL", defaultValue = "https://events.pagerduty.com/v2/enqueue",
            description = "PagerDuty Events API v2 endpoint (default: ${DEFAULT-VALUE}).")
    URI pagerDutyUrl = PagerDutySettings.DEFAULT_EVENTS_URL;

    @Option(names = "--routes", paramLabel = "FILE",
            description = "Routes file (YAML): alert type, severity, tenant and dimension-key pattern to destinations, with grouping. "
                    + "Default: every alert to every destination, at once.")
    Path routesFile;

    @Option(names = "--dashboard-url", paramLabel = "URL",
            description = "Base URL of the dashboard and query API that messages link to (default: http://localhost:8080).")
    URI dashboardUrl;

    @Option(names = "--sink-api-host", defaultValue = SinkConfig.DEFAULT_API_HOST,
            description = "Interface of the sink's silences API (default: ${DEFAULT-VALUE}); another address needs --api-tokens or --insecure.")
    String apiHost;

    @Option(names = "--sink-api-port", defaultValue = "" + SinkConfig.DEFAULT_API_PORT,
            description = "Port of the sink's silences API; 0 for a free port, -1 for none (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--sink-group-id", defaultValue = "llmwatch-alerting-sink",
            description = "Consumer group of the sink (default: ${DEFAULT-VALUE}).")
    String groupId;

    /** Where alerts go; the silences API takes the tokens (and {@code --insecure}) of {@code apiTokens}. */
    SinkDelivery delivery(ApiTokenOptions apiTokens) {
        return delivery(apiTokens, System.getenv());
    }

    SinkDelivery delivery(ApiTokenOptions apiTokens, Map<String, String> environment) {
        ApiAuthentication authentication = apiPort < 0 ? ApiAuthentication.open()
                : apiTokens.authentication("--sink-api-host", apiHost, "the silences API", environment);
        return new SinkDelivery(nonBlank(webhookUrl).map(URI::create),
                secret("--webhook-secret", webhookSecret, webhookSecretFile), webhookHeaders,
                secret("--slack-webhook", slackWebhook, slackWebhookFile),
                secret("--pagerduty-routing-key", pagerDutyRoutingKey, pagerDutyRoutingKeyFile),
                pagerDutyUrl, Optional.ofNullable(routesFile), Optional.ofNullable(dashboardUrl), apiHost,
                apiPort < 0 ? Optional.empty() : Optional.of(apiPort), authentication);
    }

    String groupId() {
        return groupId;
    }

    private static Optional<Secret> secret(String option, String value, Path file) {
        if (nonBlank(value).isPresent() && file != null) {
            throw new IllegalArgumentException("Give " + option + " or " + option + "-file, not both");
        }
        return file != null ? Optional.of(Secret.fromFile(file)) : nonBlank(value).map(Secret::of);
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}
