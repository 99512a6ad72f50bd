package io.llmwatch.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class LlmCallTest {

    private static final Instant START = Instant.parse("2025-11-06T12:00:00Z");

    @Test
    void idsAreGeneratedInW3cFormatWhenNotGiven() {
        LlmCall call = LlmCall.builder().build();

        assertThat(call.traceId()).matches("[0-9a-f]{32}");
        assertThat(call.spanId()).matches("[0-9a-f]{16}");
        assertThat(call.parentSpanId()).isEmpty();
        assertThat(LlmCall.builder().build().traceId()).isNotEqualTo(call.traceId());
    }

    @Test
    void givenIdsAreKeptInLowerCase() {
        LlmCall call = LlmCall.builder()
                .traceId("4BF92F3577B34DA6A3CE929D0E0E4736").spanId("00F067AA0BA902B7").parentSpanId("53995C3F42CD8AD8")
                .build();

        assertThat(call.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(call.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(call.parentSpanId()).contains("53995c3f42cd8ad8");
    }

    @Test
    void anyTwoOfStartEndAndDurationDetermineTheThird() {
        Duration took = Duration.ofMillis(850);

        assertThat(LlmCall.builder().startTime(START).duration(took).build().endTime()).isEqualTo(START.plus(took));
        assertThat(LlmCall.builder().endTime(START).duration(took).build().startTime()).isEqualTo(START.minus(took));
        assertThat(LlmCall.builder().startTime(START).endTime(START.plusSeconds(2)).duration(took).build().duration())
                .as("explicit start and end win over a duration").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCallWithoutAnEndEndsWhenItIsBuilt() {
        Instant before = Instant.now();

        LlmCall call = LlmCall.builder().duration(Duration.ofMillis(300)).build();

        assertThat(call.endTime()).isBetween(before, Instant.now());
        assertThat(call.duration()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void theDefaultNameFollowsOpenTelemetry() {
        assertThat(LlmCall.builder().requestModel("gpt-4o").build().name()).isEqualTo("chat gpt-4o");
        assertThat(LlmCall.builder().operation(Operation.EXECUTE_TOOL).toolName("search_orders").build().name())
                .isEqualTo("execute_tool search_orders");
        assertThat(LlmCall.builder().operation(Operation.EMBEDDINGS).build().name()).isEqualTo("embeddings");
        assertThat(LlmCall.builder().requestModel("gpt-4o").build().toBuilder().requestModel("gpt-4o-mini").build().name())
                .as("a default name follows the fields it is made of").isEqualTo("chat gpt-4o-mini");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        LlmCall call = LlmCall.builder().provider("anthropic").requestModel("claude-sonnet-4-5").startTime(START)
                .duration(Duration.ofSeconds(1)).usage(TokenUsage.of(10, 5)).finishReasons("length")
                .score("helpfulness", 0.5).attribution(Attribution.builder().tenant("globex").build()).build();

        LlmCall copy = call.toBuilder().build();

        assertThat(copy.traceId()).isEqualTo(call.traceId());
        assertThat(copy.spanId()).isEqualTo(call.spanId());
        assertThat(copy.startTime()).isEqualTo(call.startTime());
        assertThat(copy.endTime()).isEqualTo(call.endTime());
        assertThat(copy.usage()).isEqualTo(call.usage());
        assertThat(copy.finishReasons()).containsExactly("length");
        assertThat(copy.scores()).isEqualTo(call.scores());
        assertThat(copy.attribution()).isEqualTo(call.attribution());
    }

    @Test
    void fromResponseReadsTheUsageAndModelOfASupportedApi() {
        LlmCall call = LlmCall.builder().requestModel("claude-sonnet-4-5")
                .fromResponse("anthropic", null, """
                        {"model": "claude-sonnet-4-5-20250929", "usage": {"input_tokens": 3,
                         "cache_read_input_tokens": 1111, "cache_creation_input_tokens": 0, "output_tokens": 406}}""")
                .build();

        assertThat(call.provider()).contains("anthropic");
        assertThat(call.responseModel()).contains("claude-sonnet-4-5-20250929");
        assertThat(call.usage()).isEqualTo(TokenUsage.builder().inputTokens(1114).cacheReadTokens(1111).outputTokens(406).build());
    }

    @Test
    void fromResponseLeavesUsageAsItWasWhenTheBodyCannotBeRead() {
        TokenUsage given = TokenUsage.of(10, 5);

        assertThatCode(() -> {
            assertThat(LlmCall.builder().usage(given).fromResponse("openai", "chat", "{not json").build().usage()).isEqualTo(given);
            assertThat(LlmCall.builder().usage(given).fromResponse("openai", "chat", (JsonNode) null).build().usage()).isEqualTo(given);
            assertThat(LlmCall.builder().usage(given).fromResponse(null, null, "{}").build().usage()).isEqualTo(given);
            assertThat(LlmCall.builder().usage(given).fromResponse("cohere", "default", "{\"usage\": {}}").build().usage())
                    .isEqualTo(given);
        }).doesNotThrowAnyException();
    }

    @Test
    void theBuilderAcceptsNullsWithoutThrowing() {
        assertThatCode(() -> LlmCall.builder()
                .operation(null).name(null).traceId(null).usage(null).attribution(null)
                .finishReasons((String[]) null).finishReasons("stop", null)
                .requestParams(RequestParams.builder().stopSequences(null).build())
                .build())
                .doesNotThrowAnyException();
    }
}
