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

    public Step step(LifecycleState state, Reading reading, long eventTimeMillis) {
        return switch (state.phase()) {
            case RESOLVED -> reading == Reading.BREACHED
                    ? towardsFiring(1, eventTimeMillis, eventTimeMillis, state.resolvedAtMillis())
                    : withoutChange(state);
            case PENDING -> reading == Reading.BREACHED
                    ? towardsFiring(state.streak() + 1, state.incidentStartMillis(), eventTimeMillis, state.resolvedAtMillis())
                    : withoutChange(LifecycleState.resolvedAt(state.resolvedAtMillis()));
            case FIRING -> reading == Reading.CLEAR
                    ? towardsResolved(1, state, eventTimeMillis)
                    : withoutChange(state);
            case RESOLVING -> switch (reading) {
                case CLEAR -> towardsResolved(state.streak() + 1, state, eventTimeMillis);
                case BREACHED, BORDERLINE -> withoutChange(firing(state.incidentStartMillis(), state.resolvedAtMillis()));
            };
        };
    }

    /**
     * Ends the incident at once because what it was about is gone, e.g. its prompt version was replaced: an alert
     * that fired is resolved, a pending one is forgotten.
     */
    public Step end(LifecycleState state, long eventTimeMillis) {
        boolean fired = state.phase() == Phase.FIRING || state.phase() == Phase.RESOLVING;
        Optional<Transition> resolution = fired
                ? Optional.of(new Transition(AlertStatus.RESOLVED, incident(state.incidentStartMillis(), eventTimeMillis)))
                : Optional.empty();
        return new Step(LifecycleState.resolvedAt(fired ? eventTimeMillis : state.resolvedAtMillis()), resolution);
    }

    private Step towardsFiring(int breaches, long incidentStartMillis, long eventTimeMillis, long resolvedAtMillis) {
        if (breaches >= settings.breachesToFire()) {
            return new Step(firing(incidentStartMillis, resolvedAtMillis),
                    Optional.of(new Transition(AlertStatus.FIRING, incident(incidentStartMillis, eventTimeMillis))));
        }
        return withoutChange(new LifecycleState(Phase.PENDING, breaches, incidentStartMillis, resolvedAtMillis));
    }

    private Step towardsResolved(int clears, LifecycleState state, long eventTimeMillis) {
        long incidentStartMillis = state.incidentStartMillis();
        if (clears >= settings.clearsToResolve()) {
            return new Step(LifecycleState.resolvedAt(Math.max(incidentStartMillis, eventTimeMillis)),
                    Optional.of(new Transition(AlertStatus.RESOLVED, incident(incidentStartMillis, eventTimeMillis))));
        }
        return withoutChange(new LifecycleState(Phase.RESOLVING, clears, incidentStartMillis, state.resolvedAtMillis()));
    }

    /** An incident is named by the event time of its first breach; events may arrive slightly out of order. */
    private static Incident incident(long startMillis, long eventTimeMillis) {
        return new Incident(Long.toString(startMillis), startMillis, Math.max(startMillis, eventTimeMillis));
    }

    private static LifecycleState firing(long incidentStartMillis, long resolvedAtMillis) {
        return new LifecycleState(Phase.FIRING, 0, incidentStartMillis, resolvedAtMillis);
    }

    private static Step withoutChange(LifecycleState state) {
        return new Step(state, Optional.empty());
    }
}
