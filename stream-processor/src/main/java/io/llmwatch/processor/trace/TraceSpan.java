package io.llmwatch.processor.trace;

import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.schemas.span.SpanEvent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a trace keeps of one span: enough to draw it in the tree and to add up the trace.
 *
 * @param model   the model that answered, for spans that called one
 * @param prompt  the prompt template as {@code name@version}, for model calls built from one
 * @param promptName the template's name alone, which prompt analytics keys by (a name may contain {@code @})
 * @param costUsd exact cost of the span itself: zero for a span that called no model, {@code null}
 *                for a model call whose price is unknown. Priced exactly as cost attribution prices
 *                it, so a trace's total agrees with the attributed totals.
 * @param error   the error type, when the span failed
 */
public record TraceSpan(
        String spanId,
        String parentSpanId,
        String name,
        SpanKind kind,
        String operation,
        String model,
        String prompt,
        String promptName,
        long startUnixNano,
        long endUnixNano,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        String error) {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static TraceSpan of(PricedSpan pricedSpan) {
        SpanEvent span = pricedSpan.span();
        CostSample priced = pricedSpan.cost();
        return new TraceSpan(span.getSpanId(), span.getParentSpanId(), span.getName(), SpanKind.of(span),
                span.getOperation(),
                priced == null ? null : priced.model(),
                priced == null ? null : priced.prompt(),
                priced == null || span.getPrompt() == null ? null : span.getPrompt().getName(),
                span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                span.getUsage().getInputTokens(), span.getUsage().getOutputTokens(),
                priced == null ? BigDecimal.ZERO : priced.costUsd(),
                span.getError() == null ? null : span.getError().getType());
    }

    boolean priced() {
        return costUsd != null;
    }

    double latencyMillis() {
        return (endUnixNano - startUnixNano) / NANOS_PER_MILLI;
    }

    static Instant instant(long unixNano) {
        return Instant.ofEpochSecond(0, unixNano);
    }
}
