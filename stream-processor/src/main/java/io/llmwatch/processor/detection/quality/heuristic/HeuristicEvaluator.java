package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;

import java.util.OptionalDouble;

/**
 * A quality check llmwatch can run on a span by itself, with no judge model: a named score in [0, 1], 1 when the
 * call passed and lower the worse it failed, so that its scores feed the quality detector like any evaluator's.
 */
public interface HeuristicEvaluator {

    /** The score's name, {@code heuristic.} followed by what a score of 1 means, e.g. {@code heuristic.valid_json}. */
    String name();

    /** The call's score, or empty when the check does not apply to it (no content captured, no JSON requested, …). */
    OptionalDouble score(SpanEvent span);
}
