package io.llmwatch.launcher.simulator;

import java.time.Duration;
import java.util.Random;

/** How many independent users send a request within an interval: Poisson, like arrivals at any busy service. */
final class PoissonArrivals {

    /** Above this mean Knuth's method underflows and slows down; the normal approximation is then close enough. */
    private static final double NORMAL_APPROXIMATION_FROM = 30;

    private final double perSecond;
    private final Random random;

    PoissonArrivals(double perSecond, Random random) {
        this.perSecond = perSecond;
        this.random = random;
    }

    int during(Duration interval) {
        double mean = perSecond * interval.toNanos() / 1e9;
        if (mean > NORMAL_APPROXIMATION_FROM) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        // Knuth: count uniforms multiplied together until the product falls below e^-mean.
        double threshold = Math.exp(-mean);
        int arrivals = 0;
        for (double product = random.nextDouble(); product > threshold; product *= random.nextDouble()) {
            arrivals++;
        }
        return arrivals;
    }
}
