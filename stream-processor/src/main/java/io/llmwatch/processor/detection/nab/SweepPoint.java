package io.llmwatch.processor.detection.nab;

/**
 * One scorable record (outside the probation period) as NAB's sweep sees it.
 *
 * @param anomalyScore    the detector's score; the record counts as a detection when it reaches the threshold
 * @param unweightedScore what a detection here is worth before the profile's weights: inside a window, the
 *                        scaled sigmoid of its position divided by the best possible one (so in (0, 1]); outside,
 *                        the scaled sigmoid of its distance past the previous window (so in [-1, 0))
 * @param windowId        the corpus-wide id of the window the record lies in, or {@link #OUTSIDE_WINDOWS}
 */
public record SweepPoint(double anomalyScore, double unweightedScore, int windowId) {

    public static final int OUTSIDE_WINDOWS = -1;

    public SweepPoint {
        if (windowId < OUTSIDE_WINDOWS) {
            throw new IllegalArgumentException("windowId must be a window's id or OUTSIDE_WINDOWS: " + windowId);
        }
    }

    public boolean insideWindow() {
        return windowId != OUTSIDE_WINDOWS;
    }
}
