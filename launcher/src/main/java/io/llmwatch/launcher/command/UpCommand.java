package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.processor.detection.anomaly.CostAnomalySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./llmwatch up}: processor and sink in one JVM, on an embedded broker or an external cluster. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the processor, the sink and the OTLP sidecar in one JVM, on an embedded Kafka broker unless --bootstrap-servers is given.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    PipelineRunOptions run;

    @Mixin
    CostAnomalyOptions costAnomaly;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings = run.pipeline(kafka)
                .detection(costAnomaly.detection(CostAnomalySettings.DEFAULTS))
                .build();
        try (Pipeline pipeline = Pipeline.start(settings, spec.commandLine().getOut())) {
            return pipeline.runUntilStopped(run.duration());
        }
    }
}
