package io.llmwatch.processor.cost;

import io.llmwatch.schemas.span.SpanEvent;

import java.util.Objects;

/**
 * A span with its pricing, computed once where the spans enter the topology and read by every part
 * after it (attribution, traces, prompt analytics, detection): pricing is the costliest step per
 * span, and one pricing means every part agrees on the cost to the last digit. Never serialized: it
 * only travels between processors of one task.
 *
 * @param cost the priced model call, {@code null} for a span that called no model (a tool call, an
 *             agent step); for a model without a known price it is there with {@link CostSample#priced()} false
 */
public record PricedSpan(SpanEvent span, CostSample cost) {

    public PricedSpan {
        Objects.requireNonNull(span, "span");
    }

    public static PricedSpan of(SpanEvent span, SpanCostCalculator pricing) {
        return new PricedSpan(span, SpanCostCalculator.isModelCall(span) ? pricing.cost(span) : null);
    }

    public boolean isModelCall() {
        return cost != null;
    }
}
