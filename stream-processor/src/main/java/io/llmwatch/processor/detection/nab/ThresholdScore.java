package io.llmwatch.processor.detection.nab;

/**
 * The raw NAB score of a corpus when every record scoring at least {@code threshold} counts as a detection.
 */
public record ThresholdScore(double threshold, double score) {
}
