package io.llmwatch.processor.detection.lifecycle;

import java.util.Objects;

/**
 * One key's alert lifecycle, kept inside each detector's state.
 *
 * @param phase               where the alert stands
 * @param streak              evaluations in a row that pushed towards the next phase (breaches while pending,
 *                            clears while resolving; 0 otherwise)
 * @param incidentStartMillis event time of the first breach of the current incident, which names it; meaningless
 *                            while {@link Phase#RESOLVED}
 * @param resolvedAtMillis    event time the latest incident resolved; 0 before the first
 * @param newestEventMillis   the newest event time evaluated so far, which dates the transitions (see {@link Hysteresis})
 */
public record LifecycleState(Phase phase, int streak, long incidentStartMillis, long resolvedAtMillis,
                             long newestEventMillis) {

    public LifecycleState {
        Objects.requireNonNull(phase, "phase");
        if (streak < 0) {
            throw new IllegalArgumentException("streak must not be negative: " + streak);
        }
    }

    public static LifecycleState resolved() {
        return new LifecycleState(Phase.RESOLVED, 0, 0, 0, 0);
    }

    /**
     * Whether an incident is under way (pending, firing or resolving). Detectors stop learning their baseline
     * meanwhile, so an incident never becomes the normal it is measured against.
     */
    public boolean incidentOpen() {
        return phase != Phase.RESOLVED;
    }

    /**
     * The event time before which a value is no evidence for this lifecycle: the incident's first breach while one is
     * open, the latest resolution otherwise. A detector key's values come from every input partition, and partitions
     * processed at different paces (a backlog, two threads for three partitions) deliver them minutes out of order. A
     * value from before the incident began cannot say it is over, nor one from before the resolution that it is back;
     * mixed into the windows, such values made an incident fire and resolve over and over.
     */
    public long evidenceSinceMillis() {
        return incidentOpen() ? incidentStartMillis : resolvedAtMillis;
    }
}
