package io.llmwatch.agent;

import io.llmwatch.agent.prompt.PromptRegistry;
import io.llmwatch.agent.prompt.PromptVersion;
import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.serde.SchemaCatalog;
import io.llmwatch.schemas.serde.SchemaPublisher;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class LlmWatchIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void createTopics(EmbeddedKafkaBroker kafka) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 3, (short) 1);
        }
    }

    @Test
    void callsAgentTracesAndFeedbackArriveOnTheirTopicsAsTheContractSays(EmbeddedKafkaBroker kafka) {
        PromptVersion prompt = new PromptRegistry().register("support-answer", "You are Acme's support agent.\n{{question}}");
        LlmCall answered = LlmCall.builder()
                .provider("openai").requestModel("gpt-4o").responseModel("gpt-4o-2024-08-06")
                .startTime(Instant.now().minusMillis(900)).duration(Duration.ofMillis(900))
                .usage(TokenUsage.builder().inputTokens(1800).cacheReadTokens(1024).outputTokens(240).build())
                .finishReasons("stop")
                .attribution(Attribution.builder().tenant("acme").user("u-17").feature("support-chat").build())
                .prompt(prompt)
                .promptText("Where is my order 1234?")
                .responseText("It ships tomorrow.")
                .clientCostUsd(new BigDecimal("0.006740"))
                .build();
        LlmCall rateLimited = LlmCall.builder()
                .provider("anthropic").requestModel("claude-sonnet-4-5").duration(Duration.ofMillis(120))
                .error(new CallError("429", "rate_limit_error", true))
                .attribution(Attribution.builder().tenant("globex").feature("code-review").build())
                .build();
        String agentTraceId;
        String agentSpanId;

        try (LlmWatch watch = client(kafka, "it-roundtrip")) {
            assertThat(watch.record(answered)).isTrue();
            assertThat(watch.record(rateLimited)).isTrue();
            try (TraceSpan agent = watch.startSpan(Operation.INVOKE_AGENT, "invoke_agent refund-agent",
                    Attribution.builder().tenant("acme").feature("agent-workflow").build())) {
                agentTraceId = agent.traceId();
                agentSpanId = agent.spanId();
                agent.agentName("refund-agent");
                try (TraceSpan retrieval = agent.startChild(Operation.RETRIEVAL, "retrieval refund-policy")) {
                    retrieval.score("relevance", 0.8);
                }
                agent.record(LlmCall.builder().provider("anthropic").requestModel("claude-3-5-haiku-latest")
                        .duration(Duration.ofMillis(400)).usage(TokenUsage.of(700, 60)).finishReasons("tool_calls").build());
                try (TraceSpan tool = agent.startChild(Operation.EXECUTE_TOOL, "execute_tool issue_refund")) {
                    tool.toolName("issue_refund");
                }
            }
            assertThat(watch.feedback(answered.traceId(), "thumbs", 0.0, "wrong order")).isTrue();
            assertThat(watch.flush(TIMEOUT)).isTrue();
            assertThat(watch.counters().sent()).isEqualTo(7);
            assertThat(watch.counters().failed()).isZero();
        }

        List<ConsumerRecord<String, SpanEvent>> spans;
        try (TopicReader<SpanEvent> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.SPANS)) {
            spans = reader.awaitRecords(record -> "it-roundtrip".equals(record.value().getAttribution().getService()), 6);
        }
        assertThat(spans).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value().getTraceId()));

        SpanEvent answer = only(spans, answered.traceId());
        assertThat(answer.getOperation()).isEqualTo("chat");
        assertThat(answer.getResponseModel()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(answer.getUsage().getInputTokens()).isEqualTo(1800);
        assertThat(answer.getUsage().getCacheReadTokens()).isEqualTo(1024);
        assertThat(answer.getAttribution().getTenant()).isEqualTo("acme");
        assertThat(answer.getAttribution().getEnvironment()).isEqualTo("test");
        assertThat(answer.getPrompt().getTemplateSha256()).isEqualTo(prompt.templateSha256());
        assertThat(answer.getContent().getPromptText()).isNull();
        assertThat(answer.getContent().getPromptLength()).isEqualTo("Where is my order 1234?".length());
        assertThat(answer.getClientCostUsd()).isEqualTo("0.006740");

        SpanEvent failure = only(spans, rateLimited.traceId());
        assertThat(failure.getError().getType()).isEqualTo("429");
        assertThat(failure.getError().getRetryable()).isTrue();

        List<SpanEvent> workflow = spans.stream().map(ConsumerRecord::value)
                .filter(span -> span.getTraceId().equals(agentTraceId)).toList();
        assertThat(workflow).extracting(SpanEvent::getOperation)
                .containsExactly("retrieval", "chat", "execute_tool", "invoke_agent");
        assertThat(workflow).filteredOn(span -> !span.getSpanId().equals(agentSpanId))
                .extracting(SpanEvent::getParentSpanId).containsOnly(agentSpanId);
        assertThat(workflow).extracting(span -> span.getAttribution().getFeature()).containsOnly("agent-workflow");

        try (TopicReader<FeedbackEvent> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.FEEDBACK)) {
            FeedbackEvent feedback = reader.awaitRecords(record -> record.key().equals(answered.traceId()), 1).get(0).value();
            assertThat(feedback.getName()).isEqualTo("thumbs");
            assertThat(feedback.getValue()).isZero();
            assertThat(feedback.getComment()).isEqualTo("wrong order");
        }
    }

    @Test
    void closeSendsEverythingRecordedBeforeIt(EmbeddedKafkaBroker kafka) {
        int calls = 300;
        LlmWatch watch = client(kafka, "it-close");
        for (int i = 0; i < calls; i++) {
            watch.record(LlmCall.builder().provider("openai").requestModel("gpt-4o-mini").usage(TokenUsage.of(200 + i, 20)).build());
        }

        assertThat(watch.close(TIMEOUT)).isTrue();

        assertThat(watch.counters().sent()).isEqualTo(calls);
        try (TopicReader<SpanEvent> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.SPANS)) {
            assertThat(reader.awaitRecords(record -> "it-close".equals(record.value().getAttribution().getService()), calls))
                    .hasSize(calls);
        }
    }

    @Test
    void theAgentPublishesItsWriterSchemasAtStart(EmbeddedKafkaBroker kafka) {
        Set<String> expectedKeys = Set.of(
                SchemaPublisher.key(SchemaCatalog.fingerprint(SpanEvent.getClassSchema())),
                SchemaPublisher.key(SchemaCatalog.fingerprint(FeedbackEvent.getClassSchema())));

        // Other clients of this run announce the same schemas; only this client's announcements count.
        long startedAt = System.currentTimeMillis();

        try (LlmWatch watch = client(kafka, "it-schemas")) {
            assertThat(watch.flush(TIMEOUT)).isTrue();
        }

        try (TopicReader<String> reader = new TopicReader<>(kafka.bootstrapServers(), Topics.SCHEMAS)) {
            assertThat(reader.awaitRecords(record -> record.timestamp() >= startedAt && expectedKeys.contains(record.key()), 2))
                    .extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(expectedKeys);
        }
    }

    private static LlmWatch client(EmbeddedKafkaBroker kafka, String serviceName) {
        return LlmWatch.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .serviceName(serviceName)
                .environment("test")
                .shutdownHook(false)
                .build();
    }

    private static SpanEvent only(List<ConsumerRecord<String, SpanEvent>> spans, String traceId) {
        return spans.stream().map(ConsumerRecord::value).filter(span -> span.getTraceId().equals(traceId))
                .reduce((first, second) -> {
                    throw new AssertionError("More than one span in trace " + traceId);
                })
                .orElseThrow(() -> new AssertionError("No span in trace " + traceId));
    }
}
