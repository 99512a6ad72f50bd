package io.llmwatch.processor.detection.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One view of a series: a rolling median of its newest observations (the baseline) and, per averaging scale, the
 * largest deviation from that baseline seen so far (the record). The surprise of a new observation is its deviation
 * divided by the record: above 1 means "larger than anything in recent memory".
 *
 * <p>Measuring against the series' own record rather than against a standard deviation makes one parameter set fit
 * very different series: a spiky series has a high record and stays quiet about its usual spikes, a calm one
 * notices small moves, and either adapts as the record fades.
 *
 * @param history           the newest observations, oldest first, at most {@code baselineObservations} of them
 * @param largestDeviations per scale, the fading record; 0 until the scale has measured a deviation
 */
public record DeviationTrack(List<Double> history, List<Double> largestDeviations) {

    public DeviationTrack {
        history = List.copyOf(history);
        largestDeviations = List.copyOf(largestDeviations);
    }

    static DeviationTrack empty(AnomalySettings settings) {
        return new DeviationTrack(List.of(), Collections.nCopies(settings.scales().size(), 0.0));
    }

    /**
     * The new track, the observation's surprise (0 while it may not score; infinite after a flat history), and the
     * baseline it was measured against: the median of the history before it, {@code NaN} when there was none.
     */
    record Observed(DeviationTrack track, double surprise, double baseline) {

        /** The baseline; {@code value} when there was no history yet. */
        double baselineOr(double value) {
            return Double.isNaN(baseline) ? value : baseline;
        }
    }

    Observed observe(double value, boolean mayScore, AnomalySettings settings) {
        if (largestDeviations.size() != settings.scales().size()) {
            throw new IllegalArgumentException("state has " + largestDeviations.size() + " scales, settings have "
                    + settings.scales().size());
        }
        // Once per observation: sorting the history was most of what scoring a closed bucket cost.
        double baseline = history.isEmpty() ? Double.NaN : median();
        List<Double> records = largestDeviations;
        double surprise = 0;
        if (history.size() >= settings.minimumBaselineObservations()) {
            records = new ArrayList<>(largestDeviations.size());
            for (int i = 0; i < settings.scales().size(); i++) {
                double deviation = Math.abs(meanOfNewest(value, settings.scales().get(i)) - baseline);
                double record = largestDeviations.get(i);
                if (mayScore) {
                    surprise = Math.max(surprise, surprise(deviation, record));
                }
                records.add(nextRecord(record, deviation, settings));
            }
        }
        return new Observed(
                new DeviationTrack(NewestValues.append(history, value, settings.baselineObservations()), records),
                surprise, baseline);
    }

    private double median() {
        double[] sorted = history.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Mean of the value and the {@code scale - 1} observations before it (fewer while the history is short). */
    private double meanOfNewest(double value, int scale) {
        int fromHistory = Math.min(scale - 1, history.size());
        double sum = value;
        for (int i = history.size() - fromHistory; i < history.size(); i++) {
            sum += history.get(i);
        }
        return sum / (fromHistory + 1);
    }

    private static double surprise(double deviation, double record) {
        if (record > 0) {
            return deviation / record;
        }
        // After a perfectly flat stretch any move at all is news.
        return deviation > 0 ? Double.POSITIVE_INFINITY : 0;
    }

    private static double nextRecord(double record, double deviation, AnomalySettings settings) {
        double admitted = record > 0 ? Math.min(deviation, settings.recordGrowthLimit() * record) : deviation;
        return Math.max(admitted, record * settings.recordDecay());
    }
}
