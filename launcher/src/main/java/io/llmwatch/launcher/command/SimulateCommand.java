package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./llmwatch simulate}: simulated LLM traffic through the agent into an existing cluster. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Send simulated multi-tenant LLM traffic through the ingest agent, with a cost-spike incident.")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SimulatorOptions simulator;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(kafka.requireExternal("simulate"), kafka.clientProperties())
                .simulator(simulator.role())
                .reporting(Duration.ofSeconds(5))
                .build();
        try (Pipeline pipeline = Pipeline.start(settings, spec.commandLine().getOut())) {
            return pipeline.runUntilStopped(duration);
        }
    }
}
