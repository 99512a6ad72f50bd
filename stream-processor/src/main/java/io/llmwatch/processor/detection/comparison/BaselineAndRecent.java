package io.llmwatch.processor.detection.comparison;

import java.util.Objects;

/**
 * Two adjacent windows over one series: the newest values ({@code recent}) and the values just before them
 * ({@code baseline}). A value enters the recent window; the value it pushes out moves on into the baseline, unless
 * the baseline is held, as detectors do during an incident so that an incident never becomes the normal it is
 * compared with.
 */
public record BaselineAndRecent(RecentValues baseline, RecentValues recent) {

    public BaselineAndRecent {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(recent, "recent");
    }

    public static BaselineAndRecent empty() {
        return new BaselineAndRecent(RecentValues.none(), RecentValues.none());
    }

    /**
     * Windows that start out with someone else's values as their baseline and nothing recent, so the first values of
     * a new series are compared with the series it replaces; its own values push them out of the baseline in time.
     */
    public static BaselineAndRecent succeeding(double[] predecessorValues, WindowSizes sizes) {
        return new BaselineAndRecent(RecentValues.newestOf(predecessorValues, sizes.baseline()), RecentValues.none());
    }

    public BaselineAndRecent add(double value, WindowSizes sizes, boolean holdBaseline) {
        RecentValues nextRecent = recent.append(value, sizes.recent());
        if (recent.count() < sizes.recent() || holdBaseline) {
            return new BaselineAndRecent(baseline, nextRecent);
        }
        return new BaselineAndRecent(baseline.append(recent.oldest(), sizes.baseline()), nextRecent);
    }

    /** Whether both windows hold at least {@code minimumSamples} values, enough to compare them. */
    public boolean comparable(int minimumSamples) {
        return baseline.count() >= minimumSamples && recent.count() >= minimumSamples;
    }

    /** How the recent window differs from the baseline; only call once {@link #comparable comparable}. */
    public Shift shift() {
        return Shift.between(baseline.toArray(), recent.toArray());
    }

    /** Both windows as one sample, oldest first: everything remembered of the series. */
    public double[] all() {
        double[] before = baseline.toArray();
        double[] after = recent.toArray();
        double[] all = new double[before.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(after, 0, all, before.length, after.length);
        return all;
    }
}
