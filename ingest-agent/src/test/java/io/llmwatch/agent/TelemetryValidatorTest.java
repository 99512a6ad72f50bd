package io.llmwatch.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TelemetryValidatorTest {

    private static final Instant START = Instant.parse("2025-11-06T12:00:00Z");

    @Test
    void aCompleteCallIsValid() {
        LlmCall call = LlmCall.builder().provider("openai").requestModel("gpt-4o").startTime(START).duration(Duration.ofSeconds(1))
                .usage(TokenUsage.builder().inputTokens(100).cacheReadTokens(60).cacheWriteTokens(40)
                        .outputTokens(50).reasoningTokens(50).build())
                .clientCostUsd(BigDecimal.ZERO).score("helpfulness", 1.0).error(new CallError("429", null, true))
                .build();

        assertThat(TelemetryValidator.problemWith(call)).isEmpty();
    }

    static Stream<Arguments> brokenCalls() {
        return Stream.of(
                arguments("all-zero trace id", LlmCall.builder().traceId("0".repeat(32)), "traceId"),
                arguments("short span id", LlmCall.builder().spanId("abc"), "spanId"),
                arguments("non-hex parent", LlmCall.builder().parentSpanId("zzzzzzzzzzzzzzzz"), "parentSpanId"),
                arguments("blank name", LlmCall.builder().name(" "), "name"),
                arguments("end before start", LlmCall.builder().startTime(START).endTime(START.minusMillis(1)), "before it starts"),
                arguments("negative time to first token", LlmCall.builder().timeToFirstToken(Duration.ofMillis(-1)), "timeToFirstToken"),
                arguments("negative tokens", LlmCall.builder().usage(TokenUsage.of(10, -1)), "negative"),
                arguments("negative audio tokens", LlmCall.builder().usage(TokenUsage.builder().inputAudioTokens(-1).build()), "negative"),
                arguments("cache beyond input", LlmCall.builder().usage(TokenUsage.builder().inputTokens(10).cacheReadTokens(8)
                        .cacheWriteTokens(8).build()), "cache tokens exceed input"),
                arguments("reasoning beyond output", LlmCall.builder().usage(TokenUsage.builder().outputTokens(10)
                        .reasoningTokens(11).build()), "reasoning tokens exceed output"),
                arguments("negative cost", LlmCall.builder().clientCostUsd(new BigDecimal("-0.01")), "clientCostUsd"),
                arguments("error without type", LlmCall.builder().error(new CallError(null, "boom", false)), "error type"),
                arguments("infinite score", LlmCall.builder().score("faithfulness", Double.NEGATIVE_INFINITY), "score"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCalls")
    void aCallBreakingTheContractIsInvalidAndTheProblemSaysWhy(String description, LlmCall.Builder call, String problem) {
        assertThat(TelemetryValidator.problemWith(call.build())).hasValueSatisfying(text -> assertThat(text).contains(problem));
    }

    @Test
    void feedbackNeedsAValidTraceANameAndAFiniteScore() {
        String traceId = LlmCall.builder().build().traceId();

        assertThat(TelemetryValidator.problemWithFeedback(traceId, "thumbs", 0.0)).isEmpty();
        assertThat(TelemetryValidator.problemWithFeedback("nope", "thumbs", 0.0)).isPresent();
        assertThat(TelemetryValidator.problemWithFeedback(traceId, null, 0.0)).isPresent();
        assertThat(TelemetryValidator.problemWithFeedback(traceId, "thumbs", Double.NaN)).isPresent();
    }
}
