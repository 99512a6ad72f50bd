package io.llmwatch.agent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The contract an event must meet to be exported. Checked on the caller's thread because it is cheap
 * and because a broken event is better counted as {@code invalid} than shipped to confuse every consumer.
 */
final class TelemetryValidator {

    private TelemetryValidator() {
    }

    /** What is wrong with {@code call}, or empty if it may be exported. */
    static Optional<String> problemWith(LlmCall call) {
        if (call == null) {
            return Optional.of("the call is null");
        }
        if (call.operation() == null) {
            return Optional.of("operation is missing");
        }
        if (call.hasBlankName()) {
            return Optional.of("name is blank");
        }
        if (call.traceIdGiven() && !TraceIds.isValidTraceId(call.traceId())) {
            return Optional.of("traceId '" + call.traceId() + "' is not 32 hex digits with at least one non-zero");
        }
        if (call.spanIdGiven() && !TraceIds.isValidSpanId(call.spanId())) {
            return Optional.of("spanId '" + call.spanId() + "' is not 16 hex digits with at least one non-zero");
        }
        if (call.parentSpanId().filter(parent -> !TraceIds.isValidSpanId(parent)).isPresent()) {
            return Optional.of("parentSpanId '" + call.parentSpanId().get() + "' is not 16 hex digits with at least one non-zero");
        }
        if (call.endTime().isBefore(call.startTime())) {
            return Optional.of("it ends (" + call.endTime() + ") before it starts (" + call.startTime() + ")");
        }
        if (call.timeToFirstToken().filter(Duration::isNegative).isPresent()) {
            return Optional.of("timeToFirstToken is negative");
        }
        return problemWith(call.usage())
                .or(() -> call.clientCostUsd().filter(cost -> cost.signum() < 0).map(cost -> "clientCostUsd " + cost + " is negative"))
                .or(() -> call.error().filter(error -> isBlank(error.type())).map(error -> "error type is blank"))
                .or(() -> problemWithScores(call.scores()));
    }

    /** What is wrong with a feedback score, or empty if it may be exported. */
    static Optional<String> problemWithFeedback(String traceId, String name, double value) {
        if (!TraceIds.isValidTraceId(traceId)) {
            return Optional.of("feedback traceId '" + traceId + "' is not 32 hex digits with at least one non-zero");
        }
        return problemWithScore(name, value);
    }

    private static Optional<String> problemWith(TokenUsage usage) {
        if (usage.inputTokens() < 0 || usage.outputTokens() < 0 || usage.cacheReadTokens() < 0
                || usage.cacheWriteTokens() < 0 || usage.reasoningTokens() < 0
                || usage.inputAudioTokens() < 0 || usage.cacheAudioReadTokens() < 0 || usage.outputAudioTokens() < 0
                || usage.inputImageTokens() < 0 || usage.outputImageTokens() < 0) {
            return Optional.of("negative token count in " + usage);
        }
        if (usage.cacheReadTokens() + usage.cacheWriteTokens() > usage.inputTokens()) {
            return Optional.of("cache tokens exceed input tokens, which must include them: " + usage);
        }
        if (usage.reasoningTokens() > usage.outputTokens()) {
            return Optional.of("reasoning tokens exceed output tokens, which must include them: " + usage);
        }
        return Optional.empty();
    }

    /** A loop, not a stream: it runs on the application's thread for every call, and a stream pipeline allocates. */
    private static Optional<String> problemWithScores(List<Score> scores) {
        for (Score score : scores) {
            Optional<String> problem = problemWith(score);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problemWith(Score score) {
        return problemWithScore(score.name(), score.value());
    }

    private static Optional<String> problemWithScore(String name, double value) {
        if (isBlank(name)) {
            return Optional.of("score name is blank");
        }
        if (!Double.isFinite(value)) {
            return Optional.of("score " + name + " is " + value);
        }
        return Optional.empty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
