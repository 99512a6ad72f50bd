package io.llmwatch.agent.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.agent.CapturedExport;
import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.LlmWatchBuilder;
import io.llmwatch.schemas.span.SpanEvent;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;

import static io.llmwatch.agent.otlp.OtlpRequests.request;
import static io.llmwatch.agent.otlp.OtlpRequests.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpSidecarTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final Map<String, String> RESOURCE = Map.of("service.name", "py-helpdesk");
    private static final Map<String, Object> CHAT = Map.of("gen_ai.operation.name", "chat",
            "gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o",
            "gen_ai.usage.input_tokens", 1200, "gen_ai.usage.output_tokens", 300);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> started = new ArrayList<>();
    private CapturedExport kafka = new CapturedExport();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aProtobufExportIsRecordedAndAnsweredWithAnEmptyResponse() throws Exception {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));

        HttpResponse<byte[]> response = post(sidecar, PROTOBUF, null,
                request(RESOURCE, span("chat gpt-4o", CHAT).build()).toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(PROTOBUF);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        assertThat(watch.flush(TIMEOUT)).isTrue();
        SpanEvent span = kafka.spans().get(0);
        assertThat(span.getTraceId()).isEqualTo(OtlpRequests.TRACE_ID);
        assertThat(span.getSpanId()).isEqualTo(OtlpRequests.SPAN_ID);
        assertThat(span.getRequestModel()).isEqualTo("gpt-4o");
        assertThat(span.getUsage().getInputTokens()).isEqualTo(1200);
        assertThat(span.getAttribution().getService()).isEqualTo("py-helpdesk");
        assertThat(span.getSource()).isEqualTo(OtlpSidecar.SOURCE);
    }

    @Test
    void aJsonExportWithHexIdsAndIntegerEnumsIsRecordedAndAnsweredInJson() throws Exception {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));
        String body = """
                {"resourceSpans": [{
                  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "node-agent"}}]},
                  "scopeSpans": [{"scope": {"name": "@opentelemetry/instrumentation-openai"}, "spans": [{
                    "traceId": "%s", "spanId": "%s", "parentSpanId": "", "name": "chat gpt-4o-mini", "kind": 3,
                    "startTimeUnixNano": "1762430400000000000", "endTimeUnixNano": 1762430400500000000,
                    "attributes": [
                      {"key": "gen_ai.provider.name", "value": {"stringValue": "openai"}},
                      {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "42"}},
                      {"key": "gen_ai.usage.output_tokens", "value": {"intValue": 7}},
                      {"key": "gen_ai.request.temperature", "value": {"doubleValue": 0.5}}],
                    "status": {"code": 1}, "someFutureField": true}]}]}]}
                """.formatted(OtlpRequests.TRACE_ID, OtlpRequests.SPAN_ID);

        HttpResponse<byte[]> response = post(sidecar, JSON + "; charset=utf-8", null, body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(JSON);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(watch.flush(TIMEOUT)).isTrue();
        SpanEvent span = kafka.spans().get(0);
        assertThat(span.getTraceId()).isEqualTo(OtlpRequests.TRACE_ID);
        assertThat(span.getParentSpanId()).isNull();
        assertThat(span.getUsage().getInputTokens()).isEqualTo(42);
        assertThat(span.getRequest().getTemperature()).isEqualTo(0.5);
        assertThat(span.getEndTimeUnixNano() - span.getStartTimeUnixNano()).isEqualTo(500_000_000L);
        assertThat(span.getAttribution().getService()).isEqualTo("node-agent");
    }

    @Test
    void gzipBodiesAreAcceptedInBothEncodings() throws Exception {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));
        String json = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"%s\", \"spanId\": \"%s\","
                .formatted(OtlpRequests.TRACE_ID, "1111111111111111")
                + " \"name\": \"chat\", \"attributes\": [{\"key\": \"gen_ai.system\", \"value\": {\"stringValue\": \"openai\"}}]}]}]}]}";

        HttpResponse<byte[]> protobuf = post(sidecar, PROTOBUF, "gzip", gzip(request(RESOURCE, span("chat", CHAT).build()).toByteArray()));
        HttpResponse<byte[]> jsonResponse = post(sidecar, JSON, "gzip", gzip(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(protobuf.statusCode()).isEqualTo(200);
        assertThat(jsonResponse.statusCode()).isEqualTo(200);
        assertThat(watch.flush(TIMEOUT)).isTrue();
        assertThat(kafka.spans()).hasSize(2);
    }

    @Test
    void spansDescribingNoGenAiWorkAreCountedButNotRecorded() throws Exception {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));
        Span http = span("GET /orders", Map.of("http.request.method", "GET")).setSpanId(OtlpRequests.bytes("2222222222222222")).build();

        HttpResponse<byte[]> response = post(sidecar, PROTOBUF, null, request(RESOURCE, http, span("chat", CHAT).build()).toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        assertThat(sidecar.counters()).isEqualTo(new SidecarCounters(1, 0, 0, 2, 1, 0, 1));
        assertThat(watch.counters().offered()).isEqualTo(1);
    }

    @Test
    void spansTheAgentRejectsAreReportedAsPartialSuccess() throws Exception {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));
        Span endsBeforeItStarts = span("chat", CHAT).setSpanId(OtlpRequests.bytes("3333333333333333"))
                .setEndTimeUnixNano(OtlpRequests.START_NANOS - 1).build();

        HttpResponse<byte[]> response = post(sidecar, PROTOBUF, null,
                request(RESOURCE, span("chat", CHAT).build(), endsBeforeItStarts).toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("1 of 2", "invalid=1");
        assertThat(sidecar.counters().spansRejected()).isEqualTo(1);
        assertThat(sidecar.counters().spansRecorded()).isEqualTo(1);
    }

    @Test
    void partialSuccessIsAnsweredInJsonToAJsonRequest() throws Exception {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));
        String body = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"%s\", \"spanId\": \"%s\","
                .formatted(OtlpRequests.TRACE_ID, OtlpRequests.SPAN_ID)
                + " \"name\": \"chat\", \"startTimeUnixNano\": \"2\", \"endTimeUnixNano\": \"1\","
                + " \"attributes\": [{\"key\": \"gen_ai.system\", \"value\": {\"stringValue\": \"openai\"}}]}]}]}]}";

        HttpResponse<byte[]> response = post(sidecar, JSON, null, body.getBytes(StandardCharsets.UTF_8));

        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertThat(answer.at("/partialSuccess/rejectedSpans").asLong()).isEqualTo(1);
        assertThat(answer.at("/partialSuccess/errorMessage").asText()).contains("invalid=1");
    }

    @Test
    void malformedPayloadsAreAnswered400WithAStatusInTheRequestsEncoding() throws Exception {
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(agent(kafka.builder())));

        HttpResponse<byte[]> protobuf = post(sidecar, PROTOBUF, null, new byte[] {0x0a, (byte) 0xff, 0x01});
        HttpResponse<byte[]> json = post(sidecar, JSON, null, "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> badId = post(sidecar, JSON, null,
                "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"not-hex\"}]}]}]}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> notGzip = post(sidecar, PROTOBUF, "gzip", new byte[] {1, 2, 3});

        assertThat(protobuf.statusCode()).isEqualTo(400);
        assertThat(RpcStatusReader.read(protobuf.body())).startsWith("3: Not a protobuf ExportTraceServiceRequest");
        assertThat(json.statusCode()).isEqualTo(400);
        JsonNode status = new ObjectMapper().readTree(json.body());
        assertThat(status.path("code").asInt()).isEqualTo(3);
        assertThat(status.path("message").asText()).startsWith("The body is not JSON");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(new String(badId.body(), StandardCharsets.UTF_8)).contains("traceId 'not-hex' is not a hex string");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(sidecar.counters().refusedRequests()).isEqualTo(4);
    }

    @Test
    void unsupportedContentTypesAndEncodingsAreAnswered415() throws Exception {
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(agent(kafka.builder())));
        byte[] body = request(RESOURCE, span("chat", CHAT).build()).toByteArray();

        assertThat(post(sidecar, "text/plain", null, body).statusCode()).isEqualTo(415);
        assertThat(post(sidecar, PROTOBUF, "br", body).statusCode()).isEqualTo(415);
    }

    @Test
    void otherMethodsAndPathsAreRefused() throws Exception {
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(agent(kafka.builder())));

        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(sidecar.tracesUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> metrics = http.send(HttpRequest.newBuilder(URI.create(sidecar.tracesUrl().replace("traces", "metrics")))
                .header("Content-Type", PROTOBUF).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(metrics.statusCode()).isEqualTo(404);
    }

    @Test
    void bodiesOverTheLimitAreAnswered413EvenWhenTheyOnlyGrowWhenUnzipped() throws Exception {
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(agent(kafka.builder())).maxBodyBytes(1024));
        byte[] large = request(RESOURCE, span("chat", Map.of("gen_ai.system", "x".repeat(4096))).build()).toByteArray();

        assertThat(post(sidecar, PROTOBUF, null, large).statusCode()).isEqualTo(413);
        assertThat(post(sidecar, PROTOBUF, "gzip", gzip(large)).statusCode()).isEqualTo(413);
    }

    @Test
    void aRequestTheQueueHasNoRoomForIsAnswered429WithRetryAfterAndNothingOfItIsRecorded() throws Exception {
        CountDownLatch brokerReachable = new CountDownLatch(1);
        kafka = new CapturedExport(new UnreachableBrokerProducer(brokerReachable));
        LlmWatch watch = agent(kafka.builder().queueCapacity(3));
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch).retryAfter(Duration.ofSeconds(3)));
        List<Span> spans = chatSpans(4);

        HttpResponse<byte[]> fits = post(sidecar, PROTOBUF, null, request(RESOURCE, spans.get(0), spans.get(1)).toByteArray());
        HttpResponse<byte[]> noRoom = post(sidecar, PROTOBUF, null, request(RESOURCE, spans.get(2), spans.get(3)).toByteArray());
        HttpResponse<byte[]> fillsTheQueue = post(sidecar, PROTOBUF, null, request(RESOURCE, spans.get(2)).toByteArray());
        HttpResponse<byte[]> full = post(sidecar, PROTOBUF, null, request(RESOURCE, spans.get(3)).toByteArray());

        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(noRoom.statusCode()).isEqualTo(429);
        assertThat(noRoom.headers().firstValue("Retry-After")).contains("3");
        assertThat(RpcStatusReader.read(noRoom.body())).startsWith("8: The llmwatch agent's queue is full");
        assertThat(fillsTheQueue.statusCode()).isEqualTo(200);
        assertThat(full.statusCode()).isEqualTo(429);
        assertThat(watch.counters().offered()).as("nothing of a throttled request reached the agent").isEqualTo(3);
        assertThat(sidecar.counters().throttledRequests()).isEqualTo(2);

        brokerReachable.countDown();
        assertThat(watch.flush(TIMEOUT)).isTrue();
        assertThat(post(sidecar, PROTOBUF, null, request(RESOURCE, spans.get(3)).toByteArray()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestLargerThanTheWholeQueueIsTakenWhenTheQueueIsEmptyAndTheOverflowReportedAsRejected() throws Exception {
        CountDownLatch brokerReachable = new CountDownLatch(1);
        kafka = new CapturedExport(new UnreachableBrokerProducer(brokerReachable));
        LlmWatch watch = agent(kafka.builder().queueCapacity(2));
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));

        HttpResponse<byte[]> response = post(sidecar, PROTOBUF, null,
                request(RESOURCE, chatSpans(3).toArray(Span[]::new)).toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess().getErrorMessage())
                .isEqualTo("1 of 3 GenAI spans rejected by the llmwatch agent: queue_full=1");
        brokerReachable.countDown();
    }

    @Test
    void aClosedAgentIsAnswered503WithRetryAfter() throws Exception {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar sidecar = sidecar(OtlpSidecar.builder(watch));
        watch.close(TIMEOUT);

        HttpResponse<byte[]> response = post(sidecar, PROTOBUF, null, request(RESOURCE, span("chat", CHAT).build()).toByteArray());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        LlmWatch watch = agent(kafka.builder());
        OtlpSidecar.Builder builder = OtlpSidecar.builder(watch);

        assertThatThrownBy(() -> builder.port(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.host(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.handlerThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Span> chatSpans(int count) {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            spans.add(span("chat", CHAT).setSpanId(OtlpRequests.bytes("444444444444444" + i)).build());
        }
        return spans;
    }

    private LlmWatch agent(LlmWatchBuilder builder) {
        LlmWatch watch = builder.source(OtlpSidecar.SOURCE).build();
        started.add(() -> watch.close(Duration.ZERO));
        return watch;
    }

    private OtlpSidecar sidecar(OtlpSidecar.Builder builder) {
        OtlpSidecar sidecar = builder.port(0).start();
        started.add(sidecar);
        return sidecar;
    }

    private HttpResponse<byte[]> post(OtlpSidecar sidecar, String contentType, String contentEncoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sidecar.tracesUrl()))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zipped = new GZIPOutputStream(out)) {
            zipped.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A producer stuck fetching metadata, as when the broker is unreachable: the agent's worker never drains its queue. */
    private static final class UnreachableBrokerProducer extends MockProducer<String, byte[]> {

        private final CountDownLatch reachable;

        UnreachableBrokerProducer(CountDownLatch reachable) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.reachable = reachable;
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            try {
                reachable.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.partitionsFor(topic);
        }
    }
}
