package io.llmwatch.processor.detection.anomaly;

/**
 * How far a key's spend per bucket strays by chance alone, learnt from its closed buckets: a bucket's spend is a
 * Poisson number of calls, each costing at most about the key's most expensive usual call. Bennett's inequality
 * bounds the chance that such traffic spends a given amount in one bucket, whatever the shape of the call costs.
 *
 * <p>Why the anomaly score alone is not enough: it measures a bucket against the largest deviation in a key's
 * recent memory, a hundred buckets or so. A key with a call or two per bucket, whose calls may cost fifty times one
 * another, has a far longer tail than a hundred buckets show: among thousands of such keys, some bucket lands a
 * few of the dearest calls every minute, three times "the worst recent moment", by pure chance. This bound knows
 * the tail from the key's call rate and costs instead, and for a key with thousands of calls per bucket it is
 * negligible next to the score.
 *
 * @param buckets         closed buckets learnt from
 * @param meanSpendUsd    mean spend per bucket
 * @param meanSquaresUsd  mean per bucket of the sum of its calls' squared costs: the variance of a bucket's spend
 * @param largestCallUsd  the most expensive call in recent memory, fading like the detector's records
 */
public record SpendNoise(long buckets, double meanSpendUsd, double meanSquaresUsd, double largestCallUsd) {

    public static final SpendNoise NONE = new SpendNoise(0, 0, 0, 0);

    public SpendNoise {
        if (buckets < 0) {
            throw new IllegalArgumentException("buckets must not be negative: " + buckets);
        }
    }

    /**
     * Learns one closed bucket: plain means over the first {@code baselineObservations} buckets, then exponentially
     * weighted ones that remember about as many.
     */
    SpendNoise learn(BucketSpend bucket, AnomalySettings settings) {
        double weight = 1.0 / Math.min(buckets + 1, settings.baselineObservations());
        return new SpendNoise(buckets + 1,
                meanSpendUsd + weight * (bucket.usd().doubleValue() - meanSpendUsd),
                meanSquaresUsd + weight * (bucket.sumOfSquaresUsd() - meanSquaresUsd),
                Math.max(bucket.largestCallUsd(), largestCallUsd * settings.recordDecay()));
    }

    /**
     * An upper bound on the chance that the usual traffic spends at least {@code spendUsd} in one bucket (Bennett):
     * {@code exp(-(v / b²) h(b t / v))} for an excess {@code t} over the mean, with {@code v} the variance, {@code b}
     * the largest call and {@code h(u) = (1 + u) ln(1 + u) - u}.
     */
    double chanceOfSpending(double spendUsd) {
        double excess = spendUsd - meanSpendUsd;
        if (excess <= 0) {
            return 1;
        }
        if (meanSquaresUsd <= 0 || largestCallUsd <= 0) {
            // A key that never spent anything: any spend at all is news.
            return 0;
        }
        double u = largestCallUsd * excess / meanSquaresUsd;
        double h = (1 + u) * Math.log1p(u) - u;
        return Math.exp(-meanSquaresUsd / (largestCallUsd * largestCallUsd) * h);
    }
}
