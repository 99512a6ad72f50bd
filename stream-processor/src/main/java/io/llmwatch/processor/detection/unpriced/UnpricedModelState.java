package io.llmwatch.processor.detection.unpriced;

/**
 * What {@link UnpricedModelRule} remembers of one model: one number.
 *
 * @param alertedWindowStartMillis start of the latest window in which the model was reported
 */
public record UnpricedModelState(long alertedWindowStartMillis) {
}
