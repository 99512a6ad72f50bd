package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.Attribution;
import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.RequestParameters;
import io.llmwatch.schemas.span.SpanError;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.span.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class HeuristicEvaluatorsTest {

    private static final long MILLI = 1_000_000L;
    private static final HeuristicEvaluators EVALUATORS =
            HeuristicEvaluators.standard(new HeuristicSettings(Duration.ofSeconds(2), 1_000));

    private static SpanEvent.Builder modelCall() {
        return SpanEvent.newBuilder()
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setSpanId("00f067aa0ba902b7")
                .setName("chat gpt-4o")
                .setOperation("chat")
                .setProvider("openai")
                .setRequestModel("gpt-4o")
                .setStartTimeUnixNano(0)
                .setEndTimeUnixNano(1_000 * MILLI)
                .setUsage(Usage.newBuilder().setInputTokens(400).setOutputTokens(100).build())
                .setFinishReasons(List.of("stop"))
                .setAttribution(Attribution.newBuilder().setTags(Map.of()).build())
                .setContent(Content.newBuilder().setResponseText("The order ships on Monday.").build());
    }

    private static Map<String, Double> scores(SpanEvent span) {
        return EVALUATORS.evaluate(span).stream()
                .collect(java.util.stream.Collectors.toMap(HeuristicScore::name, HeuristicScore::value));
    }

    @Test
    void aGoodCallPassesEveryCheckThatApplies() {
        assertThat(scores(modelCall().build())).containsOnly(
                entry("heuristic.not_truncated", 1.0),
                entry("heuristic.non_empty_response", 1.0),
                entry("heuristic.no_refusal", 1.0),
                entry("heuristic.no_error", 1.0),
                entry("heuristic.within_latency_slo", 1.0),
                entry("heuristic.token_efficiency", 1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"length", "max_tokens", "LENGTH"})
    void aCallThatRanOutOfTokensIsTruncated(String finishReason) {
        assertThat(scores(modelCall().setFinishReasons(List.of(finishReason)).build()))
                .containsEntry("heuristic.not_truncated", 0.0);
    }

    @Test
    void anEmptyResponseIsCaughtFromTheTextOrFromTheLengthAlone() {
        SpanEvent blank = modelCall().setContent(Content.newBuilder().setResponseText("  \n").build()).build();
        SpanEvent notCaptured = modelCall().setContent(Content.newBuilder().setResponseLength(0).build()).build();

        assertThat(scores(blank)).containsEntry("heuristic.non_empty_response", 0.0);
        assertThat(scores(notCaptured)).containsEntry("heuristic.non_empty_response", 0.0);
    }

    @Test
    void aCallThatStoppedForAToolIsNotJudgedEmpty() {
        SpanEvent toolCall = modelCall().setFinishReasons(List.of("tool_calls"))
                .setContent(Content.newBuilder().setResponseText("").build()).build();

        assertThat(scores(toolCall)).doesNotContainKey("heuristic.non_empty_response");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm sorry, but I can't help with that.", "I\u2019m unable to share that.",
            "  I cannot provide medical advice."})
    void refusalsAreRecognisedByTheirOpening(String text) {
        SpanEvent refusal = modelCall().setContent(Content.newBuilder().setResponseText(text).build()).build();

        assertThat(scores(refusal)).containsEntry("heuristic.no_refusal", 0.0);
    }

    @Test
    void aHelpfulAnswerMentioningALimitIsNoRefusal() {
        SpanEvent answer = modelCall().setContent(Content.newBuilder()
                .setResponseText("Here is the summary. I can't verify the third figure, though.").build()).build();

        assertThat(scores(answer)).containsEntry("heuristic.no_refusal", 1.0);
    }

    @Test
    void aContentFilterIsARefusalEvenWithoutCapturedContent() {
        SpanEvent filtered = modelCall().setFinishReasons(List.of("content_filter"))
                .setContent(Content.newBuilder().build()).build();

        assertThat(scores(filtered)).containsEntry("heuristic.no_refusal", 0.0);
    }

    @Test
    void withoutCapturedContentTheTextChecksDoNotApply() {
        SpanEvent hashesOnly = modelCall().setContent(Content.newBuilder().setResponseSha256("ab12").build())
                .setRequest(jsonRequested()).build();

        assertThat(scores(hashesOnly)).doesNotContainKeys("heuristic.no_refusal", "heuristic.valid_json",
                "heuristic.non_empty_response");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"answer\": 42}", "[1, 2]", " {\"nested\": {\"ok\": true}} "})
    void oneJsonValueIsValidWhenJsonWasRequested(String text) {
        assertThat(scores(jsonResponse(text))).containsEntry("heuristic.valid_json", 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"```json\n{\"answer\": 42}\n```", "{\"answer\": 42", "{\"a\": 1} and more", "Sure!", ""})
    void anythingElseIsInvalidWhenJsonWasRequested(String text) {
        assertThat(scores(jsonResponse(text))).containsEntry("heuristic.valid_json", 0.0);
    }

    @Test
    void jsonIsNotCheckedWhenTextWasRequested() {
        assertThat(scores(modelCall().build())).doesNotContainKey("heuristic.valid_json");
    }

    @Test
    void aFailedCallScoresZeroOnErrors() {
        SpanEvent failed = modelCall().setError(SpanError.newBuilder().setType("429").build()).build();

        assertThat(scores(failed)).containsEntry("heuristic.no_error", 0.0);
    }

    @Test
    void latencyAndTokensScoreTheShareOfTheirTargetThatWasKept() {
        SpanEvent slowAndLong = modelCall().setEndTimeUnixNano(8_000 * MILLI)
                .setUsage(Usage.newBuilder().setInputTokens(3_000).setOutputTokens(1_000).build()).build();

        assertThat(scores(slowAndLong))
                .containsEntry("heuristic.within_latency_slo", 0.25)
                .containsEntry("heuristic.token_efficiency", 0.25);
    }

    @Test
    void aToolSpanIsOnlyJudgedOnErrors() {
        SpanEvent tool = SpanEvent.newBuilder(modelCall().build()).setOperation("execute_tool").setToolName("search")
                .setRequestModel(null).setFinishReasons(List.of()).setUsage(Usage.newBuilder().build())
                .setContent(Content.newBuilder().build()).build();

        assertThat(scores(tool)).containsOnlyKeys("heuristic.no_error");
    }

    private static RequestParameters jsonRequested() {
        return RequestParameters.newBuilder().setOutputType("json").setStopSequences(List.of()).build();
    }

    private static SpanEvent jsonResponse(String text) {
        return modelCall().setRequest(jsonRequested())
                .setContent(Content.newBuilder().setResponseText(text).build()).build();
    }
}
