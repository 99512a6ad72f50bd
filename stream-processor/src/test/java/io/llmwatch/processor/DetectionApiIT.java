package io.llmwatch.processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.processor.testing.ApiClient;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.schemas.budget.BudgetEntry;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The budget and prompt-drift endpoints of a processor running the whole topology on the real broker. Spans carry
 * the current time (the broker is shared with other tests, whose spans advance stream time) and keys of their own.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DetectionApiIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String BUDGET_FEATURE = "it-budget-" + RUN;
    private static final String BUDGET_KEY = "feature|" + BUDGET_FEATURE;
    private static final String PROMPT = "it-drift-" + RUN;

    private static StreamProcessor processor;
    private static ApiClient api;
    private static KafkaProducer<String, SpanEvent> spans;
    private static String bootstrapServers;

    @BeforeAll
    static void startProcessor(EmbeddedKafkaBroker kafka) throws Exception {
        bootstrapServers = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 2, (short) 1);
        }
        ProcessorSettings settings = new ProcessorSettings("detection-api-it-" + RUN, bootstrapServers, Map.of(),
                Files.createTempDirectory("llmwatch-detection-api-it"), ProcessorSettings.DEFAULT_HTTP_HOST, 0,
                ProcessorSettings.DEFAULT_HTTP_HOST, 0, TopologySettings.DEFAULTS);
        processor = StreamProcessor.start(settings, new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC());
        api = new ApiClient(processor.apiPort());
        await().atMost(PATIENCE).until(api::isRunning);
        spans = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                Topics.SPANS.keySerde().serializer(), Topics.SPANS.valueSerde().serializer());
    }

    @AfterAll
    static void stopProcessor() {
        if (spans != null) {
            spans.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    /** A gpt-4o-mini call: $0.15 per million input tokens and $0.60 per million output tokens. */
    private static SpanEvent.Builder call(Instant end, String feature, long inputTokens, long outputTokens) {
        long endNanos = end.toEpochMilli() * 1_000_000L;
        return SpanEvent.newBuilder()
                .setTraceId(UUID.randomUUID().toString().replace("-", ""))
                .setSpanId("00f067aa0ba902b7")
                .setName("chat").setOperation("chat").setProvider("openai")
                .setRequestModel("gpt-4o-mini").setResponseModel("gpt-4o-mini")
                .setStartTimeUnixNano(endNanos - 500_000_000L)
                .setEndTimeUnixNano(endNanos)
                .setUsage(Usage.newBuilder().setInputTokens(inputTokens).setOutputTokens(outputTokens).build())
                .setAttribution(Attribution.newBuilder().setFeature(feature).setTenant("it-" + RUN).setTags(Map.of()).build())
                .setContent(Content.newBuilder().build());
    }

    private static void send(List<SpanEvent> calls) throws Exception {
        for (SpanEvent call : calls) {
            spans.send(new ProducerRecord<>(Topics.SPANS.name(), call.getTraceId(), call));
        }
        spans.flush();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JsonSerde.MAPPER.readTree(response.body());
    }

    private static String budgetPath() {
        return "/api/budgets/" + URLEncoder.encode(BUDGET_KEY, StandardCharsets.UTF_8);
    }

    @Test
    void aPublishedBudgetWarnsAtEightyPercentAndIsExceededAtItsCap() throws Exception {
        // A daily cap: an hourly one could see its hour end between spending and asking.
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers, "acks", "all"),
                Topics.BUDGETS.keySerde().serializer(), Topics.BUDGETS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.BUDGETS.name(), BUDGET_KEY, BudgetEntry.newBuilder().setKey(BUDGET_KEY)
                    .setDailyCapUsd("1.00").setUpdatedBy("it").setUpdatedAtMillis(System.currentTimeMillis()).build())).get();
        }
        // Spend only counts once the budget is known, so wait for it before spending.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get(budgetPath()).statusCode()).isEqualTo(200));
        JsonNode unspent = json(api.get(budgetPath()));
        assertThat(unspent.get("day").get("spentUsd").decimalValue()).isZero();
        assertThat(unspent.get("day").get("reached").isNull()).isTrue();
        assertThat(unspent.get("hour").isNull()).isTrue();
        JsonNode listed = json(api.get("/api/budgets"));
        assertThat(listed.findValues("key")).extracting(JsonNode::asText).contains(BUDGET_KEY);

        // Four calls of 1M input and 100k output tokens: 4 × $0.21 = $0.84 of the $1.00 cap.
        List<SpanEvent> fourCalls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fourCalls.add(call(Instant.now(), BUDGET_FEATURE, 1_000_000, 100_000).build());
        }
        send(fourCalls);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode day = json(api.get(budgetPath())).get("day");
            assertThat(day.get("spentUsd").decimalValue()).isEqualByComparingTo("0.84");
            assertThat(day.get("remainingUsd").decimalValue()).isEqualByComparingTo("0.16");
            assertThat(day.get("reached").asText()).isEqualTo("WARNING");
        });
        assertThat(json(api.get(budgetPath())).get("exceeded").asBoolean()).isFalse();

        send(List.of(call(Instant.now(), BUDGET_FEATURE, 1_000_000, 100_000).build()));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = json(api.get(budgetPath()));
            assertThat(status.get("day").get("spentUsd").decimalValue()).isEqualByComparingTo("1.05");
            assertThat(status.get("day").get("remainingUsd").decimalValue()).isZero();
            assertThat(status.get("day").get("reached").asText()).isEqualTo("EXCEEDED");
            assertThat(status.get("exceeded").asBoolean()).isTrue();
        });
        // The same two thresholds reached the alerts topic: a warning at 80% and a critical alert at the cap.
        String alertsPath = "/api/alerts?type=budget&key=" + URLEncoder.encode(BUDGET_KEY, StandardCharsets.UTF_8);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(api.get(alertsPath)).findValuesAsText("severity"))
                .containsExactlyInAnyOrder("warning", "critical"));
    }

    @Test
    void aKeyWithoutABudgetIs404AndAKeyWithoutADimensionIs400() {
        assertThat(api.get("/api/budgets/" + URLEncoder.encode("tenant|nobody-" + RUN, StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(404);
        assertThat(api.get("/api/budgets/acme").statusCode()).isEqualTo(400);
    }

    @Test
    void reportsTheIndicatorsThatMovedWhenAPromptVersionChanges() throws Exception {
        // v1 answers in about 500 tokens; v2, a new template, in about 1,000: output tokens and cost per call move,
        // input tokens do not.
        Instant start = Instant.now().minusSeconds(2);
        List<SpanEvent> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(promptCall(start.plusMillis(i * 10L), 1, "a", 480 + i % 40));
        }
        for (int i = 0; i < 60; i++) {
            calls.add(promptCall(start.plusMillis(1_000 + i * 10L), 2, "b", 980 + i % 40));
        }
        send(calls);

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = api.get("/api/prompts/" + PROMPT + "/drift");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode change = json(response).get("versionChange");
            assertThat(change.isNull()).as(response.body()).isFalse();
            assertThat(change.get("comparison").asText()).isEqualTo("version_change");
            assertThat(change.get("before").get("number").asInt()).isEqualTo(1);
            assertThat(change.get("after").get("number").asInt()).isEqualTo(2);
            assertThat(movedIndicators(change)).contains("output_tokens", "cost_per_call_usd").doesNotContain("input_tokens");
            JsonNode outputTokens = indicator(change, "output_tokens");
            assertThat(outputTokens.get("direction").asText()).isEqualToIgnoringCase("up");
            assertThat(outputTokens.get("worse").asBoolean()).isTrue();
            assertThat(outputTokens.get("samplesAfter").asInt()).isGreaterThanOrEqualTo(30);
        });
    }

    private static SpanEvent promptCall(Instant end, int version, String hashLetter, long outputTokens) {
        return call(end, "it-drift-" + RUN, 1_000, outputTokens)
                .setPrompt(PromptRef.newBuilder().setName(PROMPT).setVersion(version)
                        .setTemplateSha256(hashLetter.repeat(64)).build())
                .build();
    }

    private static List<String> movedIndicators(JsonNode report) {
        List<String> moved = new ArrayList<>();
        report.get("indicators").forEach(shift -> {
            if (shift.get("moved").asBoolean()) {
                moved.add(shift.get("indicator").asText());
            }
        });
        return moved;
    }

    private static JsonNode indicator(JsonNode report, String name) {
        for (JsonNode shift : report.get("indicators")) {
            if (shift.get("indicator").asText().equals(name)) {
                return shift;
            }
        }
        throw new AssertionError("no " + name + " in " + report);
    }
}
