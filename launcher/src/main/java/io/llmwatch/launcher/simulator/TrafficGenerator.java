package io.llmwatch.launcher.simulator;

import io.llmwatch.agent.Attribution;
import io.llmwatch.agent.LlmCall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The simulated app's traffic, one request at a time, with no clock and no I/O of its own: the caller says
 * when each request ends. Given the same seed and the same instants it produces the same traffic, spans,
 * ids and all, which is what makes it testable on its own.
 */
public final class TrafficGenerator {

    /** How long one user's session lasts: requests of a user within the same window share a session id. */
    static final Duration SESSION_LENGTH = Duration.ofMinutes(15);

    private static final double THUMBS_UP_SHARE = 0.8;

    private final Random random;
    private final SimulatedApp app;
    private final Incident incident;
    private final ModelDegradation degradation;
    private final PoissonArrivals arrivals;
    private final SimulatedIds ids;
    private final CallSampler calls;
    private final AgentWorkflowSampler workflows;

    /**
     * @param random          the only source of randomness; seed it for reproducible traffic
     * @param simulationStart the moment {@link SimulatorConfig#incidentAfter()} counts from
     */
    public TrafficGenerator(SimulatorConfig config, Random random, Instant simulationStart) {
        this.random = random;
        this.app = new SimulatedApp();
        this.incident = Incident.plan(app, config, simulationStart);
        this.degradation = ModelDegradation.plan(app, incident.startsAt());
        this.arrivals = new PoissonArrivals(config.requestsPerSecond(), random);
        this.ids = new SimulatedIds(random);
        this.calls = new CallSampler(random, ids);
        this.workflows = new AgentWorkflowSampler(random, ids, calls);
    }

    /** How many requests arrive within {@code interval} at the configured rate. */
    public int arrivalsDuring(Duration interval) {
        return arrivals.during(interval);
    }

    /** The next request, finished at {@code end}. */
    public Interaction next(Instant end) {
        Tenant tenant = app.tenants().pick(random);
        String user = tenant.pickUser(random);
        Feature feature = app.features().pick(random);
        boolean duringIncident = incident.affects(feature, end);
        Treatment usual = duringIncident ? incident.treatment()
                : new Treatment(feature.model(), feature.prompts().pick(random), 1, SimulatedApp.RELEASE,
                        CallSampler.ERROR_RATE);
        Treatment treatment = degradation.affects(usual.model(), end) ? degradation.apply(usual) : usual;
        Attribution attribution = Attribution.builder()
                .tenant(tenant.name())
                .user(user)
                .session(user + "-" + Long.toString(end.getEpochSecond() / SESSION_LENGTH.toSeconds(), Character.MAX_RADIX))
                .feature(feature.name())
                .environment(SimulatedApp.ENVIRONMENT)
                .release(treatment.release())
                .tag("plan", tenant.plan())
                .build();
        List<LlmCall> spans = feature.agentWorkflow()
                ? workflows.sample(feature, treatment, attribution, end)
                : List.of(calls.chat(feature, treatment, attribution, ids.traceId(), null, end, "stop"));
        return new Interaction(spans, thumbs(feature, spans.get(spans.size() - 1).traceId()), duringIncident);
    }

    public Instant incidentStartsAt() {
        return incident.startsAt();
    }

    public Instant degradationStartsAt() {
        return degradation.startsAt();
    }

    /** One line for a console: which model degrades and how. */
    public String degradationDescription() {
        return degradation.describe();
    }

    /** One line for a console: which feature, what changes and by how much. */
    public String incidentDescription() {
        return incident.describe();
    }

    private Optional<UserFeedback> thumbs(Feature feature, String traceId) {
        if (random.nextDouble() >= feature.quality().thumbsShare()) {
            return Optional.empty();
        }
        boolean up = random.nextDouble() < THUMBS_UP_SHARE;
        return Optional.of(new UserFeedback(traceId, "thumbs", up ? 1 : 0, up ? null : "did not solve my problem"));
    }
}
