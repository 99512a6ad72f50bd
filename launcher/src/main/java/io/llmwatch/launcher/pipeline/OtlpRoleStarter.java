package io.llmwatch.launcher.pipeline;

import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.otlp.OtlpSidecar;
import io.llmwatch.agent.otlp.SidecarCounters;
import io.llmwatch.launcher.metrics.AgentMeters;
import io.llmwatch.launcher.pipeline.PipelineSettings.OtlpRole;
import io.llmwatch.processor.metrics.PipelineMetrics;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;

/** Starts the OTLP sidecar for an {@link OtlpRole}, recording through its own agent as an embedding app would. */
final class OtlpRoleStarter {

    /**
     * The name of spans whose resource names no service. OpenTelemetry SDKs always send one, so this is
     * rare; the Java agent's default ({@code unknown_service:java}) would be wrong for other languages.
     */
    private static final String UNKNOWN_SERVICE = "unknown_service";

    private OtlpRoleStarter() {
    }

    /** The running sidecar and its agent; closing stops listening first, then sends what the agent holds. */
    record RunningSidecar(OtlpSidecar sidecar, LlmWatch agent, PipelineMetrics metrics) implements AutoCloseable, StatusSource {

        @Override
        public String status() {
            SidecarCounters counters = sidecar.counters();
            return String.format("otlp recorded %d GenAI spans (ignored %d, rejected %d, throttled %d requests)",
                    counters.spansRecorded(), counters.spansIgnored(), counters.spansRejected(), counters.throttledRequests());
        }

        @Override
        public void close() {
            sidecar.close();
            agent.close();
            metrics.close();
        }
    }

    /** The sidecar's agent reads the {@code LLMWATCH_*} variables like any embedded agent; the command line wins for Kafka. */
    static RunningSidecar start(OtlpRole role, String bootstrapServers, Map<String, Object> clientProperties, PrintWriter out) {
        // First, so the agent's producer is bound to it as soon as it exists.
        PipelineMetrics metrics = PipelineMetrics.forRole("agent");
        LlmWatch agent;
        try {
            agent = LlmWatch.builder()
                    .serviceName(UNKNOWN_SERVICE)
                    .applyEnvironment(System.getenv())
                    .bootstrapServers(bootstrapServers)
                    .producerConfig(clientProperties)
                    .source(OtlpSidecar.SOURCE)
                    .shutdownHook(false)
                    .producerMetrics(metrics::bind)
                    .build();
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        try {
            AgentMeters.bind(agent, metrics.registry());
            OtlpSidecar sidecar = OtlpSidecar.builder(agent).host(role.host()).port(role.port()).maxBodyBytes(role.maxBodyBytes())
                    .mount(PipelineMetrics.PATH, metrics.endpoint()).start();
            AgentMeters.bind(sidecar, metrics.registry());
            out.printf("OTLP traces endpoint: %s%n", sidecar.tracesUrl());
            out.printf("Agent metrics: %s%n", URI.create(sidecar.tracesUrl()).resolve(PipelineMetrics.PATH));
            return new RunningSidecar(sidecar, agent, metrics);
        } catch (RuntimeException e) {
            agent.close();
            metrics.close();
            throw e;
        }
    }
}
