package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;

import java.util.OptionalDouble;
import java.util.Set;

/** 0 when the model stopped because it ran out of output tokens, so the answer is cut off; 1 otherwise. */
public final class NotTruncated implements HeuristicEvaluator {

    /** OpenAI and the OTel convention say {@code length}; Anthropic and Bedrock say {@code max_tokens}. */
    private static final Set<String> OUT_OF_TOKENS = Set.of("length", "max_tokens");

    @Override
    public String name() {
        return "heuristic.not_truncated";
    }

    @Override
    public OptionalDouble score(SpanEvent span) {
        if (span.getFinishReasons().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(SpanFacts.hasFinishReason(span, OUT_OF_TOKENS) ? 0 : 1);
    }
}
