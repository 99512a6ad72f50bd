package io.llmwatch.launcher.metrics;

import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.agent.export.DropReason;
import io.llmwatch.agent.otlp.OtlpSidecar;
import io.llmwatch.agent.otlp.SidecarCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * Exposes an agent's counters and its OTLP sidecar's as Micrometer meters. The agent jar stays free of
 * Micrometer (apps embed it); the meters read its counter snapshots when scraped.
 */
public final class AgentMeters {

    private static final double NANOS_PER_SECOND = 1e9;

    private AgentMeters() {
    }

    /** Queue, sent, dropped (by reason), spool and send latency of {@code agent}. */
    public static void bind(LlmWatch agent, MeterRegistry registry) {
        counter(registry, "llmwatch.agent.events.offered", "events handed to the agent", agent, AgentCounters::offered);
        counter(registry, "llmwatch.agent.events.accepted", "events taken for export", agent, AgentCounters::accepted);
        counter(registry, "llmwatch.agent.events.sent", "events the broker acknowledged", agent, AgentCounters::sent);
        counter(registry, "llmwatch.agent.events.failed", "events Kafka refused for good or that could not be encoded",
                agent, AgentCounters::failed);
        counter(registry, "llmwatch.agent.events.spooled", "events written to the disk spool", agent, AgentCounters::spooled);
        counter(registry, "llmwatch.agent.events.replayed", "events read back from the spool", agent, AgentCounters::replayed);
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("llmwatch.agent.events.dropped", agent, watch -> watch.counters().dropped(reason))
                    .description("events dropped, by reason")
                    .tag("reason", reason.label())
                    .register(registry);
        }
        gauge(registry, "llmwatch.agent.queue.size", "events waiting in the queue", agent, AgentCounters::queueSize);
        gauge(registry, "llmwatch.agent.queue.capacity", "the queue's bound", agent, AgentCounters::queueCapacity);
        gauge(registry, "llmwatch.agent.spool.size.bytes", "what the spool occupies on disk", agent, AgentCounters::spoolBytes);
        gauge(registry, "llmwatch.agent.spool.capacity.bytes", "the spool's byte budget", agent, AgentCounters::spoolCapacityBytes);
        gauge(registry, "llmwatch.agent.send.latency.p50.seconds", "median time from send to the broker's acknowledgement",
                agent, counters -> counters.sendLatency().p50Nanos() / NANOS_PER_SECOND);
        gauge(registry, "llmwatch.agent.send.latency.p99.seconds", "99th percentile of the send latency",
                agent, counters -> counters.sendLatency().p99Nanos() / NANOS_PER_SECOND);
    }

    /** Requests and spans the sidecar received, recorded, rejected, ignored and throttled. */
    public static void bind(OtlpSidecar sidecar, MeterRegistry registry) {
        sidecarCounter(registry, "llmwatch.otlp.requests", "OTLP export requests", sidecar, SidecarCounters::requests);
        sidecarCounter(registry, "llmwatch.otlp.requests.refused", "requests refused as malformed or too large",
                sidecar, SidecarCounters::refusedRequests);
        sidecarCounter(registry, "llmwatch.otlp.requests.throttled", "requests answered 429 because the agent's queue was full",
                sidecar, SidecarCounters::throttledRequests);
        sidecarCounter(registry, "llmwatch.otlp.spans.received", "spans received", sidecar, SidecarCounters::spansReceived);
        sidecarCounter(registry, "llmwatch.otlp.spans.recorded", "GenAI spans recorded", sidecar, SidecarCounters::spansRecorded);
        sidecarCounter(registry, "llmwatch.otlp.spans.rejected", "GenAI spans rejected as invalid", sidecar, SidecarCounters::spansRejected);
        sidecarCounter(registry, "llmwatch.otlp.spans.ignored", "spans that are not GenAI spans", sidecar, SidecarCounters::spansIgnored);
    }

    private static void counter(MeterRegistry registry, String name, String description, LlmWatch agent,
                                ToDoubleFunction<AgentCounters> value) {
        FunctionCounter.builder(name, agent, watch -> value.applyAsDouble(watch.counters()))
                .description(description).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, LlmWatch agent,
                              ToDoubleFunction<AgentCounters> value) {
        Gauge.builder(name, agent, watch -> value.applyAsDouble(watch.counters()))
                .description(description).register(registry);
    }

    private static void sidecarCounter(MeterRegistry registry, String name, String description, OtlpSidecar sidecar,
                                       ToDoubleFunction<SidecarCounters> value) {
        FunctionCounter.builder(name, sidecar, running -> value.applyAsDouble(running.counters()))
                .description(description).register(registry);
    }
}
