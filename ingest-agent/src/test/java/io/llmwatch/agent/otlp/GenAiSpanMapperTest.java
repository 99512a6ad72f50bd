package io.llmwatch.agent.otlp;

import io.llmwatch.agent.CallError;
import io.llmwatch.agent.LlmCall;
import io.llmwatch.agent.Operation;
import io.llmwatch.agent.RequestParams;
import io.llmwatch.agent.TokenUsage;
import io.llmwatch.agent.prompt.PromptTemplates;
import io.llmwatch.agent.prompt.PromptVersion;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.llmwatch.agent.otlp.OtlpRequests.span;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

class GenAiSpanMapperTest {

    private static final SpanAttributes NO_RESOURCE = SpanAttributes.of(List.of());

    private static LlmCall map(Span.Builder span) {
        return map(span, NO_RESOURCE);
    }

    private static LlmCall map(Span.Builder span, SpanAttributes resource) {
        return GenAiSpanMapper.map(span.build(), resource).orElseThrow();
    }

    @Test
    void aSpanFollowingTheCurrentConventionsMapsFieldByField() {
        SpanAttributes resource = SpanAttributes.of(OtlpRequests.keyValues(Map.of(
                "service.name", "helpdesk", "service.version", "2.4.1", "deployment.environment.name", "production")));

        LlmCall call = map(span("chat gpt-4o", Map.ofEntries(
                entry("gen_ai.operation.name", "chat"),
                entry("gen_ai.provider.name", "openai"),
                entry("gen_ai.request.model", "gpt-4o"),
                entry("gen_ai.response.model", "gpt-4o-2024-08-06"),
                entry("gen_ai.response.id", "chatcmpl-1"),
                entry("gen_ai.response.finish_reasons", List.of("stop")),
                entry("gen_ai.usage.input_tokens", 1200),
                entry("gen_ai.usage.output_tokens", 300),
                entry("gen_ai.usage.cache_read.input_tokens", 1000),
                entry("gen_ai.usage.cache_creation.input_tokens", 100),
                entry("gen_ai.usage.reasoning.output_tokens", 40),
                entry("gen_ai.request.temperature", 0.2),
                entry("gen_ai.request.top_p", 0.9),
                entry("gen_ai.request.top_k", 40),
                entry("gen_ai.request.max_tokens", 512),
                entry("gen_ai.request.frequency_penalty", 0.1),
                entry("gen_ai.request.presence_penalty", 0.3),
                entry("gen_ai.request.seed", 7),
                entry("gen_ai.request.stop_sequences", List.of("\n\n", "END")),
                entry("gen_ai.conversation.id", "conv-9"),
                entry("user.id", "u-17"))), resource);

        assertThat(call.operation()).isEqualTo(Operation.CHAT);
        assertThat(call.name()).isEqualTo("chat gpt-4o");
        assertThat(call.traceId()).isEqualTo(OtlpRequests.TRACE_ID);
        assertThat(call.spanId()).isEqualTo(OtlpRequests.SPAN_ID);
        assertThat(call.parentSpanId()).contains(OtlpRequests.PARENT_SPAN_ID);
        assertThat(call.startTime()).isEqualTo(Instant.ofEpochSecond(0, OtlpRequests.START_NANOS));
        assertThat(call.endTime()).isEqualTo(Instant.ofEpochSecond(0, OtlpRequests.END_NANOS));
        assertThat(call.provider()).contains("openai");
        assertThat(call.requestModel()).contains("gpt-4o");
        assertThat(call.responseModel()).contains("gpt-4o-2024-08-06");
        assertThat(call.responseId()).contains("chatcmpl-1");
        assertThat(call.finishReasons()).containsExactly("stop");
        assertThat(call.usage()).isEqualTo(TokenUsage.builder().inputTokens(1200).outputTokens(300)
                .cacheReadTokens(1000).cacheWriteTokens(100).reasoningTokens(40).build());
        RequestParams params = call.requestParams().orElseThrow();
        assertThat(params.temperature()).contains(0.2);
        assertThat(params.topP()).contains(0.9);
        assertThat(params.topK()).contains(40.0);
        assertThat(params.maxTokens()).contains(512L);
        assertThat(params.frequencyPenalty()).contains(0.1);
        assertThat(params.presencePenalty()).contains(0.3);
        assertThat(params.seed()).contains(7L);
        assertThat(params.stopSequences()).containsExactly("\n\n", "END");
        assertThat(call.attribution().session()).contains("conv-9");
        assertThat(call.attribution().user()).contains("u-17");
        assertThat(call.attribution().service()).contains("helpdesk");
        assertThat(call.attribution().release()).contains("2.4.1");
        assertThat(call.attribution().environment()).contains("production");
        assertThat(call.error()).isEmpty();
    }

    @Test
    void deprecatedNamesMapLikeTheCurrentOnes() {
        SpanAttributes resource = SpanAttributes.of(OtlpRequests.keyValues(Map.of("deployment.environment", "staging")));

        LlmCall call = map(span("anthropic.chat", Map.of(
                "gen_ai.system", "anthropic",
                "gen_ai.usage.prompt_tokens", 2114,
                "gen_ai.usage.completion_tokens", 65,
                "gen_ai.usage.cache_read_input_tokens", 2000,
                "gen_ai.usage.cache_creation_input_tokens", 100,
                "gen_ai.usage.reasoning_tokens", 24,
                "enduser.id", "u-3")), resource);

        assertThat(call.provider()).contains("anthropic");
        assertThat(call.usage()).isEqualTo(TokenUsage.builder().inputTokens(2114).outputTokens(65)
                .cacheReadTokens(2000).cacheWriteTokens(100).reasoningTokens(24).build());
        assertThat(call.attribution().user()).contains("u-3");
        assertThat(call.attribution().environment()).contains("staging");
    }

    @Test
    void theCurrentNameWinsOverADeprecatedOneAndTheSpanOverItsResource() {
        SpanAttributes resource = SpanAttributes.of(OtlpRequests.keyValues(Map.of("user.id", "resource-user")));

        LlmCall call = map(span("chat", Map.of(
                "gen_ai.provider.name", "aws.bedrock", "gen_ai.system", "bedrock",
                "gen_ai.usage.input_tokens", 10, "gen_ai.usage.prompt_tokens", 99,
                "user.id", "span-user")), resource);

        assertThat(call.provider()).contains("aws.bedrock");
        assertThat(call.usage().inputTokens()).isEqualTo(10);
        assertThat(call.attribution().user()).contains("span-user");
    }

    @Test
    void agentAndToolSpansKeepTheirNamesAndOperations() {
        LlmCall agent = map(span("invoke_agent planner", Map.of("gen_ai.operation.name", "invoke_agent", "gen_ai.agent.name", "planner")));
        LlmCall tool = map(span("execute_tool lookup", Map.of("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name", "lookup")));

        assertThat(agent.operation()).isEqualTo(Operation.INVOKE_AGENT);
        assertThat(agent.agentName()).contains("planner");
        assertThat(tool.operation()).isEqualTo(Operation.EXECUTE_TOOL);
        assertThat(tool.toolName()).contains("lookup");
    }

    @Test
    void anUnknownOperationFallsBackOnWhatTheSpanNames() {
        assertThat(map(span("x", Map.of("gen_ai.operation.name", "invoke_workflow", "gen_ai.tool.name", "t"))).operation())
                .isEqualTo(Operation.EXECUTE_TOOL);
        assertThat(map(span("x", Map.of("gen_ai.request.model", "gpt-4o"))).operation()).isEqualTo(Operation.CHAT);
    }

    @Test
    void openLlmetrySpansAreUnderstood() {
        String template = "Tell me a joke about {{topic}}\n";

        LlmCall call = map(span("openai.completion", Map.ofEntries(
                entry("gen_ai.system", "openai"),
                entry("llm.request.type", "completion"),
                entry("gen_ai.prompt.0.role", "user"),
                entry("gen_ai.prompt.0.content", "Tell me a joke"),
                entry("gen_ai.prompt.1.content", "about Kafka"),
                entry("gen_ai.completion.0.content", "Why did the consumer lag?"),
                entry("traceloop.association.properties.user_id", "u-5"),
                entry("traceloop.association.properties.session_id", "s-8"),
                entry("traceloop.association.properties.tenant_id", "acme"),
                entry("traceloop.association.properties.plan", "pro"),
                entry("traceloop.workflow.name", "joke_generator"),
                entry("traceloop.prompt.key", "joke"),
                entry("traceloop.prompt.version", 3),
                entry("traceloop.prompt.template", template))));

        assertThat(call.operation()).isEqualTo(Operation.TEXT_COMPLETION);
        assertThat(call.promptText()).contains("Tell me a joke\nabout Kafka");
        assertThat(call.responseText()).contains("Why did the consumer lag?");
        assertThat(call.attribution().user()).contains("u-5");
        assertThat(call.attribution().session()).contains("s-8");
        assertThat(call.attribution().tenant()).contains("acme");
        assertThat(call.attribution().feature()).contains("joke_generator");
        assertThat(call.attribution().tags()).containsEntry("plan", "pro").containsEntry("user_id", "u-5");
        assertThat(call.prompt()).contains(new PromptVersion("joke", 3, PromptTemplates.versionHash(template)));
    }

    @Test
    void traceloopToolSpansCountAsGenAiEvenWithoutGenAiAttributes() {
        LlmCall call = map(span("search.tool", Map.of("traceloop.span.kind", "tool")));

        assertThat(call.operation()).isEqualTo(Operation.EXECUTE_TOOL);
    }

    @Test
    void currentContentAttributesAreTakenAsTheyAre() {
        LlmCall call = map(span("chat", Map.of(
                "gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]",
                "gen_ai.output.messages", "[{\"role\":\"assistant\"}]")));

        assertThat(call.promptText()).contains("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]");
        assertThat(call.responseText()).contains("[{\"role\":\"assistant\"}]");
    }

    @Test
    void aTotalSmallerThanItsOwnPartIsReadAsTheRemainder() {
        LlmCall call = map(span("chat", Map.of(
                "gen_ai.usage.input_tokens", 3, "gen_ai.usage.cache_read.input_tokens", 9511,
                "gen_ai.usage.output_tokens", 10, "gen_ai.usage.reasoning.output_tokens", 30)));

        assertThat(call.usage()).isEqualTo(TokenUsage.builder().inputTokens(9514).cacheReadTokens(9511)
                .outputTokens(40).reasoningTokens(30).build());
    }

    @Test
    void countsSentAsDoublesOrStringsAreRead() {
        LlmCall call = map(span("chat", Map.of("gen_ai.usage.input_tokens", 12.0, "gen_ai.usage.output_tokens", "7")));

        assertThat(call.usage()).isEqualTo(TokenUsage.of(12, 7));
    }

    @Test
    void anErrorStatusBecomesTheCallsError() {
        LlmCall call = map(span("chat", Map.of("gen_ai.provider.name", "openai", "error.type", "429"))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("rate limited")));

        assertThat(call.error()).contains(new CallError("429", "rate limited", false));
    }

    @Test
    void spansDescribingNoGenAiWorkMapToNothing() {
        Span http = span("GET /orders", Map.of("http.request.method", "GET", "url.path", "/orders")).build();
        Span workflow = span("joke.workflow", Map.of("traceloop.span.kind", "workflow")).build();

        assertThat(GenAiSpanMapper.map(http, NO_RESOURCE)).isEmpty();
        assertThat(GenAiSpanMapper.map(workflow, NO_RESOURCE)).isEmpty();
    }
}
