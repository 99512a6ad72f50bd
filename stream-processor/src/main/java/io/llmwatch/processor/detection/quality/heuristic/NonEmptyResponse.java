package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.Content;
import io.llmwatch.schemas.span.SpanEvent;

import java.util.OptionalDouble;

/**
 * 0 when a model answered with nothing, 1 otherwise. The captured text decides when there is one; otherwise the
 * response length, which spans carry even when content is not captured. A call that stopped to use a tool may
 * rightly have no text, so it is not judged.
 */
public final class NonEmptyResponse implements HeuristicEvaluator {

    @Override
    public String name() {
        return "heuristic.non_empty_response";
    }

    @Override
    public OptionalDouble score(SpanEvent span) {
        Content content = span.getContent();
        if (content == null || !SpanFacts.calledAModel(span) || SpanFacts.stoppedForATool(span)) {
            return OptionalDouble.empty();
        }
        if (content.getResponseText() != null) {
            return OptionalDouble.of(content.getResponseText().isBlank() ? 0 : 1);
        }
        if (content.getResponseLength() != null) {
            return OptionalDouble.of(content.getResponseLength() == 0 ? 0 : 1);
        }
        return OptionalDouble.empty();
    }
}
