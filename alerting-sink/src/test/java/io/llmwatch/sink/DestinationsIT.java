package io.llmwatch.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.alert.AlertStatus;
import io.llmwatch.schemas.json.AlertJson;
import io.llmwatch.sink.delivery.DeadLetterPublisher;
import io.llmwatch.sink.delivery.RateLimit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink on the embedded broker delivering to WireMock standing in for Slack and PagerDuty: the exact
 * documented payloads, the resolution, and the faults they produce (5xx, 429 with Retry-After, slow
 * answers and timeouts, refused connections, permanent 4xx), plus silences set through the REST API.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@SuppressWarnings("try") // a sink runs for the body of its try block and needs no other mention there
class DestinationsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SLACK_PATH = "/services/T000/B000/XXXX";
    private static final String PD_PATH = "/v2/enqueue";
    private static final String ROUTING_KEY = DocumentedPayloads.ROUTING_KEY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer slack = new WireMockServer(options().dynamicPort());
    private final WireMockServer pagerDuty = new WireMockServer(options().dynamicPort());
    private final String groupId = "destinations-it-" + UUID.randomUUID();
    private AlertsTopic alerts;

    @BeforeEach
    void setUp(EmbeddedKafkaBroker kafka) throws Exception {
        alerts = new AlertsTopic(kafka);
        alerts.startGroupAtEnd(groupId);
        slack.start();
        pagerDuty.start();
    }

    @AfterEach
    void tearDown() {
        alerts.close();
        slack.stop();
        pagerDuty.stop();
    }

    @Test
    void slackAndPagerDutyGetTheDocumentedPayloadsAndTheResolution(EmbeddedKafkaBroker kafka) throws Exception {
        slack.stubFor(post(SLACK_PATH).willReturn(aResponse().withStatus(200).withBody("ok")));
        pagerDuty.stubFor(post(PD_PATH).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
        AlertEvent firing = SampleAlerts.costAnomaly().build();
        AlertEvent resolved = AlertEvent.newBuilder(firing).setAlertId(UUID.randomUUID().toString()).setStatus(AlertStatus.RESOLVED).build();

        try (AlertSink sink = start(kafka, pagerDutyUrl())) {
            RecordMetadata first = alerts.produce(firing);
            await().atMost(DEADLINE).until(() -> slack.getAllServeEvents().size() == 1 && pagerDuty.getAllServeEvents().size() == 1);
            RecordMetadata second = alerts.produce(resolved);

            await().atMost(DEADLINE).until(() -> alerts.committedPast(groupId, List.of(first, second)));
        }

        List<LoggedRequest> messages = slack.findAll(postRequestedFor(urlEqualTo(SLACK_PATH)));
        assertThat(messages).hasSize(2);
        assertThat(JSON.readTree(messages.get(0).getBodyAsString())).isEqualTo(JSON.readTree(slackFiringMessage()));
        assertThat(JSON.readTree(messages.get(1).getBodyAsString()).at("/blocks/0/text/text").asText())
                .isEqualTo(":white_check_mark: RESOLVED · CRITICAL · cost_anomaly");
        List<LoggedRequest> events = pagerDuty.findAll(postRequestedFor(urlEqualTo(PD_PATH)));
        assertThat(events).hasSize(2);
        assertThat(JSON.readTree(events.get(0).getBodyAsString())).isEqualTo(JSON.readTree(pagerDutyTrigger(firing)));
        assertThat(JSON.readTree(events.get(1).getBodyAsString())).isEqualTo(JSON.readTree("""
                {"routing_key": "%s", "event_action": "resolve", "dedup_key": "%s"}""".formatted(ROUTING_KEY, firing.getDedupKey())));
        assertThat(events.get(0).getHeader("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void slack429WithRetryAfterHoldsTheWebhookBackThenDelivers(EmbeddedKafkaBroker kafka) throws Exception {
        slack.stubFor(post(SLACK_PATH).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("rate_limited"))
                .willSetStateTo("limited once"));
        slack.stubFor(post(SLACK_PATH).inScenario("rate").whenScenarioStateIs("limited once").willReturn(aResponse().withStatus(200)));

        try (AlertSink sink = start(kafka, pagerDutyUrl())) {
            RecordMetadata produced = alerts.produce(SampleAlerts.costAnomaly().build());

            await().atMost(DEADLINE).until(() -> alerts.committedPast(groupId, List.of(produced)));
        }

        List<LoggedRequest> attempts = slack.findAll(postRequestedFor(urlEqualTo(SLACK_PATH)));
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0).getLoggedDate().toInstant(), attempts.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(alerts.deadLetters()).noneMatch(letter -> "slack".equals(AlertsTopic.header(letter, DeadLetterPublisher.DESTINATION_HEADER))
                && Arrays.equals(letter.value(), AlertsTopic.encode(SampleAlerts.costAnomaly().build())));
    }

    @Test
    void serverErrorsAndASlowAnswerPastTheTimeoutAreRetriedUntilAccepted(EmbeddedKafkaBroker kafka) throws Exception {
        slack.stubFor(post(SLACK_PATH).willReturn(aResponse().withStatus(200)));
        pagerDuty.stubFor(post(PD_PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed"));
        pagerDuty.stubFor(post(PD_PATH).inScenario("flaky").whenScenarioStateIs("failed")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("failed twice"));
        pagerDuty.stubFor(post(PD_PATH).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(202).withFixedDelay(200)));
        slack.stubFor(post("/slow").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)).willSetStateTo("answered late"));
        slack.stubFor(post("/slow").inScenario("slow").whenScenarioStateIs("answered late")
                .willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = start(kafka, pagerDutyUrl(), builder -> builder
                .webhookUrl(URI.create(slack.baseUrl() + "/slow")).webhookRequestTimeout(Duration.ofSeconds(1)))) {
            RecordMetadata produced = alerts.produce(alert);

            await().atMost(DEADLINE).until(() -> alerts.committedPast(groupId, List.of(produced)));
        }

        assertThat(pagerDuty.findAll(postRequestedFor(urlEqualTo(PD_PATH)))).hasSize(3)
                .allSatisfy(event -> assertThat(JSON.readTree(event.getBodyAsString()).get("dedup_key").asText())
                        .isEqualTo(alert.getDedupKey()));
        assertThat(slack.findAll(postRequestedFor(urlEqualTo("/slow")))).hasSize(2);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(SLACK_PATH)))).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriedAndNeitherCommittedNorDeadLettered(EmbeddedKafkaBroker kafka) throws Exception {
        slack.stubFor(post(SLACK_PATH).willReturn(aResponse().withStatus(200)));
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + PD_PATH);
        }
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        RecordMetadata produced;
        try (AlertSink sink = start(kafka, closedPort)) {
            produced = alerts.produce(alert);

            await().atMost(DEADLINE).until(() -> slack.getAllServeEvents().size() == 1);
            await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> !alerts.committedPast(groupId, List.of(produced)));
        }
        assertThat(alerts.committedOffset(groupId, produced)).isEqualTo(produced.offset());
        assertThat(alerts.deadLetters()).noneMatch(letter -> Arrays.equals(letter.value(), AlertsTopic.encode(alert)));
    }

    @Test
    void aPermanentRefusalIsDeadLetteredWithDestinationAndReason(EmbeddedKafkaBroker kafka) throws Exception {
        slack.stubFor(post(SLACK_PATH).willReturn(aResponse().withStatus(200)));
        pagerDuty.stubFor(post(PD_PATH).willReturn(aResponse().withStatus(400)
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}")));
        AlertEvent alert = SampleAlerts.costAnomaly().build();

        try (AlertSink sink = start(kafka, pagerDutyUrl())) {
            RecordMetadata produced = alerts.produce(alert);

            await().atMost(DEADLINE).until(() -> alerts.committedPast(groupId, List.of(produced)));
        }

        ConsumerRecord<byte[], byte[]> letter = alerts.deadLetters().stream()
                .filter(record -> Arrays.equals(record.value(), AlertsTopic.encode(alert))).findFirst().orElseThrow();
        assertThat(AlertsTopic.header(letter, DeadLetterPublisher.DESTINATION_HEADER)).isEqualTo("pagerduty");
        assertThat(AlertsTopic.header(letter, DeadLetterPublisher.REASON_HEADER))
                .isEqualTo("HTTP 400: {\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
        assertThat(slack.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aSilenceSetThroughTheApiMutesMatchingAlertsUntilItIsExpired(EmbeddedKafkaBroker kafka) throws Exception {
        slack.stubFor(post(SLACK_PATH).willReturn(aResponse().withStatus(200)));
        pagerDuty.stubFor(post(PD_PATH).willReturn(aResponse().withStatus(202)));
        HttpClient http = HttpClient.newHttpClient();

        try (AlertSink sink = start(kafka, pagerDutyUrl(), builder -> builder.silenceApi("127.0.0.1", 0))) {
            String api = "http://127.0.0.1:" + sink.apiPort().orElseThrow() + "/api/silences";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"matchers": ["tenant=acme", "type=~cost_.*"], "duration": "1h", "createdBy": "it", "comment": "deploy"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asText();
            assertThat(JSON.readTree(created.body()).get("status").asText()).isEqualTo("active");

            RecordMetadata muted = alerts.produce(SampleAlerts.costAnomaly().build());
            RecordMetadata other = alerts.produce(SampleAlerts.costAnomaly().setTenant("globex").setDedupKey("globex").build());
            await().atMost(DEADLINE).until(() -> alerts.committedPast(groupId, List.of(muted, other)));
            assertThat(pagerDuty.findAll(postRequestedFor(urlEqualTo(PD_PATH))))
                    .singleElement().satisfies(event -> assertThat(event.getBodyAsString()).contains("\"dedup_key\":\"globex\""));

            HttpResponse<String> expired = http.send(HttpRequest.newBuilder(URI.create(api + "/" + id)).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(expired.body()).get("status").asText()).isEqualTo("expired");
            RecordMetadata after = alerts.produce(SampleAlerts.costAnomaly().setDedupKey("after").build());
            await().atMost(DEADLINE).until(() -> alerts.committedPast(groupId, List.of(after)));
            pagerDuty.verify(1, postRequestedFor(urlEqualTo(PD_PATH)).withRequestBody(matchingJsonPath("$.dedup_key", equalTo("after"))));

            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(api))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"matchers\": [\"tenant\"], \"duration\": \"1h\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }

    private AlertSink start(EmbeddedKafkaBroker kafka, URI pagerDutyUrl) {
        return start(kafka, pagerDutyUrl, builder -> builder);
    }

    private AlertSink start(EmbeddedKafkaBroker kafka, URI pagerDutyUrl, UnaryOperator<SinkConfig.Builder> extra) {
        AlertSink sink = new AlertSink(extra.apply(SinkConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId(groupId)
                .slackWebhook(Secret.of(slack.baseUrl() + SLACK_PATH))
                .slackRateLimit(RateLimit.perSecond(50))
                .pagerDutyRoutingKey(Secret.of(ROUTING_KEY))
                .pagerDutyUrl(pagerDutyUrl)
                .dashboardUrl(URI.create("https://llmwatch.example.com/"))
                .backoff(Duration.ofMillis(50), Duration.ofMillis(200))).build());
        sink.start();
        return sink;
    }

    private URI pagerDutyUrl() {
        return URI.create(pagerDuty.baseUrl() + PD_PATH);
    }

    private static String slackFiringMessage() {
        return DocumentedPayloads.SLACK_FIRING;
    }

    private static String pagerDutyTrigger(AlertEvent alert) throws IOException {
        return DocumentedPayloads.pagerDutyTrigger(JSON.writeValueAsString(AlertJson.toMap(alert)));
    }
}
