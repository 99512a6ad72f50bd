package io.llmwatch.launcher.simulator;

import java.util.Arrays;
import java.util.Random;

/**
 * Ranks 1..n with probability proportional to 1/rank^exponent: a few users make most of the calls and
 * a long tail makes a few each, as in any real product.
 */
final class Zipf {

    private final double[] cumulative;

    Zipf(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("A Zipf distribution needs at least one rank, was " + n);
        }
        cumulative = new double[n];
        double total = 0;
        for (int rank = 1; rank <= n; rank++) {
            total += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= total;
        }
    }

    /** A rank from 1 to n. */
    int sample(Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length, (index >= 0 ? index : -index - 1) + 1);
    }
}
