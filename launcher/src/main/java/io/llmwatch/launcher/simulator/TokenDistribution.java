package io.llmwatch.launcher.simulator;

import java.util.Random;

/**
 * Token counts of one kind of request: log-normal, because real prompt and completion lengths are
 * skewed (most are near the median, a few are many times longer), and clamped to what the model allows.
 *
 * @param median the typical count
 * @param sigma  spread of the logarithm; 0.5 puts 90% of counts within about 0.4× to 2.3× the median
 */
record TokenDistribution(long median, double sigma, long min, long max) {

    TokenDistribution {
        if (median < min || median > max || sigma < 0) {
            throw new IllegalArgumentException("Invalid token distribution " + median + " in [" + min + ", " + max + "], sigma " + sigma);
        }
    }

    /** The mean of the unclamped distribution: a log-normal's mean lies above its median. */
    double mean() {
        return median * Math.exp(sigma * sigma / 2);
    }

    long sample(Random random) {
        long tokens = Math.round(median * Math.exp(sigma * random.nextGaussian()));
        return Math.max(min, Math.min(max, tokens));
    }
}
