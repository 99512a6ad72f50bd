package io.llmwatch.processor.pricing;

/** The outcome of pricing one LLM call: its {@link CostBreakdown}, or {@link UnknownModel} when no price applies. */
public sealed interface PriceResult permits CostBreakdown, UnknownModel {
}
