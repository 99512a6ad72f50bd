package io.llmwatch.sink.webhook;

import io.llmwatch.sink.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to POST alerts.
 *
 * @param url            absolute http or https URL
 * @param secret         when present, every request carries a {@link WebhookSignature}
 * @param headers        added to every request, e.g. {@code Authorization}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the response once the request is sent
 */
public record WebhookSettings(URI url, Optional<String> secret, Map<String, String> headers,
                              Duration connectTimeout, Duration requestTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("Webhook URL must be an absolute http or https URL: " + url);
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("Webhook secret must not be empty");
        }
        headers = Map.copyOf(headers);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** Shows header names only and hides the secret: header values are often credentials, and settings get logged. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", secret=" + secret.map(s -> Secret.of(s).masked()).orElse("none")
                + ", headers=" + headers.keySet() + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
