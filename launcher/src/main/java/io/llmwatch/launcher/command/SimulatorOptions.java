package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.PipelineSettings.SimulatorRole;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Shape of the simulated traffic, shared by {@code demo} and {@code simulate}. */
public final class SimulatorOptions {

    @Option(names = "--rate", defaultValue = "40",
            description = "Simulated LLM calls per second (default: ${DEFAULT-VALUE}).")
    double eventsPerSecond;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--incident-after", defaultValue = "30s", converter = DurationConverter.class,
            description = "When the simulated cost spike starts (default: ${DEFAULT-VALUE}).")
    Duration incidentAfter;

    SimulatorRole role() {
        return new SimulatorRole(eventsPerSecond, seed, incidentAfter);
    }
}
