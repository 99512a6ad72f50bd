package io.llmwatch.processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.processor.testing.AgentSpans;
import io.llmwatch.processor.testing.ApiClient;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.Score;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two processor instances of one application: whichever is asked, every endpoint gives the same
 * answer, because key lookups are forwarded to the owner and everything else is gathered from both.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ClusterQueryIT {

    private static final int TRACES = 24;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT = "cluster-it-" + RUN;
    private static final String USER = "u-" + RUN;
    private static final String PROMPT = "answer-" + RUN;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final List<StreamProcessor> processors = new ArrayList<>();
    private static final List<ApiClient> apis = new ArrayList<>();
    private static final List<String> traceIds = new ArrayList<>();

    @BeforeAll
    static void startTwoInstancesAndSendTraces(EmbeddedKafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 4, (short) 1);
        }
        String applicationId = "llmwatch-cluster-it-" + RUN;
        for (int instance = 0; instance < 2; instance++) {
            ProcessorSettings settings = new ProcessorSettings(applicationId, kafka.bootstrapServers(), Map.of(),
                    Files.createTempDirectory("llmwatch-cluster-it"), "127.0.0.1", 0, "127.0.0.1", 1, TopologySettings.DEFAULTS);
            StreamProcessor processor = StreamProcessor.start(settings, new SpanCostCalculator(PriceCatalog.bundled()),
                    Clock.systemUTC());
            processors.add(processor);
            apis.add(new ApiClient(processor.apiPort()));
        }
        await().atMost(PATIENCE).until(() -> apis.stream().allMatch(ApiClient::isRunning));

        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                Topics.SPANS.keySerde().serializer(), Topics.SPANS.valueSerde().serializer())) {
            for (int trace = 0; trace < TRACES; trace++) {
                String traceId = String.format("%08x%024x", RUN.hashCode(), trace);
                traceIds.add(traceId);
                agentRun(traceId, NOW.plusSeconds(trace), trace % 2 + 1)
                        .forEach(span -> producer.send(new ProducerRecord<>(Topics.SPANS.name(), traceId, span)));
            }
        }
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(JsonSerde.MAPPER.readTree(body(apis.get(0), traceSearch()))).hasSize(TRACES));
    }

    /** An agent step calling gpt-4o with a scored prompt version, a tool, then gpt-4o-mini. */
    private static List<SpanEvent> agentRun(String traceId, Instant start, int promptVersion) {
        Attribution who = Attribution.newBuilder().setTenant(TENANT).setUser(USER).setFeature("support-chat")
                .setTags(Map.of()).build();
        return List.of(
                AgentSpans.llmCall(traceId, "b1", "a0", start.plusMillis(10), start.plusMillis(800), "gpt-4o", 1_000, 500)
                        .setAttribution(who)
                        .setPrompt(PromptRef.newBuilder().setName(PROMPT).setVersion(promptVersion).build())
                        .setScores(List.of(Score.newBuilder().setName("helpfulness").setValue(0.5 * promptVersion).build()))
                        .build(),
                AgentSpans.span(traceId, "c2", "a0", "execute_tool", start.plusMillis(800), start.plusMillis(900))
                        .setAttribution(who).build(),
                AgentSpans.llmCall(traceId, "d3", "a0", start.plusMillis(900), start.plusMillis(1_500), "gpt-4o-mini", 2_000, 300)
                        .setAttribution(who).build(),
                AgentSpans.span(traceId, "a0", null, "invoke_agent", start, start.plusMillis(1_600))
                        .setAttribution(who).build());
    }

    @AfterAll
    static void stopInstances() {
        processors.forEach(StreamProcessor::close);
    }

    /** The traces were sent one second apart, oldest first. */
    private static List<String> newestFirst() {
        List<String> newestFirst = new ArrayList<>(traceIds);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static String traceSearch() {
        return "/api/traces?user=" + USER + "&from=" + NOW.minusSeconds(60) + "&to=" + NOW.plusSeconds(3_600) + "&limit=1000";
    }

    private static String costByTenant() {
        return "/api/cost?by=tenant&window=1h&from=" + NOW.minus(Duration.ofHours(2)) + "&to=" + NOW.plus(Duration.ofHours(2));
    }

    private static String body(ApiClient api, String pathAndQuery) {
        HttpResponse<String> response = api.get(pathAndQuery);
        assertThat(response.statusCode()).as("GET %s on port %d: %s", pathAndQuery, api.port(), response.body()).isEqualTo(200);
        return response.body();
    }

    private static void assertBothInstancesAnswerAlike(String pathAndQuery) {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(body(apis.get(1), pathAndQuery)).isEqualTo(body(apis.get(0), pathAndQuery)));
    }

    @Test
    void answersATraceLookupAlikeFromBothInstancesThoughOnlyOneHoldsIt() {
        int[] ownedBy = new int[2];
        for (String traceId : traceIds) {
            assertBothInstancesAnswerAlike("/api/traces/" + traceId);
            int localAnswers = 0;
            for (int instance = 0; instance < 2; instance++) {
                if (apis.get(instance).get("/api/traces/" + traceId + "?scope=local").statusCode() == 200) {
                    ownedBy[instance]++;
                    localAnswers++;
                }
            }
            assertThat(localAnswers).as("instances holding trace %s", traceId).isEqualTo(1);
        }
        assertThat(ownedBy).as("traces held by each instance").doesNotContain(0);
    }

    @Test
    void returnsTheTraceTreeWithItsTotals() throws Exception {
        JsonNode trace = JsonSerde.MAPPER.readTree(body(apis.get(1), "/api/traces/" + traceIds.get(0)));

        // gpt-4o: 1000 × $2.50/M + 500 × $10/M = 0.0075; gpt-4o-mini: 2000 × $0.15/M + 300 × $0.60/M = 0.00048
        assertThat(trace.get("costUsd").asText()).isEqualTo("0.00798");
        assertThat(trace.get("spanCount").asInt()).isEqualTo(4);
        assertThat(trace.get("latencyMs").asDouble()).isEqualTo(1_600.0);
        JsonNode root = trace.get("roots").get(0);
        assertThat(root.get("kind").asText()).isEqualTo("agent_step");
        assertThat(root.get("children")).extracting(child -> child.get("kind").asText())
                .containsExactly("llm_call", "tool_call", "llm_call");
    }

    @Test
    void gathersAUsersTracesFromBothInstancesNewestFirst() throws Exception {
        assertBothInstancesAnswerAlike(traceSearch());
        JsonNode found = JsonSerde.MAPPER.readTree(body(apis.get(0), traceSearch()));
        assertThat(found).extracting(summary -> summary.get("traceId").asText())
                .containsExactlyElementsOf(newestFirst());

        int localShares = 0;
        for (ApiClient api : apis) {
            localShares += JsonSerde.MAPPER.readTree(body(api, traceSearch() + "&scope=local")).size();
        }
        assertThat(localShares).isEqualTo(TRACES);
        assertThat(JsonSerde.MAPPER.readTree(body(apis.get(1), traceSearch().replace("limit=1000", "limit=5"))))
                .extracting(summary -> summary.get("traceId").asText())
                .containsExactlyElementsOf(newestFirst().subList(0, 5));
    }

    @Test
    void comparesPromptVersionsAlikeFromBothInstances() throws Exception {
        String versions = "/api/prompts/" + URLEncoder.encode(PROMPT, StandardCharsets.UTF_8) + "/versions";
        assertBothInstancesAnswerAlike(versions);

        JsonNode rows = JsonSerde.MAPPER.readTree(body(apis.get(0), versions));
        assertThat(rows).extracting(row -> row.get("version").asText()).containsExactly("1", "2");
        assertThat(rows.get(0).get("calls").asLong()).isEqualTo(TRACES / 2);
        assertThat(rows.get(0).get("costPerCallUsd").asText()).isEqualTo("0.0075");
        assertThat(rows.get(1).get("averageQuality").asDouble()).isEqualTo(1.0);
        assertThat(apis.get(1).get("/api/prompts/never-used-" + RUN + "/versions").statusCode()).isEqualTo(404);
    }

    @Test
    void tracksPromptQualityPerWindowAlikeFromBothInstances() throws Exception {
        String quality = "/api/prompts/" + URLEncoder.encode(PROMPT, StandardCharsets.UTF_8) + "/quality?window=1h&from="
                + NOW.minus(Duration.ofHours(2)) + "&to=" + NOW.plus(Duration.ofHours(2));
        assertBothInstancesAnswerAlike(quality);

        JsonNode versions = JsonSerde.MAPPER.readTree(body(apis.get(0), quality)).get("versions");
        assertThat(versions).extracting(version -> version.get("version").asText()).containsExactly("1", "2");
        // version v's calls were scored 0.5 × v, one score per call
        assertThat(versions.get(0).get("scores").asLong()).isEqualTo(TRACES / 2);
        assertThat(versions.get(0).get("averageQuality").asDouble()).isEqualTo(0.5);
        assertThat(versions.get(1).get("averageQuality").asDouble()).isEqualTo(1.0);
        assertThat(versions.get(1).get("windows")).allSatisfy(window ->
                assertThat(window.get("averageQuality").asDouble()).isEqualTo(1.0));
        assertThat(apis.get(1).get("/api/prompts/never-used-" + RUN + "/quality").statusCode()).isEqualTo(404);
        String prompt = "/api/prompts/" + URLEncoder.encode(PROMPT, StandardCharsets.UTF_8);
        assertThat(apis.get(0).get(prompt + "/quality?window=2m").statusCode()).isEqualTo(400);
        assertThat(apis.get(0).get(prompt + "/quality?from=" + NOW + "&to=" + NOW.minusSeconds(1)).statusCode()).isEqualTo(400);
    }

    @Test
    void answersCostAndAlertsAlikeFromBothInstances() {
        assertBothInstancesAnswerAlike("/api/alerts?limit=1000");

        await().atMost(PATIENCE).untilAsserted(() -> {
            long calls = 0;
            for (JsonNode row : JsonSerde.MAPPER.readTree(body(apis.get(1), costByTenant()))) {
                if (row.get("key").asText().equals(TENANT)) {
                    calls += row.get("calls").asLong();
                }
            }
            assertThat(calls).isEqualTo(2L * TRACES);
        });
        assertBothInstancesAnswerAlike(costByTenant());
    }

    @Test
    void ranksTheTopSpendersOfAWindowAlikeFromBothInstances() throws Exception {
        String top = "/api/cost/top?by=tenant&window=1d&n=1000&at=" + NOW;
        long day = Duration.ofDays(1).toMillis();
        // Both calls of a trace end within 1.5 s of its start; count those ending in NOW's day.
        long expectedCalls = 0;
        for (int trace = 0; trace < TRACES; trace++) {
            for (long endMillis : new long[] {800, 1_500}) {
                long end = NOW.plusSeconds(trace).plusMillis(endMillis).toEpochMilli();
                expectedCalls += Math.floorDiv(end, day) == Math.floorDiv(NOW.toEpochMilli(), day) ? 1 : 0;
            }
        }
        long calls = expectedCalls;
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode rows = JsonSerde.MAPPER.readTree(body(apis.get(0), top));
            assertThat(rows).filteredOn(row -> row.get("key").asText().equals(TENANT))
                    .singleElement().satisfies(row -> assertThat(row.get("calls").asLong()).isEqualTo(calls));
        });
        assertBothInstancesAnswerAlike(top);

        JsonNode rows = JsonSerde.MAPPER.readTree(body(apis.get(1), top));
        List<BigDecimal> costs = new ArrayList<>();
        rows.forEach(row -> costs.add(new BigDecimal(row.get("costUsd").asText())));
        assertThat(costs).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(JsonSerde.MAPPER.readTree(body(apis.get(1), top.replace("n=1000", "n=1")))).hasSize(1)
                .first().satisfies(row -> assertThat(row.get("costUsd").asText()).isEqualTo(costs.get(0).toPlainString()));
    }

    @Test
    void servesItsOpenApiDescription() throws Exception {
        JsonNode document = JsonSerde.MAPPER.readTree(body(apis.get(1), "/api/openapi"));

        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("paths").has("/api/traces/{traceId}")).isTrue();
    }
}
