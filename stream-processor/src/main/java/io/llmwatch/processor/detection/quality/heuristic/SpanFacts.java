package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Questions several heuristics ask of a span. */
final class SpanFacts {

    /** Finish reasons that mean the model stopped to call a tool: its text may rightly be empty. */
    private static final Set<String> TOOL_CALL_REASONS = Set.of("tool_calls", "tool_use", "function_call");

    private SpanFacts() {
    }

    /** Whether the span is a call to a model, as opposed to a tool call, an agent step or a retrieval. */
    static boolean calledAModel(SpanEvent span) {
        return span.getRequestModel() != null || span.getResponseModel() != null;
    }

    static boolean hasFinishReason(SpanEvent span, Set<String> reasons) {
        return span.getFinishReasons().stream().map(reason -> reason.toLowerCase(Locale.ROOT)).anyMatch(reasons::contains);
    }

    static boolean stoppedForATool(SpanEvent span) {
        return hasFinishReason(span, TOOL_CALL_REASONS);
    }

    /** The response text, when the app opted in to capturing content. */
    static Optional<String> responseText(SpanEvent span) {
        return span.getContent() == null ? Optional.empty() : Optional.ofNullable(span.getContent().getResponseText());
    }

    static double ratioCappedAtOne(double target, double actual) {
        return actual <= target ? 1 : target / actual;
    }
}
