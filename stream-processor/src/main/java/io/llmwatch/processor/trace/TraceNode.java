package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * One span in a trace tree, with the spans it started.
 *
 * @param costUsd        the span's own cost; {@code null} for a model call with no known price
 * @param subtreeCostUsd the span's cost plus that of everything beneath it: what an agent step cost
 */
public record TraceNode(
        String spanId,
        String parentSpanId,
        String name,
        SpanKind kind,
        String operation,
        String model,
        String prompt,
        String start,
        String end,
        double latencyMs,
        long inputTokens,
        long outputTokens,
        String costUsd,
        String subtreeCostUsd,
        String error,
        List<TraceNode> children) {

    static TraceNode of(TraceSpan span, List<TraceNode> children) {
        BigDecimal subtreeCost = children.stream()
                .map(child -> new BigDecimal(child.subtreeCostUsd()))
                .reduce(span.priced() ? span.costUsd() : BigDecimal.ZERO, BigDecimal::add);
        return new TraceNode(span.spanId(), span.parentSpanId(), span.name(), span.kind(), span.operation(),
                span.model(), span.prompt(),
                TraceSpan.instant(span.startUnixNano()).toString(), TraceSpan.instant(span.endUnixNano()).toString(),
                span.latencyMillis(), span.inputTokens(), span.outputTokens(),
                span.priced() ? Money.format(span.costUsd()) : null, Money.format(subtreeCost), span.error(),
                List.copyOf(children));
    }
}
