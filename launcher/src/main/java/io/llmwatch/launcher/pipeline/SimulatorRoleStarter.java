package io.llmwatch.launcher.pipeline;

import io.llmwatch.agent.LlmWatch;
import io.llmwatch.agent.export.AgentCounters;
import io.llmwatch.launcher.pipeline.PipelineSettings.SimulatorRole;
import io.llmwatch.launcher.simulator.SimulatorConfig;
import io.llmwatch.launcher.simulator.TrafficSimulator;
import io.llmwatch.launcher.simulator.TrafficSink;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Starts the traffic simulator for a {@link SimulatorRole}, sending through a real agent exactly
 * as an application embedding it would.
 */
final class SimulatorRoleStarter {

    private SimulatorRoleStarter() {
    }

    /** The running simulator and its agent; closing stops the traffic, then flushes the agent. */
    record RunningSimulator(TrafficSimulator simulator, LlmWatch agent) implements AutoCloseable, StatusSource {

        @Override
        public String status() {
            AgentCounters counters = agent.counters();
            return String.format("agent sent %d spans (queued %d, dropped %d)",
                    counters.sent(), counters.queueSize(), counters.dropped());
        }

        @Override
        public void close() {
            simulator.close();
            agent.close();
        }
    }

    static RunningSimulator start(SimulatorRole role, String bootstrapServers, Map<String, Object> clientProperties,
                                  PrintWriter out) {
        LlmWatch agent = LlmWatch.builder()
                .bootstrapServers(bootstrapServers)
                .producerConfig(clientProperties)
                .serviceName("llmwatch-simulator")
                .source("simulator")
                .shutdownHook(false)
                .build();
        TrafficSimulator simulator = TrafficSimulator.start(
                SimulatorConfig.of(role.eventsPerSecond(), role.seed(), role.incidentAfter()), TrafficSink.into(agent));
        simulator.incidentStarted().thenAccept(at -> out.printf("Incident injected at %s: %s%n", at,
                simulator.incidentDescription()));
        simulator.degradationStarted().thenAccept(at -> out.printf("Second incident injected at %s: %s%n", at,
                simulator.degradationDescription()));
        out.printf("Simulating %.0f LLM calls/s; incident at %s%n", role.eventsPerSecond(), simulator.incidentStartsAt());
        return new RunningSimulator(simulator, agent);
    }
}
