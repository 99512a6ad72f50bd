package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./llmwatch agent}: the OTLP sidecar, for applications in any language that export OpenTelemetry traces. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Receive OpenTelemetry traces over OTLP/HTTP (protobuf or JSON, optionally gzip) and record their "
                + "GenAI spans to Kafka through the llmwatch agent.",
                "Point an app at it with OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://localhost:4318/v1/traces. "
                        + "LLMWATCH_* variables configure the agent (e.g. LLMWATCH_CAPTURE_CONTENT=true)."})
public final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    OtlpOptions otlp;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(kafka.requireExternal("agent"), kafka.clientProperties())
                .otlp(otlp.role())
                .build();
        try (Pipeline pipeline = Pipeline.start(settings, spec.commandLine().getOut())) {
            return pipeline.runUntilStopped(null);
        }
    }
}
