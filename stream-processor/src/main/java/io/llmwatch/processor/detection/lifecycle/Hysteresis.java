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

    /** The new lifecycle and, when the alert changed, its new status. */
    public record Step(LifecycleState state, Optional<AlertStatus> change) {
    }

    public Step step(LifecycleState state, Reading reading, long eventTimeMillis) {
        return switch (state.phase()) {
            case RESOLVED -> reading == Reading.BREACHED
                    ? towardsFiring(1, eventTimeMillis)
                    : unchanged(state);
            case PENDING -> reading == Reading.BREACHED
                    ? towardsFiring(state.streak() + 1, state.incidentStartMillis())
                    : unchanged(LifecycleState.resolved());
            case FIRING -> reading == Reading.CLEAR
                    ? towardsResolved(1, state.incidentStartMillis())
                    : unchanged(state);
            case RESOLVING -> switch (reading) {
                case CLEAR -> towardsResolved(state.streak() + 1, state.incidentStartMillis());
                case BREACHED, BORDERLINE -> unchanged(firing(state.incidentStartMillis()));
            };
        };
    }

    private Step towardsFiring(int breaches, long incidentStartMillis) {
        if (breaches >= settings.breachesToFire()) {
            return new Step(firing(incidentStartMillis), Optional.of(AlertStatus.FIRING));
        }
        return unchanged(new LifecycleState(Phase.PENDING, breaches, incidentStartMillis));
    }

    private Step towardsResolved(int clears, long incidentStartMillis) {
        if (clears >= settings.clearsToResolve()) {
            return new Step(LifecycleState.resolved(), Optional.of(AlertStatus.RESOLVED));
        }
        return unchanged(new LifecycleState(Phase.RESOLVING, clears, incidentStartMillis));
    }

    private static LifecycleState firing(long incidentStartMillis) {
        return new LifecycleState(Phase.FIRING, 0, incidentStartMillis);
    }

    private static Step unchanged(LifecycleState state) {
        return new Step(state, Optional.empty());
    }
}
