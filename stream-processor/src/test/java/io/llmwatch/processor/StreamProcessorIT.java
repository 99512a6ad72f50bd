package io.llmwatch.processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
class StreamProcessorIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Other integration tests send spans to the same topic; this run's own rows are told apart by feature. */
    private static final String FEATURE = "it-feature-" + UUID.randomUUID();
    private static StreamProcessor processor;
    private static String bootstrapServers;

    @BeforeAll
    static void startProcessor(EmbeddedKafkaBroker kafka) throws Exception {
        bootstrapServers = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 2, (short) 1);
        }
        Path state = Files.createTempDirectory("llmwatch-processor-it");
        ProcessorSettings settings = ProcessorSettings.defaults(bootstrapServers, state).withHttpPort(0);
        processor = StreamProcessor.start(settings, new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/health").statusCode() == 200);
    }

    @AfterAll
    static void stopProcessor() {
        processor.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.apiPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SpanEvent span(String model, Instant end) {
        long endNanos = end.toEpochMilli() * 1_000_000L;
        return SpanEvent.newBuilder()
                .setTraceId(UUID.randomUUID().toString().replace("-", ""))
                .setSpanId("00f067aa0ba902b7")
                .setName("chat")
                .setOperation("chat")
                .setProvider("openai")
                .setRequestModel(model)
                .setStartTimeUnixNano(endNanos - 500_000_000L)
                .setEndTimeUnixNano(endNanos)
                .setUsage(Usage.newBuilder().setInputTokens(1_000_000).setOutputTokens(100_000).build())
                .setAttribution(Attribution.newBuilder().setFeature(FEATURE).setTags(Map.of()).build())
                .setContent(Content.newBuilder().build())
                .build();
    }

    @Test
    void deadLettersGarbageAndUnknownSchemasWithTheReasonAndKeepsPricing() throws Exception {
        byte[] garbage = ("garbage-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] unknownFingerprint = ByteBuffer.allocate(14).put((byte) 0xC3).put((byte) 0x01)
                .putLong(UUID.randomUUID().getMostSignificantBits()).put(new byte[] {2, 4, 6, 8}).array();
        Instant now = Instant.now();
        // gpt-4o-mini: $0.15 per million input tokens and $0.60 per million output tokens
        SpanEvent good = span("gpt-4o-mini", now);

        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SPANS.name(), "bad-1".getBytes(StandardCharsets.UTF_8), garbage));
            producer.send(new ProducerRecord<>(Topics.SPANS.name(), "bad-2".getBytes(StandardCharsets.UTF_8), unknownFingerprint));
            producer.send(new ProducerRecord<>(Topics.SPANS.name(), good.getTraceId().getBytes(StandardCharsets.UTF_8),
                    Topics.SPANS.valueSerde().serializer().serialize(Topics.SPANS.name(), good)));
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                "bootstrap.servers", bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DLQ.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                return deadLetters.stream().filter(r -> isOneOf(r, garbage, unknownFingerprint)).count() == 2;
            });
        }
        assertThat(reason(deadLetter(deadLetters, garbage))).contains("Not an Avro single-object encoded SpanEvent");
        assertThat(reason(deadLetter(deadLetters, unknownFingerprint))).contains("Unknown schema fingerprint");
        assertThat(header(deadLetter(deadLetters, garbage), "__streams.errors.topic")).isEqualTo(Topics.SPANS.name());

        String window = now.truncatedTo(ChronoUnit.MINUTES).toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode rows = JsonSerde.MAPPER.readTree(get("/api/cost?by=feature&window=1m&from=" + window + "&to=" + window).body());
            JsonNode row = findRow(rows, FEATURE);
            assertThat(row).isNotNull();
            assertThat(row.get("costUsd").asText()).isEqualTo("0.21");
            assertThat(row.get("calls").asLong()).isEqualTo(1);
            assertThat(row.get("inputTokens").asLong()).isEqualTo(1_000_000);
            assertThat(row.get("outputTokens").asLong()).isEqualTo(100_000);
            assertThat(row.get("windowStart").asText()).isEqualTo(window);
        });
    }

    @Test
    void answersBadQueriesWith400AndSaysWhy() throws Exception {
        HttpResponse<String> response = get("/api/cost?by=planet&window=1m");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown dimension by=planet");
        assertThat(get("/api/cost?by=model&window=7m").statusCode()).isEqualTo(400);
        assertThat(get("/api/cost?by=model&window=1m&from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/alerts?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void reportsHealthAsRunning() throws Exception {
        HttpResponse<String> health = get("/api/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"RUNNING\"");
    }

    private static JsonNode findRow(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        return null;
    }

    private static boolean isOneOf(ConsumerRecord<byte[], byte[]> record, byte[]... values) {
        for (byte[] value : values) {
            if (Arrays.equals(record.value(), value)) {
                return true;
            }
        }
        return false;
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(List<ConsumerRecord<byte[], byte[]>> records, byte[] value) {
        return records.stream().filter(r -> Arrays.equals(r.value(), value)).findFirst().orElseThrow();
    }

    private static String reason(ConsumerRecord<byte[], byte[]> record) {
        return header(record, "__streams.errors.message");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
