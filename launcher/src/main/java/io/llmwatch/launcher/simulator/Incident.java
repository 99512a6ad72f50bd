package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.TokenUsage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * The scripted cost incident, the way such incidents really happen: a release of one feature inlines the
 * whole conversation history into its prompt (a new prompt version) and routes the feature to a pricier
 * model. The context grows by exactly as much as needed for the feature's typical request to cost the
 * configured multiple of what it did.
 */
final class Incident {

    static final String RELEASE = "2025.11.4";

    private static final String RUNAWAY_CONTEXT = """


            Conversation so far, every earlier message verbatim:
            {{full_history}}""";

    private final Feature feature;
    private final Instant startsAt;
    private final Treatment treatment;
    private final double costMultiplier;

    private Incident(Feature feature, Instant startsAt, Treatment treatment, double costMultiplier) {
        this.feature = feature;
        this.startsAt = startsAt;
        this.treatment = treatment;
        this.costMultiplier = costMultiplier;
    }

    static Incident plan(SimulatedApp app, SimulatorConfig config, Instant simulationStart) {
        Feature feature = app.feature(config.incidentFeature());
        PromptVariant original = feature.originalPrompt();
        PromptVariant runaway = app.prompt(original.version().name(), original.template() + RUNAWAY_CONTEXT, original.outputScale());
        double contextGrowth = contextGrowth(feature, config.incidentCostMultiplier());
        return new Incident(feature, simulationStart.plus(config.incidentAfter()),
                new Treatment(feature.upgradeModel(), runaway, contextGrowth, RELEASE, CallSampler.ERROR_RATE), config.incidentCostMultiplier());
    }

    /**
     * The factor on the prompt length that makes the feature's mean request on the upgrade model cost
     * {@code costMultiplier} times its mean request on the usual model. Cost is linear in the uncached
     * prompt tokens, so it is solved directly; at least 1, since a pricier model alone may overshoot.
     */
    static double contextGrowth(Feature feature, double costMultiplier) {
        CallShape shape = feature.shape();
        BigDecimal target = feature.model().price().costOf(CallSampler.meanUsage(shape, feature.model()))
                .multiply(BigDecimal.valueOf(costMultiplier));
        TokenUsage upgradedUsage = CallSampler.meanUsage(shape, feature.upgradeModel());
        BigDecimal upgraded = feature.upgradeModel().price().costOf(upgradedUsage);
        BigDecimal costPerPromptLength = feature.upgradeModel().price().costOf(TokenUsage.of(upgradedUsage.inputTokens(), 0));
        double growth = 1 + target.subtract(upgraded).divide(costPerPromptLength, MathContext.DECIMAL64).doubleValue();
        return Math.max(1, growth);
    }

    boolean affects(Feature candidate, Instant at) {
        return candidate.equals(feature) && !at.isBefore(startsAt);
    }

    Instant startsAt() {
        return startsAt;
    }

    Treatment treatment() {
        return treatment;
    }

    String describe() {
        return String.format("%s: release %s inlines the whole conversation into prompt %s v%d (%.1f× the prompt tokens) "
                        + "and moves from %s to %s, so a request costs about %.0f× as much",
                feature.name(), RELEASE, treatment.prompt().version().name(), treatment.prompt().version().version(),
                treatment.inputScale(), feature.model().name(), treatment.model().name(), costMultiplier);
    }
}
