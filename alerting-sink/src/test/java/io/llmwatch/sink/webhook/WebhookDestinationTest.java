package io.llmwatch.sink.webhook;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.sink.SampleAlerts;
import io.llmwatch.sink.delivery.DeliveryResult;
import io.llmwatch.sink.delivery.Notification;
import io.llmwatch.sink.delivery.DeliveryResult.Delivered;
import io.llmwatch.sink.delivery.DeliveryResult.PermanentFailure;
import io.llmwatch.sink.delivery.DeliveryResult.RetryableFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookDestinationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final AlertEvent alert = SampleAlerts.costAnomaly().build();

    @BeforeEach
    void startServer() {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void postsTheAlertAsSignedJsonWithTheConfiguredHeaders() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(202)));
        WebhookDestination webhook = new WebhookDestination(settings(hookUrl(), Optional.of("s3cret"), Map.of("Authorization", "Bearer t0ken")));

        assertThat(webhook.deliver(Notification.of(alert))).isInstanceOf(Delivered.class);

        LoggedRequest request = server.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
        assertThat(request.getBody()).isEqualTo(WebhookBody.render(alert));
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t0ken");
        assertThat(request.getHeader(WebhookSignature.HEADER)).isEqualTo(new WebhookSignature("s3cret").sign(request.getBody()));
    }

    @Test
    void sendsNoSignatureWithoutASecret() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));

        new WebhookDestination(settings(hookUrl(), Optional.empty(), Map.of())).deliver(Notification.of(alert));

        assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0).containsHeader(WebhookSignature.HEADER)).isFalse();
    }

    @Test
    void serverErrorsAreRetryableAndCarryRetryAfter() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")));

        DeliveryResult result = plainWebhook().deliver(Notification.of(alert));

        assertThat(result).isEqualTo(new RetryableFailure("HTTP 503", Duration.ofSeconds(3)));
    }

    @Test
    void clientErrorsArePermanentWithTheResponseAsReason() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(400).withBody("unknown tenant")));

        assertThat(plainWebhook().deliver(Notification.of(alert))).isEqualTo(new PermanentFailure("HTTP 400: unknown tenant"));
    }

    @Test
    void aSlowAnswerTimesOutRetryably() {
        // The first answer is quick and opens the connection, so the timeout below is the answer's, not the connect's.
        server.stubFor(post("/hook").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200)).willSetStateTo("connected"));
        server.stubFor(post("/hook").inScenario("slow").whenScenarioStateIs("connected")
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) TIMEOUT.toMillis() * 5)));
        WebhookDestination webhook = new WebhookDestination(new WebhookSettings(hookUrl(), Optional.empty(), Map.of(),
                TIMEOUT, TIMEOUT));
        assertThat(webhook.deliver(Notification.of(alert))).isInstanceOf(Delivered.class);

        DeliveryResult result = webhook.deliver(Notification.of(alert));

        assertThat(result).isInstanceOfSatisfying(RetryableFailure.class,
                failure -> assertThat(failure.reason()).contains("HttpTimeoutException"));
    }

    @Test
    void aRefusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookDestination webhook = new WebhookDestination(settings(URI.create("http://localhost:" + closedPort + "/hook"),
                Optional.empty(), Map.of()));

        DeliveryResult result = webhook.deliver(Notification.of(alert));

        assertThat(result).isInstanceOfSatisfying(RetryableFailure.class,
                failure -> assertThat(failure.reason()).contains("ConnectException"));
    }

    @Test
    void refusesAtConstructionAHeaderHttpClientWouldRefuseAtTheFirstAlert() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new WebhookDestination(settings(hookUrl(), Optional.empty(), Map.of("Host", "elsewhere.example"))));
    }

    private WebhookDestination plainWebhook() {
        return new WebhookDestination(settings(hookUrl(), Optional.empty(), Map.of()));
    }

    private URI hookUrl() {
        return URI.create(server.baseUrl() + "/hook");
    }

    private static WebhookSettings settings(URI url, Optional<String> secret, Map<String, String> headers) {
        return new WebhookSettings(url, secret, headers, TIMEOUT, TIMEOUT);
    }
}
