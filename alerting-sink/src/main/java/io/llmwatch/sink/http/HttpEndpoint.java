package io.llmwatch.sink.http;

import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One URL that JSON bodies are POSTed to, shared by every HTTP destination. Connection and request
 * timeouts bound every attempt; I/O failures (refused connections, timeouts, resets) are retryable
 * like 5xx answers; the answer is classified by {@link HttpResponses}.
 */
public final class HttpEndpoint {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final HttpRequest.Builder requestTemplate;

    public HttpEndpoint(URI url, Map<String, String> headers, Duration connectTimeout, Duration requestTimeout) {
        requireHttpUrl(url);
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        // Built once, so a header HttpClient refuses (Host, Content-Length, ...) fails at startup, not at the first alert.
        this.requestTemplate = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json");
        headers.forEach(requestTemplate::header);
    }

    public static void requireHttpUrl(URI url) {
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("Expected an absolute http or https URL: " + url);
        }
    }

    /** POSTs the body with these extra headers and classifies the answer. */
    public DeliveryResult post(byte[] body, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = requestTemplate.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body));
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return HttpResponses.classify(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After"), Instant.now());
        } catch (IOException e) {
            return new RetryableFailure(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RetryableFailure("interrupted while waiting for " + requestTemplate.build().uri().getHost());
        }
    }
}
