package io.llmwatch.processor.prompt;

/**
 * The quality scores of one prompt version in one window: how many, and their sum, so tallies of
 * windows (or of instances) add up to the same mean as the scores themselves.
 *
 * @param scores     scores counted: calls scored by agent-side evaluators and feedback credited later
 * @param qualitySum their sum
 */
public record QualityTally(long scores, double qualitySum) {

    public static final QualityTally EMPTY = new QualityTally(0, 0);

    public QualityTally plus(double quality) {
        return new QualityTally(scores + 1, qualitySum + quality);
    }

    public QualityTally plus(QualityTally other) {
        return new QualityTally(scores + other.scores, qualitySum + other.qualitySum);
    }

    /** The mean score; {@code null} for a tally of no score. */
    public Double averageQuality() {
        return scores == 0 ? null : qualitySum / scores;
    }
}
