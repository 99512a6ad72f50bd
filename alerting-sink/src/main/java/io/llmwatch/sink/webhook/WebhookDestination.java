package io.llmwatch.sink.webhook;

import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.Destination;
import io.llmwatch.sink.delivery.Notification;
import io.llmwatch.sink.http.HttpEndpoint;

import java.util.Map;
import java.util.Optional;

/** POSTs each notification as {@link WebhookBody} to one URL, signed when a secret is set, with the configured headers. */
public final class WebhookDestination implements Destination {

    public static final String NAME = "webhook";

    private final HttpEndpoint endpoint;
    private final Optional<WebhookSignature> signature;

    public WebhookDestination(WebhookSettings settings) {
        this.endpoint = new HttpEndpoint(settings.url(), settings.headers(), settings.connectTimeout(), settings.requestTimeout());
        this.signature = settings.secret().map(WebhookSignature::new);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        byte[] body = WebhookBody.render(notification);
        return endpoint.post(body, signature.map(signer -> Map.of(WebhookSignature.HEADER, signer.sign(body))).orElse(Map.of()));
    }
}
