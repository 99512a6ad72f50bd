package io.llmwatch.sink.webhook;

import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import io.llmwatch.sink.delivery.Destination;
import io.llmwatch.sink.http.HttpResponses;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * POSTs each alert as {@link WebhookBody} to one URL. Connection and request timeouts bound every
 * attempt; I/O failures (refused connections, timeouts, resets) are retryable like 5xx answers.
 */
public final class WebhookDestination implements Destination {

    private final HttpClient client;
    private final HttpRequest.Builder requestTemplate;
    private final Optional<WebhookSignature> signature;

    public WebhookDestination(WebhookSettings settings) {
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        // Built once, so a header HttpClient refuses (Host, Content-Length, ...) fails at startup, not at the first alert.
        this.requestTemplate = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json");
        settings.headers().forEach(requestTemplate::header);
        this.signature = settings.secret().map(WebhookSignature::new);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public DeliveryResult deliver(AlertEvent alert) {
        byte[] body = WebhookBody.render(alert);
        HttpRequest.Builder request = requestTemplate.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.ifPresent(signer -> request.header(WebhookSignature.HEADER, signer.sign(body)));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return HttpResponses.classify(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After"), Instant.now());
        } catch (IOException e) {
            return new RetryableFailure(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RetryableFailure("interrupted while waiting for the webhook");
        }
    }
}
