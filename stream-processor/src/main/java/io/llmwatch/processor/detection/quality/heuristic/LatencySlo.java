package io.llmwatch.processor.detection.quality.heuristic;

import io.llmwatch.schemas.span.SpanEvent;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How well a model call kept its latency objective: 1 within it, {@code slo / latency} beyond it, so a call twice as
 * slow as allowed scores 0.5. A graded score rather than pass/fail lets a creeping slowdown show before it crosses.
 */
public final class LatencySlo implements HeuristicEvaluator {

    private final long sloNanos;

    public LatencySlo(Duration slo) {
        this.sloNanos = slo.toNanos();
    }

    @Override
    public String name() {
        return "heuristic.within_latency_slo";
    }

    @Override
    public OptionalDouble score(SpanEvent span) {
        long latencyNanos = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
        if (!SpanFacts.calledAModel(span) || latencyNanos < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(SpanFacts.ratioCappedAtOne(sloNanos, latencyNanos));
    }
}
