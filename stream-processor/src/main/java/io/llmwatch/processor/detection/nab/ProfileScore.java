package io.llmwatch.processor.detection.nab;

/**
 * A detector's result under one profile.
 *
 * @param score     the normalised NAB score: 0 is the null detector, 100 a detector that flags every window at
 *                  its first record and nothing else
 * @param threshold the anomaly-score threshold that maximised it across the corpus
 */
public record ProfileScore(double score, double threshold) {
}
