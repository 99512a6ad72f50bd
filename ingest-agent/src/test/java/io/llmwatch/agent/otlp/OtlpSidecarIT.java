package io.llmwatch.agent.otlp;

import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.TopicReader;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real OpenTelemetry Java SDK exports to the sidecar, and the GenAI spans arrive on llmwatch.spans.v1. */
@ExtendWith(EmbeddedKafkaExtension.class)
class OtlpSidecarIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private LlmWatch watch;
    private OtlpSidecar sidecar;

    @BeforeAll
    static void createTopics(EmbeddedKafkaBroker kafka) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 3, (short) 1);
        }
    }

    @BeforeEach
    void startSidecar(EmbeddedKafkaBroker kafka) {
        watch = LlmWatch.builder().bootstrapServers(kafka.bootstrapServers()).serviceName("otlp-sidecar")
                .source(OtlpSidecar.SOURCE).shutdownHook(false).build();
        sidecar = OtlpSidecar.builder(watch).port(0).start();
    }

    @AfterEach
    void stopSidecar() {
        sidecar.close();
        watch.close(TIMEOUT);
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(strings = {"none", "gzip"})
    void anAgentWorkflowExportedOverProtobufArrivesAsOneTraceOfSpanEvents(String compression, EmbeddedKafkaBroker kafka) {
        String service = "it-otel-protobuf-" + compression;
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(sidecar.tracesUrl()).setCompression(compression).build();
        SdkTracerProvider tracing = tracerProvider(service, BatchSpanProcessor.builder(exporter).build());

        SpanIds ids = runAgentWorkflow(tracing.get("io.llmwatch.it"));
        assertThat(tracing.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("the exporter's export succeeded").isTrue();
        tracing.shutdown().join(10, TimeUnit.SECONDS);

        assertWorkflowArrived(kafka, service, ids);
        assertThat(sidecar.counters().spansIgnored()).as("the HTTP span").isEqualTo(1);
        assertThat(sidecar.counters().spansRecorded()).isEqualTo(2);
    }

    @Test
    void anAgentWorkflowExportedAsOtlpJsonArrivesAsOneTraceOfSpanEvents(EmbeddedKafkaBroker kafka) throws Exception {
        String service = "it-otel-json";
        CollectingExporter collected = new CollectingExporter();
        SdkTracerProvider tracing = tracerProvider(service, SimpleSpanProcessor.create(collected));
        SpanIds ids = runAgentWorkflow(tracing.get("io.llmwatch.it"));
        tracing.shutdown().join(10, TimeUnit.SECONDS);
        // The SDK's own OTLP/JSON encoding: the one its JSON exporters write.
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(collected.spans).writeJsonTo(json);

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sidecar.tracesUrl())).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertWorkflowArrived(kafka, service, ids);
    }

    private static SdkTracerProvider tracerProvider(String service, SpanProcessor processor) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, service,
                        AttributeKey.stringKey("deployment.environment.name"), "it"))))
                .addSpanProcessor(processor)
                .build();
    }

    /** An agent run that calls a model, plus an HTTP span that is not GenAI, as an instrumented app produces them. */
    private static SpanIds runAgentWorkflow(Tracer tracer) {
        Span agent = tracer.spanBuilder("invoke_agent support").setSpanKind(SpanKind.INTERNAL)
                .setAttribute("gen_ai.operation.name", "invoke_agent")
                .setAttribute("gen_ai.agent.name", "support")
                .setAttribute("gen_ai.conversation.id", "conv-42")
                .startSpan();
        Context inAgent = Context.root().with(agent);
        Span chat = tracer.spanBuilder("chat claude-sonnet-4-5").setParent(inAgent).setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "anthropic")
                .setAttribute("gen_ai.request.model", "claude-sonnet-4-5")
                .setAttribute("gen_ai.response.model", "claude-sonnet-4-5-20250929")
                .setAttribute("gen_ai.request.temperature", 0.3)
                .setAttribute("gen_ai.usage.input_tokens", 1114L)
                .setAttribute("gen_ai.usage.cache_read.input_tokens", 1111L)
                .setAttribute("gen_ai.usage.output_tokens", 406L)
                .setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("end_turn"))
                .setAttribute("user.id", "u-17")
                .startSpan();
        chat.end();
        tracer.spanBuilder("GET /orders").setParent(inAgent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "GET").startSpan().end();
        agent.end();
        return new SpanIds(agent.getSpanContext().getTraceId(), agent.getSpanContext().getSpanId(),
                chat.getSpanContext().getSpanId());
    }

    private void assertWorkflowArrived(EmbeddedKafkaBroker kafka, String service, SpanIds ids) {
        assertThat(watch.flush(TIMEOUT)).isTrue();
        List<SpanEvent> spans;
        try (TopicReader<SpanEvent> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.SPANS)) {
            spans = reader.awaitRecords(record -> service.equals(record.value().getAttribution().getService()), 2)
                    .stream().map(ConsumerRecord::value).toList();
        }
        assertThat(spans).hasSize(2).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(ids.traceId());
            assertThat(span.getSource()).isEqualTo(OtlpSidecar.SOURCE);
            assertThat(span.getAttribution().getEnvironment()).isEqualTo("it");
        });
        SpanEvent agent = spans.stream().filter(span -> span.getSpanId().equals(ids.agentSpanId())).findFirst().orElseThrow();
        assertThat(agent.getOperation()).isEqualTo("invoke_agent");
        assertThat(agent.getAgentName()).isEqualTo("support");
        assertThat(agent.getAttribution().getSession()).isEqualTo("conv-42");
        SpanEvent chat = spans.stream().filter(span -> span.getSpanId().equals(ids.chatSpanId())).findFirst().orElseThrow();
        assertThat(chat.getParentSpanId()).isEqualTo(ids.agentSpanId());
        assertThat(chat.getOperation()).isEqualTo("chat");
        assertThat(chat.getProvider()).isEqualTo("anthropic");
        assertThat(chat.getResponseModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(chat.getRequest().getTemperature()).isEqualTo(0.3);
        assertThat(chat.getUsage().getInputTokens()).isEqualTo(1114);
        assertThat(chat.getUsage().getCacheReadTokens()).isEqualTo(1111);
        assertThat(chat.getUsage().getOutputTokens()).isEqualTo(406);
        assertThat(chat.getFinishReasons()).containsExactly("end_turn");
        assertThat(chat.getAttribution().getUser()).isEqualTo("u-17");
        assertThat(chat.getEndTimeUnixNano()).isGreaterThanOrEqualTo(chat.getStartTimeUnixNano());
    }

    private record SpanIds(String traceId, String agentSpanId, String chatSpanId) {
    }

    /** Keeps what the SDK exports, to encode it as OTLP/JSON. */
    private static final class CollectingExporter implements SpanExporter {

        private final Collection<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
