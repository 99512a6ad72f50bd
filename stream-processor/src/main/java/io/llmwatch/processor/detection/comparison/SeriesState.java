package io.llmwatch.processor.detection.comparison;

import io.llmwatch.processor.detection.lifecycle.Exemplars;
import io.llmwatch.processor.detection.lifecycle.LifecycleState;

import java.util.Objects;

/**
 * What a {@link SeriesWatch} remembers of one key: at most {@code recent + baseline} values, one comparison and five
 * trace ids, whatever the traffic.
 *
 * @param observations values seen so far, which paces the evaluations
 * @param windows      the newest values and the values before them
 * @param lastShift    the latest evaluation's comparison, which judges exemplars between evaluations; {@code null}
 *                     before the first
 * @param lifecycle    the alert's lifecycle
 * @param exemplars    the newest traces whose value showed the problem
 */
public record SeriesState(long observations, BaselineAndRecent windows, Shift lastShift, LifecycleState lifecycle,
                          Exemplars exemplars) {

    public SeriesState {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(exemplars, "exemplars");
    }

    public static SeriesState start() {
        return new SeriesState(0, BaselineAndRecent.empty(), null, LifecycleState.resolved(), Exemplars.none());
    }

    /**
     * A new series judged at first against the newest values of {@code predecessor}, e.g. a new prompt version's
     * quality against the version before it. While the predecessor has an incident open its held baseline stands in
     * for it, so a new version is not measured against an old version's own degradation.
     */
    public static SeriesState succeeding(SeriesState predecessor, WindowSizes sizes) {
        double[] before = predecessor.lifecycle().incidentOpen()
                ? predecessor.windows().baseline().toArray()
                : predecessor.windows().all();
        return new SeriesState(0, BaselineAndRecent.succeeding(before, sizes), null, LifecycleState.resolved(),
                Exemplars.none());
    }
}
