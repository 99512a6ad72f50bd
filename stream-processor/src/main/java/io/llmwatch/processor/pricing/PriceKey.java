package io.llmwatch.processor.pricing;

/**
 * What a price is attached to: a catalogue model as served by one provider, or, for a model the catalogue does not
 * know, the provider and the lower-cased model name.
 */
record PriceKey(String providerId, String modelId) {
}
