package io.llmwatch.agent;

import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.agent.export.DropReason;
import io.llmwatch.agent.prompt.PromptRegistry;
import io.llmwatch.agent.prompt.PromptVersion;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class LlmWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant START = Instant.parse("2025-11-06T12:00:00.123456789Z");

    private final CapturedExport kafka = new CapturedExport();
    private final List<LlmWatch> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(client -> client.close(Duration.ZERO));
    }

    @Test
    void aRecordedCallArrivesAsASpanEventWithTheClientDefaultsFilledIn() {
        LlmWatch watch = start(kafka.builder().serviceName("helpdesk").environment("production").release("2.4.1")
                .defaultAttribution(Attribution.builder().tenant("default-tenant").tag("region", "eu").build()));
        PromptVersion prompt = new PromptRegistry().register("support-answer", "You are a helpful agent.\n{{question}}");
        LlmCall call = LlmCall.builder()
                .provider("openai").requestModel("gpt-4o").responseModel("gpt-4o-2024-08-06").responseId("chatcmpl-1")
                .startTime(START).duration(Duration.ofMillis(850)).timeToFirstToken(Duration.ofMillis(210))
                .usage(TokenUsage.builder().inputTokens(1200).cacheReadTokens(1000).outputTokens(300).reasoningTokens(40)
                        .inputAudioTokens(150).cacheAudioReadTokens(100).outputAudioTokens(60).inputImageTokens(50)
                        .outputImageTokens(20).build())
                .requestParams(RequestParams.builder().temperature(0.2).maxTokens(512).build())
                .finishReasons("stop")
                .attribution(Attribution.builder().tenant("acme").user("u-7").feature("support-chat").tag("plan", "pro").build())
                .prompt(prompt)
                .score("helpfulness", 0.9)
                .clientCostUsd(new BigDecimal("0.00431"))
                .build();

        assertThat(watch.record(call)).isTrue();
        assertThat(watch.flush(TIMEOUT)).isTrue();

        ProducerRecord<String, byte[]> sent = kafka.producer().history().stream()
                .filter(record -> record.topic().equals(Topics.SPANS.name())).findFirst().orElseThrow();
        assertThat(sent.key()).isEqualTo(call.traceId());
        SpanEvent span = kafka.spans().get(0);
        assertThat(span.getTraceId()).isEqualTo(call.traceId());
        assertThat(span.getSpanId()).isEqualTo(call.spanId());
        assertThat(span.getParentSpanId()).isNull();
        assertThat(span.getName()).isEqualTo("chat gpt-4o");
        assertThat(span.getOperation()).isEqualTo("chat");
        assertThat(span.getProvider()).isEqualTo("openai");
        assertThat(span.getResponseModel()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1_762_430_400_123_456_789L);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1_762_430_400_973_456_789L);
        assertThat(span.getTimeToFirstTokenNanos()).isEqualTo(210_000_000L);
        assertThat(span.getUsage().getInputTokens()).isEqualTo(1200);
        assertThat(span.getUsage().getCacheReadTokens()).isEqualTo(1000);
        assertThat(span.getUsage().getReasoningTokens()).isEqualTo(40);
        assertThat(span.getUsage().getInputAudioTokens()).isEqualTo(150);
        assertThat(span.getUsage().getCacheAudioReadTokens()).isEqualTo(100);
        assertThat(span.getUsage().getOutputAudioTokens()).isEqualTo(60);
        assertThat(span.getUsage().getInputImageTokens()).isEqualTo(50);
        assertThat(span.getUsage().getOutputImageTokens()).isEqualTo(20);
        assertThat(span.getRequest().getTemperature()).isEqualTo(0.2);
        assertThat(span.getRequest().getMaxTokens()).isEqualTo(512L);
        assertThat(span.getFinishReasons()).containsExactly("stop");
        assertThat(span.getAttribution().getTenant()).as("the call's own tenant wins").isEqualTo("acme");
        assertThat(span.getAttribution().getEnvironment()).isEqualTo("production");
        assertThat(span.getAttribution().getRelease()).isEqualTo("2.4.1");
        assertThat(span.getAttribution().getService()).isEqualTo("helpdesk");
        assertThat(span.getAttribution().getTags()).containsEntry("plan", "pro").containsEntry("region", "eu");
        assertThat(span.getPrompt().getName()).isEqualTo("support-answer");
        assertThat(span.getPrompt().getVersion()).isEqualTo(1);
        assertThat(span.getPrompt().getTemplateSha256()).isEqualTo(prompt.templateSha256());
        assertThat(span.getScores()).singleElement().satisfies(score -> assertThat(score.getValue()).isEqualTo(0.9));
        assertThat(span.getClientCostUsd()).isEqualTo("0.00431");
        assertThat(span.getSource()).isEqualTo(LlmWatchBuilder.DEFAULT_SOURCE);
    }

    @Test
    void promptAndResponseLeaveTheProcessOnlyAsHashesAndLengthsByDefault() {
        LlmWatch watch = start(kafka.builder());

        watch.record(LlmCall.builder().requestModel("gpt-4o").promptText("my card is 4111 1111").responseText("noted").build());
        watch.flush(TIMEOUT);

        SpanEvent span = kafka.spans().get(0);
        assertThat(span.getContent().getPromptText()).isNull();
        assertThat(span.getContent().getResponseText()).isNull();
        assertThat(span.getContent().getPromptSha256()).hasSize(64);
        assertThat(span.getContent().getPromptLength()).isEqualTo(20);
        assertThat(span.getContent().getResponseLength()).isEqualTo(5);
    }

    @Test
    void capturedContentIncludesTheTextRedactedWhenTheApplicationOptsIn() {
        LlmWatch watch = start(kafka.builder().captureContent(true).redactPattern("order_id", "ORD-\\d{8}"));

        watch.record(LlmCall.builder().requestModel("gpt-4o")
                .promptText("I am jane@example.com, where is ORD-20251106?").responseText("hi there").build());
        watch.flush(TIMEOUT);

        SpanEvent span = kafka.spans().get(0);
        assertThat(span.getContent().getPromptText()).isEqualTo("I am [redacted:email], where is [redacted:order_id]?");
        assertThat(span.getContent().getResponseText()).isEqualTo("hi there");
    }

    @Test
    void theSpansOfAnAgentWorkflowFormOneTree() {
        LlmWatch watch = start(kafka.builder());
        Attribution acme = Attribution.builder().tenant("acme").feature("agent-workflow").build();
        String rootSpanId;
        try (TraceSpan agent = watch.startSpan(Operation.INVOKE_AGENT, "invoke_agent triage", acme)) {
            rootSpanId = agent.spanId();
            agent.agentName("triage");
            agent.record(LlmCall.builder().provider("openai").requestModel("gpt-4o").usage(TokenUsage.of(900, 120))
                    .finishReasons("tool_calls").build());
            try (TraceSpan retrieval = agent.startChild(Operation.RETRIEVAL, "retrieval kb-articles")) {
                retrieval.score("relevance", 0.7);
            }
            try (TraceSpan tool = agent.startChild(Operation.EXECUTE_TOOL, "execute_tool search_orders",
                    Attribution.builder().tag("tool.kind", "database").build())) {
                tool.toolName("search_orders");
            }
        }
        watch.flush(TIMEOUT);

        List<SpanEvent> spans = kafka.spans();
        assertThat(spans).extracting(SpanEvent::getOperation)
                .containsExactly("chat", "retrieval", "execute_tool", "invoke_agent");
        assertThat(spans).extracting(SpanEvent::getTraceId).containsOnly(spans.get(3).getTraceId());
        SpanEvent root = spans.get(3);
        assertThat(root.getSpanId()).isEqualTo(rootSpanId);
        assertThat(root.getParentSpanId()).isNull();
        assertThat(root.getAgentName()).isEqualTo("triage");
        assertThat(spans.subList(0, 3)).extracting(SpanEvent::getParentSpanId).containsOnly(rootSpanId);
        assertThat(spans).extracting(span -> span.getAttribution().getTenant()).containsOnly("acme");
        assertThat(spans.get(2).getToolName()).isEqualTo("search_orders");
        assertThat(spans.get(2).getAttribution().getTags()).containsEntry("tool.kind", "database");
        assertThat(root.getEndTimeUnixNano()).isGreaterThanOrEqualTo(spans.get(2).getEndTimeUnixNano());
    }

    @Test
    void feedbackIsSentToTheFeedbackTopicKeyedByTraceId() {
        LlmWatch watch = start(kafka.builder().defaultAttribution(Attribution.builder().tenant("acme").build()));
        LlmCall call = LlmCall.builder().requestModel("gpt-4o").build();

        assertThat(watch.feedback(call.traceId(), "thumbs", 1.0, "spot on")).isTrue();
        watch.flush(TIMEOUT);

        FeedbackEvent feedback = kafka.feedback().get(0);
        assertThat(feedback.getTraceId()).isEqualTo(call.traceId());
        assertThat(feedback.getName()).isEqualTo("thumbs");
        assertThat(feedback.getValue()).isEqualTo(1.0);
        assertThat(feedback.getComment()).isEqualTo("spot on");
        assertThat(feedback.getTenant()).isEqualTo("acme");
        assertThat(feedback.getFeedbackId()).isNotBlank();
        assertThat(kafka.producer().history()).filteredOn(record -> record.topic().equals(Topics.FEEDBACK.name()))
                .extracting(ProducerRecord::key).containsExactly(call.traceId());
    }

    @Test
    void badInputIsCountedAsInvalidAndNeverThrows() {
        LlmWatch watch = start(kafka.builder());
        String traceId = LlmCall.builder().build().traceId();
        List<Runnable> misuses = List.of(
                () -> watch.record(null),
                () -> watch.record(LlmCall.builder().traceId("not-a-trace-id").build()),
                () -> watch.record(LlmCall.builder().usage(TokenUsage.of(-1, 10)).build()),
                () -> watch.record(LlmCall.builder().startTime(START).endTime(START.minusSeconds(1)).build()),
                () -> watch.record(LlmCall.builder().operation(null).build()),
                () -> watch.record(LlmCall.builder().score("faithfulness", Double.NaN).build()),
                () -> watch.feedback(null, "thumbs", 1.0, null),
                () -> watch.feedback(traceId, " ", 1.0, null),
                () -> watch.feedback(traceId, "thumbs", Double.POSITIVE_INFINITY, null),
                () -> watch.startSpan(Operation.INVOKE_AGENT, "agent").record(null),
                () -> watch.startSpan(null, null).end());

        misuses.forEach(misuse -> assertThatCode(misuse::run).doesNotThrowAnyException());

        AgentCounters counters = watch.counters();
        assertThat(counters.dropped(DropReason.INVALID)).isEqualTo(misuses.size());
        assertThat(counters.accepted()).isZero();
        assertThat(counters.offered()).isEqualTo(misuses.size());
    }

    @Test
    void endingASpanTwiceRecordsItOnceAndLateSettersAreIgnored() {
        LlmWatch watch = start(kafka.builder());
        TraceSpan span = watch.startSpan(Operation.EXECUTE_TOOL, "execute_tool lookup");

        span.end();
        span.toolName("too-late");
        span.end();
        watch.flush(TIMEOUT);

        assertThat(kafka.spans()).singleElement().satisfies(event -> assertThat(event.getToolName()).isNull());
        assertThat(watch.counters().offered()).isEqualTo(1);
    }

    @Test
    void eventsRecordedAfterCloseAreDroppedAsClosed() {
        LlmWatch watch = start(kafka.builder());
        assertThat(watch.close(TIMEOUT)).isTrue();

        assertThat(watch.record(LlmCall.builder().requestModel("gpt-4o").build())).isFalse();

        assertThat(watch.counters().dropped(DropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void closeSendsEverythingRecordedBeforeIt() {
        LlmWatch watch = start(kafka.builder());
        for (int i = 0; i < 50; i++) {
            watch.record(LlmCall.builder().requestModel("gpt-4o-mini").usage(TokenUsage.of(100 + i, 10)).build());
        }

        assertThat(watch.close(TIMEOUT)).isTrue();

        assertThat(kafka.spans()).hasSize(50);
        assertThat(watch.counters().sent()).isEqualTo(50);
        assertThat(kafka.producer().closed()).isTrue();
    }

    @Test
    void acceptedPlusDroppedEqualsOfferedWhileManyThreadsRecord() throws Exception {
        LlmWatch watch = start(kafka.builder().queueCapacity(8));
        int threads = 4;
        int callsPerThread = 2_000;
        List<AgentCounters> snapshots = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> recording = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                recording.add(executor.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        watch.record(LlmCall.builder().requestModel("gpt-4o-mini").usage(TokenUsage.of(i, 1)).build());
                        if (i % 200 == 0) {
                            snapshots.add(watch.counters());
                        }
                    }
                }));
            }
            for (Future<?> future : recording) {
                future.get();
            }
        } finally {
            executor.shutdown();
        }

        assertThat(snapshots).allSatisfy(snapshot ->
                assertThat(snapshot.accepted() + snapshot.dropped()).isEqualTo(snapshot.offered()));
        AgentCounters done = watch.counters();
        assertThat(done.offered()).isEqualTo((long) threads * callsPerThread);
        assertThat(watch.flush(TIMEOUT)).isTrue();
        assertThat(watch.counters().sent()).isEqualTo(done.accepted());
    }

    private LlmWatch start(LlmWatchBuilder builder) {
        LlmWatch watch = builder.build();
        clients.add(watch);
        return watch;
    }
}
