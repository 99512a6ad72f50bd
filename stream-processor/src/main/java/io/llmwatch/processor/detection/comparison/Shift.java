package io.llmwatch.processor.detection.comparison;

import java.util.Arrays;

/**
 * How a sample ({@code after}) differs from an earlier one ({@code before}): their centres, a rank effect size and a
 * significance test. Rank statistics suit what llmwatch measures, which is skewed and heavy-tailed (latency, tokens,
 * cost) or bounded and lumpy (scores): no normality is assumed, and one outlier moves nothing.
 *
 * @param cliffsDelta effect size in [-1, 1]: P(after &gt; before) - P(after &lt; before) for a random pair, i.e. the
 *                    rank-biserial correlation of the Mann–Whitney U. Positive means "after" tends to be larger; by
 *                    Romano et al.'s rule of thumb |δ| ≥ 0.147 is small, ≥ 0.33 medium, ≥ 0.474 large.
 * @param pValue      two-sided p-value of the Mann–Whitney U test, tie-corrected (see {@link MannWhitney})
 */
public record Shift(int beforeCount, int afterCount, double beforeMean, double afterMean, double beforeMedian,
                    double afterMedian, double cliffsDelta, double pValue) {

    public static Shift between(double[] before, double[] after) {
        if (before.length == 0 || after.length == 0) {
            throw new IllegalArgumentException("both samples need values, got " + before.length + " and " + after.length);
        }
        double[] sortedBefore = sorted(before);
        double[] sortedAfter = sorted(after);
        MannWhitney test = MannWhitney.of(sortedBefore, sortedAfter);
        double pairs = (double) before.length * after.length;
        return new Shift(before.length, after.length, mean(before), mean(after), median(sortedBefore),
                median(sortedAfter), 2 * test.uAfter() / pairs - 1, test.pValue());
    }

    /** The ratio of the medians, after / before; infinite when before was 0 and after is not. */
    public double medianRatio() {
        if (beforeMedian == 0) {
            return afterMedian == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return afterMedian / beforeMedian;
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        if (Double.isNaN(copy[copy.length - 1])) {
            throw new IllegalArgumentException("samples must not contain NaN");
        }
        return copy;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
