package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;

import java.util.OptionalDouble;

/** 0 when the operation failed, 1 when it succeeded; applies to every span. */
public final class NoError implements HeuristicEvaluator {

    @Override
    public String name() {
        return "heuristic.no_error";
    }

    @Override
    public OptionalDouble score(SpanEvent span) {
        return OptionalDouble.of(span.getError() == null ? 1 : 0);
    }
}
