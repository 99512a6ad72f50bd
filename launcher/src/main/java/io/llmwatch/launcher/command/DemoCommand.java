package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./llmwatch demo}: the whole pipeline on an embedded broker, driven by simulated LLM traffic. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on an embedded Kafka broker with a simulated multi-tenant LLM app.",
                "About 30 s in, the simulator injects a cost spike; its alerts (cost_spike and cost_anomaly, "
                        + "the latter armed by the demo's 25 s warm-up) are printed as they fire."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineRunOptions run;

    @Mixin
    SimulatorOptions simulator;

    @Mixin
    CostAnomalyOptions costAnomaly;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings = run.pipeline(KafkaOptions.embedded())
                .simulator(simulator.role())
                .detection(costAnomaly.detection(CostAnomalyOptions.DEMO))
                .build();
        try (Pipeline pipeline = Pipeline.start(settings, spec.commandLine().getOut())) {
            return pipeline.runUntilStopped(run.duration());
        }
    }
}
