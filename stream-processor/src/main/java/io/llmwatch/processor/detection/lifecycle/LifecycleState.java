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
 */
public record LifecycleState(Phase phase, int streak, long incidentStartMillis) {

    public LifecycleState {
        Objects.requireNonNull(phase, "phase");
        if (streak < 0) {
            throw new IllegalArgumentException("streak must not be negative: " + streak);
        }
    }

    public static LifecycleState resolved() {
        return new LifecycleState(Phase.RESOLVED, 0, 0);
    }

    /**
     * Whether an incident is under way (pending, firing or resolving). Detectors stop learning their baseline
     * meanwhile, so an incident never becomes the normal it is measured against.
     */
    public boolean incidentOpen() {
        return phase != Phase.RESOLVED;
    }
}
