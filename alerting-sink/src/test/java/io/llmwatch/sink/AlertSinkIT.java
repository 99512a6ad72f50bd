package io.llmwatch.sink;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.delivery.DeadLetterPublisher;
import io.llmwatch.sink.webhook.WebhookBody;
import io.llmwatch.sink.webhook.WebhookSignature;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
@SuppressWarnings("try") // a sink runs for the body of its try block and needs no other mention there
class AlertSinkIT {

    private static final String HOOK_PATH = "/alerts";
    private static final String SECRET = "it-shared-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final WireMockServer webhook = new WireMockServer(options().dynamicPort());
    private final String groupId = "alerting-sink-it-" + UUID.randomUUID();
    private EmbeddedKafkaBroker kafka;
    private AlertsTopic alerts;

    @BeforeEach
    void setUp(EmbeddedKafkaBroker kafka) throws Exception {
        this.kafka = kafka;
        alerts = new AlertsTopic(kafka);
        alerts.startGroupAtEnd(groupId);
        webhook.start();
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        webhook.stop();
    }

    @Test
    void postsAnAlertAsSignedJsonAndCommitsIt() throws Exception {
        webhook.stubFor(hook().willReturn(aResponse().withStatus(204)));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = startSink()) {
            RecordMetadata produced = alerts.produce(alert);

            awaitCommitted(produced, produced.offset() + 1);
        }

        LoggedRequest request = webhook.findAll(requestsFor(alert)).get(0);
        assertThat(request.getBody()).isEqualTo(WebhookBody.render(alert));
        assertThat(request.getBodyAsString()).contains("\"severity\":\"critical\"", "\"observed\":\"12.500000\"");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer it-token");
        assertThat(request.getHeader(WebhookSignature.HEADER)).isEqualTo(new WebhookSignature(SECRET).sign(request.getBody()));
    }

    @Test
    void retriesServerErrorsAndCommitsOnlyOnceDelivered() throws Exception {
        webhook.stubFor(hook().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        webhook.stubFor(hook().inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        webhook.stubFor(hook().inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = startSink()) {
            RecordMetadata produced = alerts.produce(alert);

            awaitCommitted(produced, produced.offset() + 1);
        }

        assertThat(webhook.findAll(requestsFor(alert))).hasSize(3);
        assertThat(alerts.deadLetters()).noneMatch(deadLetter -> Arrays.equals(deadLetter.value(), AlertsTopic.encode(alert)));
    }

    @Test
    void deadLettersARefusedAlertAndGoesOnWithTheNext() throws Exception {
        AlertEvent refused = SampleAlerts.costAnomaly().build();
        AlertEvent next = SampleAlerts.costAnomaly().setStatus(AlertStatus.RESOLVED).build();
        webhook.stubFor(hook().willReturn(aResponse().withStatus(200)));
        webhook.stubFor(hook().withRequestBody(matchingJsonPath("$.alertId", equalTo(refused.getAlertId())))
                .atPriority(1).willReturn(aResponse().withStatus(400).withBody("unknown tenant")));

        RecordMetadata refusedAt;
        try (AlertSink sink = startSink()) {
            refusedAt = alerts.produce(refused);
            RecordMetadata nextAt = alerts.produce(next);

            awaitCommitted(nextAt, nextAt.offset() + 1);
        }

        assertThat(webhook.findAll(requestsFor(next))).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = awaitDeadLetter(AlertsTopic.encode(refused));
        assertThat(AlertsTopic.header(deadLetter, DeadLetterPublisher.DESTINATION_HEADER)).isEqualTo("webhook");
        assertThat(AlertsTopic.header(deadLetter, DeadLetterPublisher.REASON_HEADER)).isEqualTo("HTTP 400: unknown tenant");
        assertThat(AlertsTopic.header(deadLetter, DeadLetterPublisher.ORIGINAL_TOPIC_HEADER)).isEqualTo(Topics.ALERTS.name());
        assertThat(AlertsTopic.header(deadLetter, DeadLetterPublisher.ORIGINAL_PARTITION_HEADER)).isEqualTo(Integer.toString(refusedAt.partition()));
        assertThat(AlertsTopic.header(deadLetter, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER)).isEqualTo(Long.toString(refusedAt.offset()));
    }

    @Test
    void deadLettersUndecodableBytesAndStillDeliversTheNextAlert() throws Exception {
        webhook.stubFor(hook().willReturn(aResponse().withStatus(200)));
        byte[] garbage = ("not an alert " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        AlertEvent next = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = startSink()) {
            // Same key, so both land in one partition and the garbage really stands in front of the alert.
            alerts.produce(next.getDedupKey(), garbage);
            RecordMetadata nextAt = alerts.produce(next);

            awaitCommitted(nextAt, nextAt.offset() + 1);
        }

        assertThat(webhook.findAll(requestsFor(next))).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = awaitDeadLetter(garbage);
        assertThat(AlertsTopic.header(deadLetter, DeadLetterPublisher.REASON_HEADER)).contains("bad header");
        assertThat(AlertsTopic.header(deadLetter, DeadLetterPublisher.DESTINATION_HEADER)).isNull();
    }

    @Test
    void anAlertStillRetryingAtShutdownIsDeliveredAfterRestart() throws Exception {
        webhook.stubFor(hook().willReturn(aResponse().withStatus(503)));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        RecordMetadata produced;
        try (AlertSink sink = startSink()) {
            produced = alerts.produce(alert);

            await().atMost(DEADLINE).until(() -> webhook.findAll(requestsFor(alert)).size() >= 2);
        }
        assertThat(alerts.committedOffset(groupId, produced)).isEqualTo(produced.offset());

        webhook.resetMappings();
        webhook.stubFor(hook().willReturn(aResponse().withStatus(200)));
        try (AlertSink restarted = startSink()) {
            awaitCommitted(produced, produced.offset() + 1);
        }
    }

    private AlertSink startSink() {
        AlertSink sink = new AlertSink(SinkConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId(groupId)
                .webhookUrl(URI.create(webhook.baseUrl() + HOOK_PATH))
                .webhookSecret(SECRET)
                .webhookHeader("Authorization", "Bearer it-token")
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .build());
        sink.start();
        return sink;
    }

    private void awaitCommitted(RecordMetadata record, long offset) {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(alerts.committedOffset(groupId, record)).isEqualTo(offset));
    }

    private static MappingBuilder hook() {
        return post(urlEqualTo(HOOK_PATH));
    }

    private static RequestPatternBuilder requestsFor(AlertEvent alert) {
        return postRequestedFor(urlEqualTo(HOOK_PATH)).withRequestBody(matchingJsonPath("$.alertId", equalTo(alert.getAlertId())));
    }

    private ConsumerRecord<byte[], byte[]> awaitDeadLetter(byte[] value) {
        return await().atMost(DEADLINE).until(() -> alerts.deadLetters().stream()
                        .filter(deadLetter -> Arrays.equals(deadLetter.value(), value)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
