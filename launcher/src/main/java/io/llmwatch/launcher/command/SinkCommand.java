package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./llmwatch sink}: the alerting sink against an existing Kafka cluster. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Consume llmwatch.alerts.v1 and deliver every alert to Slack, PagerDuty and/or a webhook, at least once,",
                "with routes, grouping, silences (REST API on --sink-api-port, bearer tokens from --api-tokens), inhibition, retries and rate limits."})
public final class SinkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SinkOptions sink;

    @Mixin
    ApiTokenOptions apiTokens;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        String bootstrapServers = kafka.requireExternal("sink");
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(bootstrapServers, kafka.clientProperties())
                .sink(new SinkRole(sink.groupId(), sink.delivery(apiTokens)))
                .sinkMetrics(metrics.address())
                .build();
        try (Pipeline pipeline = Pipeline.start(settings, spec.commandLine().getOut())) {
            return pipeline.runUntilStopped(null);
        }
    }
}
