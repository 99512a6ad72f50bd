package io.llmwatch.processor.detection.nab;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns scored series into NAB sweep points, following {@code nab/sweeper.py} ({@code calcSweepScore}) of
 * numenta/NAB: where each record lies relative to the labelled windows decides what a detection there is worth.
 *
 * <ul>
 *   <li>The first 15% of each series (at most 750 records) is probation: neither rewarded nor penalised.</li>
 *   <li>Inside a window the reward falls along a scaled sigmoid from 1 at the window's first record to almost 0 at
 *       its last, so early detection pays.</li>
 *   <li>Before the first window a detection costs the full -1; after a window the cost grows from about 0 to -1
 *       with the distance past it, measured in window widths.</li>
 * </ul>
 *
 * <p>One deliberate difference: after a window only one record wide, NAB divides by zero; here a detection past
 * it simply costs the full -1.
 */
public final class NabSweeper {

    private static final double PROBATION_FRACTION = 0.15;
    /** NAB caps probation at 15% of 5000 records. */
    private static final double MAX_PROBATION_RECORDS = PROBATION_FRACTION * 5000;
    /** The scaled sigmoid at a window's first record: the best reward there is. */
    private static final double EARLIEST_DETECTION = scaledSigmoid(-1.0);

    private NabSweeper() {
    }

    /** Sweep points of every scorable record of the corpus; window ids count windows across the whole corpus. */
    public static List<SweepPoint> sweep(List<ScoredSeries> corpus) {
        List<SweepPoint> points = new ArrayList<>();
        int firstWindowId = 0;
        for (ScoredSeries scored : corpus) {
            sweep(scored, firstWindowId, points);
            firstWindowId += scored.series().windows().size();
        }
        return points;
    }

    private static void sweep(ScoredSeries scored, int firstWindowId, List<SweepPoint> points) {
        List<AnomalyWindow> windows = scored.series().windows();
        int rows = scored.anomalyScores().size();
        double probation = probationRecords(rows);
        int nextWindow = 0;
        AnomalyWindow previous = null;
        for (int row = 0; row < rows; row++) {
            while (nextWindow < windows.size() && windows.get(nextWindow).lastRow() < row) {
                previous = windows.get(nextWindow++);
            }
            if (row < probation) {
                continue;
            }
            double anomalyScore = scored.anomalyScores().get(row);
            if (nextWindow < windows.size() && windows.get(nextWindow).contains(row)) {
                AnomalyWindow window = windows.get(nextWindow);
                points.add(new SweepPoint(anomalyScore, insideScore(window, row), firstWindowId + nextWindow));
            } else {
                points.add(new SweepPoint(anomalyScore, outsideScore(previous, row), SweepPoint.OUTSIDE_WINDOWS));
            }
        }
    }

    /** NAB's {@code min(floor(0.15 * rows), 0.15 * 5000)}; records before it are probation. */
    static double probationRecords(int rows) {
        return Math.min(Math.floor(PROBATION_FRACTION * rows), MAX_PROBATION_RECORDS);
    }

    private static double insideScore(AnomalyWindow window, int row) {
        double position = -(window.lastRow() - row + 1) / (double) window.width();
        return scaledSigmoid(position) / EARLIEST_DETECTION;
    }

    private static double outsideScore(AnomalyWindow previous, int row) {
        if (previous == null) {
            return -1.0;
        }
        double widthsPastWindow = Math.abs(previous.lastRow() - row) / (double) (previous.width() - 1);
        return scaledSigmoid(widthsPastWindow);
    }

    /**
     * NAB's scaled sigmoid: -1 at a window's start gives 0.987, 0 at its end gives 0, beyond it goes to -1
     * (and is exactly -1 more than three window widths after it).
     */
    private static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * relativePosition) - 1.0;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
