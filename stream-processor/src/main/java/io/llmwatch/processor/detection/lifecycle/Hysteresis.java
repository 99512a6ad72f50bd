package io.llmwatch.processor.detection.lifecycle;

import io.llmwatch.schemas.alert.AlertStatus;

import java.util.Objects;
import java.util.Optional;

/**
 * The alert lifecycle every detector shares: {@code RESOLVED → PENDING → FIRING → RESOLVING → RESOLVED}.
 *
 * <p>Two mechanisms keep a noisy series from flapping. Firing needs {@code breachesToFire} breaches in a row and
 * resolving {@code clearsToResolve} clears in a row; any other reading breaks the run. And detectors test breach and
 * clear against different thresholds, so a series hovering near the firing threshold reads breached or borderline,
 * never clear: it cannot resolve, so it cannot fire twice. One incident, one firing.
 *
 * <p>Stateless itself: the state goes in and comes out.
 */
public final class Hysteresis {

    private final LifecycleSettings settings;

    public Hysteresis(LifecycleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The new lifecycle and, when the alert changed, the change. */
    public record Step(LifecycleState state, Optional<Transition> transition) {
    }

    /** The alert fired or resolved; both transitions of one incident name the same incident. */
    public record Transition(AlertStatus status, Incident incident) {
    }

    /**
     * One evaluation. Its values may come from partitions processed at different paces, so the lifecycle dates each
     * transition by the newest event time it has evaluated, not by the evaluated value's own: a late value from a
     * lagging partition must not date an incident, or its resolution, before what was already seen.
     */
    public Step step(LifecycleState state, Reading reading, long eventTimeMillis) {
        LifecycleState seen = new LifecycleState(state.phase(), state.streak(), state.incidentStartMillis(),
                state.resolvedAtMillis(), Math.max(state.newestEventMillis(), eventTimeMillis));
        return switch (seen.phase()) {
            case RESOLVED -> reading == Reading.BREACHED
                    ? towardsFiring(1, seen.newestEventMillis(), seen)
                    : withoutChange(seen);
            case PENDING -> reading == Reading.BREACHED
                    ? towardsFiring(seen.streak() + 1, seen.incidentStartMillis(), seen)
                    : withoutChange(state(Phase.RESOLVED, 0, 0, seen.resolvedAtMillis(), seen));
            case FIRING -> reading == Reading.CLEAR
                    ? towardsResolved(1, seen)
                    : withoutChange(seen);
            case RESOLVING -> switch (reading) {
                case CLEAR -> towardsResolved(seen.streak() + 1, seen);
                case BREACHED, BORDERLINE -> withoutChange(state(Phase.FIRING, 0, seen.incidentStartMillis(),
                        seen.resolvedAtMillis(), seen));
            };
        };
    }

    /**
     * Ends the incident at once because what it was about is gone, e.g. its prompt version was replaced: an alert
     * that fired is resolved, a pending one is forgotten.
     */
    public Step end(LifecycleState state, long eventTimeMillis) {
        long now = Math.max(state.newestEventMillis(), eventTimeMillis);
        boolean fired = state.phase() == Phase.FIRING || state.phase() == Phase.RESOLVING;
        Optional<Transition> resolution = fired
                ? Optional.of(new Transition(AlertStatus.RESOLVED, incident(state.incidentStartMillis(), now)))
                : Optional.empty();
        return new Step(new LifecycleState(Phase.RESOLVED, 0, 0, fired ? now : state.resolvedAtMillis(), now), resolution);
    }

    private Step towardsFiring(int breaches, long incidentStartMillis, LifecycleState seen) {
        if (breaches >= settings.breachesToFire()) {
            return new Step(state(Phase.FIRING, 0, incidentStartMillis, seen.resolvedAtMillis(), seen),
                    Optional.of(new Transition(AlertStatus.FIRING, incident(incidentStartMillis, seen.newestEventMillis()))));
        }
        return withoutChange(state(Phase.PENDING, breaches, incidentStartMillis, seen.resolvedAtMillis(), seen));
    }

    private Step towardsResolved(int clears, LifecycleState seen) {
        if (clears >= settings.clearsToResolve()) {
            return new Step(state(Phase.RESOLVED, 0, 0, seen.newestEventMillis(), seen),
                    Optional.of(new Transition(AlertStatus.RESOLVED,
                            incident(seen.incidentStartMillis(), seen.newestEventMillis()))));
        }
        return withoutChange(state(Phase.RESOLVING, clears, seen.incidentStartMillis(), seen.resolvedAtMillis(), seen));
    }

    private static LifecycleState state(Phase phase, int streak, long incidentStartMillis, long resolvedAtMillis,
                                        LifecycleState seen) {
        return new LifecycleState(phase, streak, incidentStartMillis, resolvedAtMillis, seen.newestEventMillis());
    }

    /** An incident is named by the newest event time evaluated at its first breach. */
    private static Incident incident(long startMillis, long eventTimeMillis) {
        return new Incident(Long.toString(startMillis), startMillis, Math.max(startMillis, eventTimeMillis));
    }

    private static Step withoutChange(LifecycleState state) {
        return new Step(state, Optional.empty());
    }
}
