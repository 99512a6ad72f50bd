package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code ./llmwatch up}: processor and sink in one JVM, on an embedded broker or an external cluster. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the processor and the sink in one JVM, on an embedded Kafka broker unless --bootstrap-servers is given.")
public final class UpCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    PipelineRunOptions run;

    @Override
    public Integer call() throws Exception {
        try (Pipeline pipeline = Pipeline.start(run.pipeline(kafka).build(), System.out)) {
            return pipeline.runUntilStopped(run.duration());
        }
    }
}
