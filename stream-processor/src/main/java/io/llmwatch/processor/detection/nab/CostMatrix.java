package io.llmwatch.processor.detection.nab;

/**
 * How much a scoring profile rewards a detected window and charges a false alarm or a missed window.
 * NAB's profiles also carry a true-negative weight, which its scoring never uses, so it is not kept here.
 *
 * @param truePositiveWeight  reward for a window detected at its very start
 * @param falsePositiveWeight charge for a detection far from any window
 * @param falseNegativeWeight charge for a window with no detection
 */
public record CostMatrix(double truePositiveWeight, double falsePositiveWeight, double falseNegativeWeight) {

    public CostMatrix {
        if (!(truePositiveWeight > 0) || !(falsePositiveWeight >= 0) || !(falseNegativeWeight >= 0)) {
            throw new IllegalArgumentException("need tp > 0, fp >= 0, fn >= 0, got " + truePositiveWeight + ", "
                    + falsePositiveWeight + ", " + falseNegativeWeight);
        }
    }
}
