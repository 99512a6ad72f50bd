package io.llmwatch.launcher.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.llmwatch.agent.Attribution;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.TokenUsage;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.launcher.pipeline.PipelineSettings.ProcessorRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import io.llmwatch.schemas.alert.AlertEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The walking skeleton end to end: agent → Kafka → Streams → alert topic → sink → webhook, on a real broker. */
@ExtendWith(EmbeddedKafkaExtension.class)
class PipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final WireMockServer webhook = new WireMockServer(options().dynamicPort());
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private String bootstrapServers;
    private Pipeline pipeline;
    private LlmWatch agent;

    @BeforeEach
    void start(EmbeddedKafkaBroker kafka) {
        bootstrapServers = kafka.bootstrapServers();
        webhook.start();
        webhook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(200)));
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(kafka.bootstrapServers(), Map.of())
                .processor(new ProcessorRole("pipeline-it-" + UUID.randomUUID(), Optional.empty(), 0, "127.0.0.1", 0, "127.0.0.1"))
                .sink(new SinkRole("pipeline-it-sink-" + UUID.randomUUID(),
                        Optional.of(URI.create(webhook.baseUrl() + "/alerts")), Optional.of("it-secret")))
                .reporting(Duration.ofSeconds(1))
                .build();
        pipeline = Pipeline.start(settings, new PrintWriter(console, true, StandardCharsets.UTF_8));
        agent = LlmWatch.builder().bootstrapServers(kafka.bootstrapServers()).serviceName("pipeline-it").build();
    }

    @AfterEach
    void stop() {
        agent.close();
        pipeline.close();
        webhook.stop();
    }

    private void recordCalls(String feature, Instant bucketStart, int calls, long inputTokens, long outputTokens) {
        for (int i = 0; i < calls; i++) {
            Instant end = bucketStart.plusMillis(100L * i + 1);
            agent.record(LlmCall.builder()
                    .provider("openai")
                    .requestModel("gpt-4o-mini")
                    .startTime(end.minusMillis(700))
                    .endTime(end)
                    .usage(TokenUsage.of(inputTokens, outputTokens))
                    .attribution(Attribution.builder().tenant("acme").user("u-" + i).feature(feature).build())
                    .build());
        }
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + pipeline.apiPort().orElseThrow() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void spansRecordedThroughTheAgentArePricedAggregatedAndRaiseADeliveredAlert() throws Exception {
        String feature = "e2e-" + UUID.randomUUID();
        // Six calm 10 s buckets, then a runaway one, ending about now: the broker is shared with other tests whose
        // spans carry the current time, so older event times would rightly be late for this fresh application.
        long startSecond = Instant.now().minusSeconds(80).getEpochSecond();
        Instant base = Instant.ofEpochSecond(startSecond - startSecond % 10);
        for (int bucket = 0; bucket < 6; bucket++) {
            recordCalls(feature, base.plusSeconds(10L * bucket), 10, 1_000, 200);
        }
        recordCalls(feature, base.plusSeconds(60), 20, 20_000, 2_000);
        assertThat(agent.flush(Duration.ofSeconds(30))).isTrue();

        // gpt-4o-mini: $0.15 / M input, $0.60 / M output.
        // calm: 60 × (1000 × 0.15 + 200 × 0.6) / 1e6 = 60 × 0.00027; runaway: 20 × (20000 × 0.15 + 2000 × 0.6) / 1e6 = 20 × 0.0042
        BigDecimal expected = new BigDecimal("0.0162").add(new BigDecimal("0.084"));
        // The 70 s of calls may straddle an hour boundary, so the feature's rows of both hours are added up.
        String from = base.truncatedTo(ChronoUnit.HOURS).toString();
        String to = base.plusSeconds(70).truncatedTo(ChronoUnit.HOURS).toString();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode rows = getJson("/api/cost?by=feature&window=1h&from=" + from + "&to=" + to);
            List<JsonNode> featureRows = rowsFor(rows, feature);
            assertThat(featureRows).as("rows of " + feature + " in " + rows).isNotEmpty();
            assertThat(featureRows.stream().mapToLong(row -> row.get("calls").asLong()).sum()).isEqualTo(80);
            assertThat(featureRows.stream().map(row -> new BigDecimal(row.get("costUsd").asText()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(expected);
        });

        AlertEvent alert = awaitAlertOnTopic(feature);
        assertThat(alert.getType()).isEqualTo("cost_spike");
        assertThat(alert.getWindowStartMillis()).isEqualTo(base.plusSeconds(60).toEpochMilli());

        await().atMost(PATIENCE).untilAsserted(() -> webhook.verify(postRequestedFor(urlEqualTo("/alerts"))
                .withHeader("X-Llmwatch-Signature", matching("sha256=[0-9a-f]{64}"))
                .withRequestBody(matchingJsonPath("$.dimensionKey", equalTo(feature)))));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(getJson("/api/alerts?limit=100").findValuesAsText("dimensionKey")).contains(feature));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(console.toString(StandardCharsets.UTF_8)).contains("ALERT FIRING").contains(feature));
    }

    private static List<JsonNode> rowsFor(JsonNode rows, String key) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode row : rows) {
            if (key.equals(row.get("key").asText())) {
                matching.add(row);
            }
        }
        return matching;
    }

    private AlertEvent awaitAlertOnTopic(String feature) {
        List<AlertEvent> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
                return seen.stream().anyMatch(alert -> feature.equals(alert.getDimensionKey()));
            });
        }
        return seen.stream().filter(alert -> feature.equals(alert.getDimensionKey())).findFirst().orElseThrow();
    }
}
