package io.llmwatch.launcher.command;

import picocli.CommandLine.Option;

import java.util.Optional;

/** Where the sink delivers alerts. Secrets can come from the environment so they stay off command lines. */
public final class SinkOptions {

    @Option(names = "--webhook-url", paramLabel = "URL", defaultValue = "${env:LLMWATCH_WEBHOOK_URL}",
            description = "POST every alert as JSON to this URL (default: $LLMWATCH_WEBHOOK_URL; none: only log alerts).")
    String webhookUrl;

    @Option(names = "--webhook-secret", paramLabel = "SECRET", defaultValue = "${env:LLMWATCH_WEBHOOK_SECRET}",
            description = "Sign webhook bodies with HMAC-SHA256 under this key (default: $LLMWATCH_WEBHOOK_SECRET).")
    String webhookSecret;

    @Option(names = "--sink-group-id", defaultValue = "llmwatch-alerting-sink",
            description = "Consumer group of the sink (default: ${DEFAULT-VALUE}).")
    String groupId;

    Optional<String> webhookUrl() {
        return Optional.ofNullable(webhookUrl).filter(url -> !url.isBlank());
    }

    Optional<String> webhookSecret() {
        return Optional.ofNullable(webhookSecret).filter(secret -> !secret.isBlank());
    }

    String groupId() {
        return groupId;
    }
}
