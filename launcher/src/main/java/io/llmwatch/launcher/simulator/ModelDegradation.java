package io.llmwatch.launcher.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo's second incident, a provider having a bad minute: one model (the one behind search-summarize) starts
 * to answer three times slower, first token included, and fails 30% of its calls, for a minute, a while after the
 * cost incident. It is what the latency, time-to-first-token and error-rate detectors are for.
 */
final class ModelDegradation {

    /**
     * Well after the cost incident, so the two stories do not overlap on the console, and late enough for the
     * regression detectors to have learnt the model's normal (hundreds of calls) at the demo's rate.
     */
    static final Duration AFTER_COST_INCIDENT = Duration.ofSeconds(180);
    static final Duration LENGTH = Duration.ofSeconds(60);
    static final double SLOWDOWN = 3;
    static final double ERROR_RATE = 0.3;

    private final SimulatedModel model;
    private final Instant startsAt;

    private ModelDegradation(SimulatedModel model, Instant startsAt) {
        this.model = model;
        this.startsAt = startsAt;
    }

    static ModelDegradation plan(SimulatedApp app, Instant costIncidentStart) {
        return new ModelDegradation(app.feature(SimulatedApp.SEARCH_SUMMARIZE).model(),
                costIncidentStart.plus(AFTER_COST_INCIDENT));
    }

    boolean affects(SimulatedModel candidate, Instant at) {
        return candidate.equals(model) && !at.isBefore(startsAt) && at.isBefore(startsAt.plus(LENGTH));
    }

    /** The same call on the degraded model: slower and failing more often. */
    Treatment apply(Treatment treatment) {
        return new Treatment(model.slowedBy(SLOWDOWN), treatment.prompt(), treatment.inputScale(), treatment.release(),
                ERROR_RATE);
    }

    Instant startsAt() {
        return startsAt;
    }

    String describe() {
        return String.format("%s of %s turns %.0f× slower and fails %.0f%% of its calls for %ds", model.name(),
                model.provider(), SLOWDOWN, ERROR_RATE * 100, LENGTH.toSeconds());
    }
}
