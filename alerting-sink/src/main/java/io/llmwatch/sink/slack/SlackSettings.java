package io.llmwatch.sink.slack;

import io.llmwatch.sink.Secret;
import io.llmwatch.sink.delivery.RateLimit;

import java.util.Objects;

/**
 * @param webhookUrl the incoming webhook URL, a credential in itself
 * @param rateLimit  Slack's limit for one webhook, {@link RateLimit#SLACK} unless a test needs it faster
 */
public record SlackSettings(Secret webhookUrl, RateLimit rateLimit) {

    public SlackSettings {
        Objects.requireNonNull(webhookUrl, "webhookUrl").revealAsUrl();
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    public SlackSettings(Secret webhookUrl) {
        this(webhookUrl, RateLimit.SLACK);
    }
}
