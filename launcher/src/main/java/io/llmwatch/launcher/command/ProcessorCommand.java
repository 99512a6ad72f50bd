package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.Pipeline;
import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.ProcessorRole;
import io.llmwatch.processor.detection.anomaly.CostAnomalySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./llmwatch processor}: one stream-processor instance against an existing Kafka cluster. */
@Command(name = "processor", mixinStandardHelpOptions = true,
        description = "Run one stream-processor instance (pricing, attribution, detection, query API) against Kafka. "
                + "Start more with the same --application-id to scale out.")
public final class ProcessorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpOptions http;

    @Mixin
    CostAnomalyOptions costAnomaly;

    @Option(names = "--application-id", defaultValue = "llmwatch-processor",
            description = "Kafka Streams application id shared by all instances (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "./llmwatch-state",
            description = "Where this instance keeps its state stores (default: ${DEFAULT-VALUE}).")
    Path stateDirectory;

    @Option(names = "--advertised-host",
            description = "Host name other instances use to reach this one's API (default: the --http-host).")
    String advertisedHost;

    @Option(names = "--standby-replicas", defaultValue = "1",
            description = "Warm store copies on other instances, for fast failover; a lone instance has none "
                    + "(default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings = PipelineSettings.builder()
                .kafka(kafka.requireExternal("processor"), kafka.clientProperties())
                .processor(new ProcessorRole(applicationId, Optional.of(stateDirectory), standbyReplicas,
                        http.host(), http.port(), Optional.ofNullable(advertisedHost).orElse(http.host())))
                .apiAccess(http.access())
                .detection(costAnomaly.detection(CostAnomalySettings.DEFAULTS))
                .build();
        try (Pipeline pipeline = Pipeline.start(settings, spec.commandLine().getOut())) {
            return pipeline.runUntilStopped(null);
        }
    }
}
