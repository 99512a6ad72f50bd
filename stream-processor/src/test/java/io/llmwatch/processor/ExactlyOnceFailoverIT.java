package io.llmwatch.processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.serde.JsonSerde;
import io.llmwatch.processor.testing.AgentSpans;
import io.llmwatch.processor.testing.ApiClient;
import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.PromptRef;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proof of exactness: two instances with one application id and standby replicas process a few
 * thousand spans of known cost; one instance is killed (SIGKILL, see {@link ForkedProcessor}) while
 * spans are still flowing. Then the totals read through the survivor, and through the killed instance
 * once restarted on its old state directory, must equal the ground truth to the last digit: under
 * exactly_once_v2 the dead instance's open transaction is aborted and its partitions are reprocessed
 * from the last committed offsets, so nothing is lost and nothing counted twice.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ExactlyOnceFailoverIT {

    private static final int TRACES = 1_000;
    private static final int CALLS_PER_TRACE = 3;
    /** Each trace: an agent step, three LLM calls, a tool call. */
    private static final int SPANS_PER_TRACE = CALLS_PER_TRACE + 2;
    private static final int USERS = 10;
    /** The victim is killed once it holds traces of its own, with 60% of the traces still to send. */
    private static final int CRASH_AFTER_TRACES = TRACES * 2 / 5;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** USD per million input and output tokens in the bundled genai-prices catalogue. */
    private record Price(String model, BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
        BigDecimal of(long inputTokens, long outputTokens) {
            return inputPerMillion.multiply(BigDecimal.valueOf(inputTokens))
                    .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
                    .movePointLeft(6);
        }
    }

    private static final List<Price> PRICES = List.of(
            new Price("gpt-4o", new BigDecimal("2.50"), new BigDecimal("10")),
            new Price("gpt-4o-mini", new BigDecimal("0.15"), new BigDecimal("0.60")));

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String tenant = "exactness-" + run;
    private final String prompt = "answer-" + run;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void totalsEqualTheGroundTruthThroughTheSurvivorAndTheRestartedInstanceAfterACrash(EmbeddedKafkaBroker kafka)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 4, (short) 1);
        }
        String applicationId = "llmwatch-exactness-it-" + run;
        Path forkedState = Files.createTempDirectory("llmwatch-exactness-forked");
        Path forkedLog = Path.of("target", "exactness-it-forked-instance.log");
        int forkedPort = freePort();
        List<List<SpanEvent>> traces = agentRuns();
        BigDecimal truth = groundTruth(traces);

        try (StreamProcessor survivor = StreamProcessor.start(
                ForkedProcessor.settings(applicationId, kafka.bootstrapServers(), Files.createTempDirectory("llmwatch-exactness"), 0),
                new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC());
             ForkedProcessor victim = ForkedProcessor.start(applicationId, kafka.bootstrapServers(), forkedState, forkedPort, forkedLog)) {
            ApiClient survivorApi = new ApiClient(survivor.apiPort());
            await().atMost(PATIENCE).until(() -> survivorApi.isRunning() && victim.api().isRunning());

            long crashedAt = 0;
            long lastSentAt;
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all"), Topics.SPANS.keySerde().serializer(), Topics.SPANS.valueSerde().serializer())) {
                for (int i = 0; i < TRACES; i++) {
                    if (i == CRASH_AFTER_TRACES) {
                        // The victim is processing its share right now, so it dies holding open transactions.
                        await().atMost(PATIENCE).until(() -> localTraces(victim.api()) > 0);
                        victim.crash();
                        crashedAt = System.nanoTime();
                    }
                    send(producer, traces.get(i));
                }
                producer.flush();
                lastSentAt = System.nanoTime();
            }

            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertTotalsEqualTruth(survivorApi, truth));
            long survivorExactAt = System.nanoTime();

            try (ForkedProcessor restarted = ForkedProcessor.start(applicationId, kafka.bootstrapServers(), forkedState,
                    forkedPort, forkedLog)) {
                long restartedAt = System.nanoTime();
                await().atMost(PATIENCE).until(restarted.api()::isRunning);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertTotalsEqualTruth(restarted.api(), truth);
                    assertTotalsEqualTruth(survivorApi, truth);
                    for (String query : List.of(costByTenant(), "/api/prompts/" + prompt + "/versions")) {
                        assertThat(restarted.api().get(query).body()).isEqualTo(survivorApi.get(query).body());
                    }
                });
                System.out.printf("exactness: N=%d spans (%d traces, %d LLM calls), ground truth $%s, crash after %d of"
                                + " the traces; survivor exact %d ms after the crash, %d ms after the last span;"
                                + " restarted instance exact %d ms after its restart%n",
                        TRACES * SPANS_PER_TRACE, TRACES, TRACES * CALLS_PER_TRACE, truth.toPlainString(),
                        CRASH_AFTER_TRACES, millisBetween(crashedAt, survivorExactAt),
                        millisBetween(lastSentAt, survivorExactAt), millisBetween(restartedAt, System.nanoTime()));
            }
        }
    }

    /**
     * The clean path of a rebalance: when a second instance joins mid-stream, the first commits the tasks it hands
     * over, and whatever they gathered in memory (cost partials, detection and prompt batches) leaves in that commit.
     */
    @Test
    void totalsEqualTheGroundTruthThroughBothInstancesWhenASecondJoinsMidStream(EmbeddedKafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 4, (short) 1);
        }
        String applicationId = "llmwatch-scale-out-it-" + run;
        List<List<SpanEvent>> traces = agentRuns();
        BigDecimal truth = groundTruth(traces);
        SpanCostCalculator pricing = new SpanCostCalculator(PriceCatalog.bundled());

        try (StreamProcessor first = StreamProcessor.start(ForkedProcessor.settings(applicationId, kafka.bootstrapServers(),
                Files.createTempDirectory("llmwatch-scale-out-first"), 0), pricing, Clock.systemUTC());
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     "bootstrap.servers", kafka.bootstrapServers(),
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.ACKS_CONFIG, "all"), Topics.SPANS.keySerde().serializer(), Topics.SPANS.valueSerde().serializer())) {
            ApiClient firstApi = new ApiClient(first.apiPort());
            await().atMost(PATIENCE).until(firstApi::isRunning);
            for (int i = 0; i < CRASH_AFTER_TRACES; i++) {
                send(producer, traces.get(i));
            }
            producer.flush();
            await().atMost(PATIENCE).until(() -> localTraces(firstApi) > 0);

            try (StreamProcessor second = StreamProcessor.start(ForkedProcessor.settings(applicationId,
                    kafka.bootstrapServers(), Files.createTempDirectory("llmwatch-scale-out-second"), 0), pricing, Clock.systemUTC())) {
                for (int i = CRASH_AFTER_TRACES; i < TRACES; i++) {
                    send(producer, traces.get(i));
                }
                producer.flush();
                ApiClient secondApi = new ApiClient(second.apiPort());
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertTotalsEqualTruth(firstApi, truth);
                    assertTotalsEqualTruth(secondApi, truth);
                });
            }
        }
    }

    private static long millisBetween(long startNanos, long endNanos) {
        return Duration.ofNanos(endNanos - startNanos).toMillis();
    }

    /** Deterministic agent runs with random but known token counts. */
    private List<List<SpanEvent>> agentRuns() {
        Random random = new Random(42);
        List<List<SpanEvent>> traces = new ArrayList<>();
        for (int t = 0; t < TRACES; t++) {
            String traceId = String.format("%08x%024x", run.hashCode(), t);
            Instant begin = start.plusMillis(t * 5L);
            Attribution who = Attribution.newBuilder().setTenant(tenant).setUser(user(t % USERS)).setFeature("exactness")
                    .setTags(Map.of()).build();
            List<SpanEvent> spans = new ArrayList<>();
            for (int c = 0; c < CALLS_PER_TRACE; c++) {
                Price price = PRICES.get(random.nextInt(PRICES.size()));
                spans.add(AgentSpans.llmCall(traceId, "call" + c, "step", begin.plusMillis(c), begin.plusMillis(c + 1),
                                price.model(), 100 + random.nextInt(20_000), 10 + random.nextInt(2_000))
                        .setAttribution(who)
                        .setPrompt(PromptRef.newBuilder().setName(prompt).setVersion(1 + random.nextInt(3)).build())
                        .build());
            }
            spans.add(AgentSpans.span(traceId, "tool", "step", "execute_tool", begin, begin.plusMillis(3))
                    .setAttribution(who).build());
            spans.add(AgentSpans.span(traceId, "step", null, "invoke_agent", begin, begin.plusMillis(4))
                    .setAttribution(who).build());
            traces.add(spans);
        }
        return traces;
    }

    /** The cost of every call, computed here from the catalogue's prices, not by the engine under test. */
    private static BigDecimal groundTruth(List<List<SpanEvent>> traces) {
        BigDecimal total = BigDecimal.ZERO;
        for (List<SpanEvent> trace : traces) {
            for (SpanEvent span : trace) {
                if ("chat".equals(span.getOperation())) {
                    Price price = PRICES.stream().filter(p -> p.model().equals(span.getRequestModel())).findFirst().orElseThrow();
                    total = total.add(price.of(span.getUsage().getInputTokens(), span.getUsage().getOutputTokens()));
                }
            }
        }
        return total;
    }

    private static void send(KafkaProducer<String, SpanEvent> producer, List<SpanEvent> trace) {
        trace.forEach(span -> producer.send(new ProducerRecord<>(Topics.SPANS.name(), span.getTraceId(), span)));
    }

    private String user(int index) {
        return "u-" + run + "-" + index;
    }

    private String costByTenant() {
        return "/api/cost?by=tenant&window=1h&from=" + start.minus(Duration.ofHours(1)) + "&to=" + start.plus(Duration.ofHours(1));
    }

    /** Assembled traces the instance holds itself, summed over the users; 0 while it cannot say. */
    private long localTraces(ApiClient api) throws Exception {
        long held = 0;
        for (int u = 0; u < USERS; u++) {
            HttpResponse<String> response = api.get("/api/traces?user=" + user(u) + "&from=" + start.minusSeconds(60)
                    + "&limit=1000&scope=local");
            if (response.statusCode() != 200) {
                return 0;
            }
            held += JsonSerde.MAPPER.readTree(response.body()).size();
        }
        return held;
    }

    /** The same total three ways: cost attribution, trace assembly and prompt version analytics. */
    private void assertTotalsEqualTruth(ApiClient api, BigDecimal truth) throws Exception {
        BigDecimal attributed = BigDecimal.ZERO;
        long calls = 0;
        for (JsonNode row : json(api, costByTenant())) {
            if (row.get("key").asText().equals(tenant)) {
                attributed = attributed.add(new BigDecimal(row.get("costUsd").asText()));
                calls += row.get("calls").asLong();
            }
        }
        assertThat(calls).as("calls attributed to the tenant").isEqualTo((long) TRACES * CALLS_PER_TRACE);
        assertThat(attributed).as("cost attributed to the tenant").isEqualByComparingTo(truth);

        BigDecimal traced = BigDecimal.ZERO;
        long spans = 0;
        for (int u = 0; u < USERS; u++) {
            for (JsonNode trace : json(api, "/api/traces?user=" + user(u) + "&from=" + start.minusSeconds(60) + "&limit=1000")) {
                traced = traced.add(new BigDecimal(trace.get("costUsd").asText()));
                spans += trace.get("spanCount").asLong();
            }
        }
        assertThat(spans).as("spans in assembled traces").isEqualTo((long) TRACES * SPANS_PER_TRACE);
        assertThat(traced).as("cost of the assembled traces").isEqualByComparingTo(truth);

        BigDecimal byVersion = BigDecimal.ZERO;
        long promptCalls = 0;
        for (JsonNode version : json(api, "/api/prompts/" + prompt + "/versions")) {
            byVersion = byVersion.add(new BigDecimal(version.get("costUsd").asText()));
            promptCalls += version.get("calls").asLong();
        }
        assertThat(promptCalls).as("calls per prompt version").isEqualTo((long) TRACES * CALLS_PER_TRACE);
        assertThat(byVersion).as("cost per prompt version").isEqualByComparingTo(truth);
    }

    private static JsonNode json(ApiClient api, String pathAndQuery) throws Exception {
        HttpResponse<String> response = api.get(pathAndQuery);
        assertThat(response.statusCode()).as("GET %s on port %d: %s", pathAndQuery, api.port(), response.body()).isEqualTo(200);
        return JsonSerde.MAPPER.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
