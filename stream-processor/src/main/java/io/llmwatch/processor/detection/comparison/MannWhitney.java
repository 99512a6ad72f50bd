package io.llmwatch.processor.detection.comparison;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Mann–Whitney U test of two samples, computed from the samples sorted: one merge walk counts, for every pair,
 * whether "after" is larger, and gathers the tie groups. Detectors run it on every observation, so it avoids the boxed
 * pooled ranking of commons-math3's {@code MannWhitneyUTest}, and it applies the standard tie correction that one
 * lacks: llmwatch's pass/fail heuristic scores are nearly all ties, and without the correction their p-values are far
 * too large. On untied data both agree (the tests check it).
 *
 * @param uAfter pairs in which "after" is larger, ties counting one half
 * @param pValue two-sided, from the normal approximation with tie correction; 1 when every value is the same
 */
record MannWhitney(double uAfter, double pValue) {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    static MannWhitney of(double[] sortedBefore, double[] sortedAfter) {
        double n1 = sortedBefore.length;
        double n2 = sortedAfter.length;
        double uAfter = 0;
        double tieTerm = 0;
        int i = 0;
        int j = 0;
        while (i < sortedBefore.length || j < sortedAfter.length) {
            double value = j == sortedAfter.length || (i < sortedBefore.length && sortedBefore[i] < sortedAfter[j])
                    ? sortedBefore[i] : sortedAfter[j];
            int beforeBelow = i;
            int beforeTies = 0;
            while (i < sortedBefore.length && sortedBefore[i] == value) {
                i++;
                beforeTies++;
            }
            int afterTies = 0;
            while (j < sortedAfter.length && sortedAfter[j] == value) {
                j++;
                afterTies++;
            }
            uAfter += afterTies * (beforeBelow + beforeTies / 2.0);
            double tied = beforeTies + afterTies;
            tieTerm += tied * tied * tied - tied;
        }
        double n = n1 + n2;
        double variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (variance <= 0) {
            return new MannWhitney(uAfter, 1);
        }
        double z = (uAfter - n1 * n2 / 2) / Math.sqrt(variance);
        return new MannWhitney(uAfter, Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z))));
    }
}
