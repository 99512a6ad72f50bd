package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.concurrent.Callable;

/** {@code ./llmwatch sink}: the alerting sink against an existing Kafka cluster. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Consume llmwatch.alerts.v1, log every alert and deliver it to the configured webhook, at least once.")
public final class SinkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SinkOptions sink;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(kafka.requireExternal("sink"), kafka.clientProperties())
                .sink(new SinkRole(sink.groupId(), sink.webhookUrl().map(URI::create), sink.webhookSecret()))
                .build();
        try (Pipeline pipeline = Pipeline.start(settings, spec.commandLine().getOut())) {
            return pipeline.runUntilStopped(null);
        }
    }
}
