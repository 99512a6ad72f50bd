package io.llmwatch.launcher.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What to simulate.
 *
 * @param requestsPerSecond      user requests per second across all tenants; an agent workflow is one request of several spans
 * @param seed                   the same seed replays the same traffic
 * @param incidentAfter          how long after the start the incident begins
 * @param incidentFeature        the feature whose cost runs away
 * @param incidentCostMultiplier how many times its usual cost per request that feature costs during the incident
 */
public record SimulatorConfig(double requestsPerSecond, long seed, Duration incidentAfter, String incidentFeature,
                              double incidentCostMultiplier) {

    public static final double DEFAULT_REQUESTS_PER_SECOND = 40;
    public static final long DEFAULT_SEED = 42;
    public static final Duration DEFAULT_INCIDENT_AFTER = Duration.ofSeconds(30);
    public static final String DEFAULT_INCIDENT_FEATURE = SimulatedApp.SUPPORT_CHAT;
    public static final double DEFAULT_INCIDENT_COST_MULTIPLIER = 8;

    public SimulatorConfig {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive and finite, was " + requestsPerSecond);
        }
        Objects.requireNonNull(incidentAfter, "incidentAfter");
        if (incidentAfter.isNegative()) {
            throw new IllegalArgumentException("incidentAfter must not be negative, was " + incidentAfter);
        }
        if (!SimulatedApp.FEATURE_NAMES.contains(incidentFeature)) {
            throw new IllegalArgumentException("incidentFeature must be one of " + SimulatedApp.FEATURE_NAMES + ", was " + incidentFeature);
        }
        if (!(incidentCostMultiplier >= 1) || Double.isInfinite(incidentCostMultiplier)) {
            throw new IllegalArgumentException("incidentCostMultiplier must be at least 1, was " + incidentCostMultiplier);
        }
    }

    /** The given rate, seed and incident start, with the default incident: support-chat at 8× its cost. */
    public static SimulatorConfig of(double requestsPerSecond, long seed, Duration incidentAfter) {
        return new SimulatorConfig(requestsPerSecond, seed, incidentAfter, DEFAULT_INCIDENT_FEATURE, DEFAULT_INCIDENT_COST_MULTIPLIER);
    }

    public static SimulatorConfig defaults() {
        return of(DEFAULT_REQUESTS_PER_SECOND, DEFAULT_SEED, DEFAULT_INCIDENT_AFTER);
    }
}
