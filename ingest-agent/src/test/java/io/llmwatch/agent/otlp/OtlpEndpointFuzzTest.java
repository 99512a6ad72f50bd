package io.llmwatch.agent.otlp;

import io.llmwatch.agent.CapturedExport;
import io.llmwatch.agent.LlmWatch;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.llmwatch.agent.otlp.OtlpRequests.request;
import static io.llmwatch.agent.otlp.OtlpRequests.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP/HTTP endpoint on hostile bodies, protobuf and JSON, plain and gzip: every answer is a 200
 * (with partial success naming what was rejected) or a 4xx with a {@code google.rpc.Status} saying why;
 * never a 5xx, never a dead handler thread, and the valid spans of a request are recorded regardless of
 * the invalid ones next to them.
 */
class OtlpEndpointFuzzTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Map<String, String> RESOURCE = Map.of("service.name", "fuzz");
    private static final Map<String, Object> CHAT = Map.of("gen_ai.operation.name", "chat",
            "gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o",
            "gen_ai.usage.input_tokens", 1200, "gen_ai.usage.output_tokens", 300);
    private static final byte[] VALID = request(RESOURCE, span("chat gpt-4o", CHAT).build()).toByteArray();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CapturedExport kafka;
    private static LlmWatch watch;
    private static OtlpSidecar sidecar;
    private static SpanIngest ingest;

    @BeforeContainer
    static void start() {
        kafka = new CapturedExport();
        watch = kafka.builder().source(OtlpSidecar.SOURCE).build();
        sidecar = OtlpSidecar.builder(watch).port(0).handlerThreads(2).maxBodyBytes(MAX_BODY_BYTES).start();
        ingest = new SpanIngest(watch, new SidecarCounting());
    }

    /** After every hostile request above, the same handler threads still serve a valid one. */
    @AfterContainer
    static void stillServesThenStop() {
        assertThat(post(PROTOBUF, null, VALID).statusCode()).isEqualTo(200);
        sidecar.close();
        watch.close(Duration.ZERO);
    }

    private static HttpResponse<byte[]> post(String contentType, String contentEncoding, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sidecar.tracesUrl()))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** 200, or a client error whose body is a status with a message in the request's encoding. */
    private static void answeredWithoutAServerError(HttpResponse<byte[]> response, String contentType) throws IOException {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isIn(200, 400, 413);
        assertThat(response.headers().firstValue("Content-Type")).contains(contentType);
        if (response.statusCode() != 200) {
            String message = contentType.equals(PROTOBUF)
                    ? RpcStatusReader.read(response.body()) : new String(response.body(), StandardCharsets.UTF_8);
            assertThat(message).containsPattern("[A-Za-z]{4,}");
        }
    }

    /**
     * What the endpoint does with a body, without HTTP in between (so thousands of tries stay cheap): it is
     * read and decoded and its spans ingested, or it is refused with a reason; nothing else escapes.
     */
    private static void ingestedOrRefused(OtlpEncoding encoding, String contentEncoding, byte[] body) throws IOException {
        try {
            IngestOutcome outcome = ingest.ingest(encoding.decode(RequestBody.read(
                    new java.io.ByteArrayInputStream(body), contentEncoding, MAX_BODY_BYTES)));
            assertThat(outcome).isNotNull();
        } catch (RefusedRequest refused) {
            assertThat(refused.getMessage()).containsPattern("[A-Za-z]{4,}");
        }
    }

    @Property(tries = 2_000)
    void arbitraryProtobufBodies(@ForAll @Size(max = 2_048) byte[] body) throws IOException {
        ingestedOrRefused(OtlpEncoding.PROTOBUF, null, body);
    }

    @Property(tries = 2_000)
    void truncatedAndMutatedProtobufRequests(@ForAll @IntRange(min = 0, max = 4_096) int keep,
                                             @ForAll @IntRange(min = 0, max = 4_096) int position, @ForAll byte value)
            throws IOException {
        byte[] body = Arrays.copyOf(VALID, Math.min(keep, VALID.length));
        if (body.length > 0) {
            body[position % body.length] = value;
        }
        ingestedOrRefused(OtlpEncoding.PROTOBUF, null, body);
    }

    @Property(tries = 2_000)
    void arbitraryJsonBodies(@ForAll("jsonish") String body) throws IOException {
        ingestedOrRefused(OtlpEncoding.JSON, null, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Through HTTP: the same hostile bodies of every kind get a 200 or a 4xx with a status, never a 5xx. */
    @Property(tries = 120)
    void overHttpEveryAnswerIsA200OrAClientErrorWithAReason(@ForAll("jsonish") String json,
                                                            @ForAll @Size(max = 512) byte[] bytes, @ForAll boolean asJson,
                                                            @ForAll boolean zipped) throws IOException {
        byte[] body = asJson ? json.getBytes(StandardCharsets.UTF_8) : bytes;
        String contentType = asJson ? JSON : PROTOBUF;
        answeredWithoutAServerError(post(contentType, zipped ? "gzip" : null, zipped ? gzip(body) : body), contentType);
    }

    /** Text made of JSON's own punctuation and OTLP's keys, so the parser gets deep before it fails. */
    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"resourceSpans\"", "\"scopeSpans\"",
                "\"spans\"", "\"traceId\"", "\"attributes\"", "\"key\"", "\"value\"", "\"intValue\"", "\"stringValue\"",
                "\"" + OtlpRequests.TRACE_ID + "\"", "\"zz\"", "-1", "1e999", "NaN", "null", "true", "\"\\u0000\"",
                "18446744073709551616");
        return token.list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }

    @Property(tries = 1_000)
    void arbitraryAndTruncatedGzipBodies(@ForAll @Size(max = 1_024) byte[] body, @ForAll boolean validHeader) throws IOException {
        byte[] sent = body;
        if (validHeader) {
            byte[] zipped = gzip(body);
            sent = Arrays.copyOf(zipped, Math.max(10, zipped.length / 2));
        }
        ingestedOrRefused(OtlpEncoding.PROTOBUF, "gzip", sent);
    }

    @Example
    void aGzipBombIsRefusedAfterTheLimitNotAfterInflatingIt() throws IOException {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(MAX_BODY_BYTES);

        HttpResponse<byte[]> response = post(PROTOBUF, "gzip", bomb);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RpcStatusReader.read(response.body())).contains("exceeds " + MAX_BODY_BYTES + " bytes");
    }

    @Example
    void deeplyNestedJsonIsABadRequest() throws IOException {
        String nested = "{\"resourceSpans\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";

        HttpResponse<byte[]> response = post(JSON, null, nested.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("nesting depth");
    }

    @Example
    void validSpansOfARequestAreRecordedWhatsoeverTheInvalidOnesBesideThem() throws IOException {
        Map<String, Object> negativeTokens = new LinkedHashMap<>(CHAT);
        negativeTokens.put("gen_ai.usage.input_tokens", -5);
        Span valid = span("chat gpt-4o", CHAT).setSpanId(OtlpRequests.bytes("1234567812345678")).build();
        Span invalid = span("chat gpt-4o", negativeTokens).setSpanId(OtlpRequests.bytes("8765432187654321")).build();
        long before = watch.counters().accepted();

        HttpResponse<byte[]> response = post(PROTOBUF, null, request(RESOURCE, invalid, valid, invalid).toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("invalid=2");
        assertThat(watch.counters().accepted()).isEqualTo(before + 1);
        assertThat(watch.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(kafka.spans()).anyMatch(span -> span.getSpanId().equals("1234567812345678"));
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
}
