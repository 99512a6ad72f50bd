package io.llmwatch.processor.detection.comparison;

/**
 * When a {@link Shift} counts: enough samples on both sides, statistically significant, and large enough to matter.
 * Significance alone would fire on a trivial change once traffic is heavy; size alone would fire on noise while
 * traffic is light. Requiring both keeps alerts to changes that are real and worth a look.
 *
 * @param minimumSamples values needed on each side before comparing; at least 10, the seed rule's floor and where the
 *                       normal approximation of the U test becomes reasonable
 * @param alpha          the test's p-value must be below this
 * @param minimumEffect  |Cliff's δ| must reach this (0.147 small, 0.33 medium, 0.474 large)
 */
public record ShiftCriteria(int minimumSamples, double alpha, double minimumEffect) {

    /** The fewest values per side the seed rule compared, and the fewest the U test's approximation deserves. */
    public static final int FLOOR_SAMPLES = 10;

    public ShiftCriteria {
        if (minimumSamples < FLOOR_SAMPLES) {
            throw new IllegalArgumentException("minimumSamples must be at least " + FLOOR_SAMPLES + ": " + minimumSamples);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (!(minimumEffect >= 0 && minimumEffect <= 1)) {
            throw new IllegalArgumentException("minimumEffect must be in [0, 1]: " + minimumEffect);
        }
    }

    public boolean comparable(BaselineAndRecent windows) {
        return windows.comparable(minimumSamples);
    }

    public boolean comparable(int beforeCount, int afterCount) {
        return beforeCount >= minimumSamples && afterCount >= minimumSamples;
    }

    /** Significant, large enough, either way. */
    public boolean moved(Shift shift) {
        return shift.pValue() < alpha && Math.abs(shift.cliffsDelta()) >= minimumEffect;
    }

    /** Moved upwards. */
    public boolean rose(Shift shift) {
        return moved(shift) && shift.cliffsDelta() > 0;
    }

    /** Moved downwards. */
    public boolean fell(Shift shift) {
        return moved(shift) && shift.cliffsDelta() < 0;
    }
}
