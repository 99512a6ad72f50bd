package io.llmwatch.launcher.command;

import io.llmwatch.launcher.pipeline.PipelineSettings;
import io.llmwatch.launcher.pipeline.PipelineSettings.ProcessorRole;
import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import io.llmwatch.processor.ProcessorSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code demo} and {@code up} share: the processor, the sink and the OTLP sidecar in one JVM, for a while
 * or until stopped.
 */
public final class PipelineRunOptions {

    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);

    @Mixin
    HttpOptions http;

    @Mixin
    SinkOptions sink;

    @Mixin
    OtlpOptions otlp;

    /** The processor serves its /metrics on its API port and the sidecar on its OTLP port; the sink needs one of its own. */
    @Mixin
    MetricsOptions sinkMetrics;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long and exit 0, e.g. 90s or 5m (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the embedded broker's log and the state stores here across runs "
                    + "(default: a temporary directory removed on exit).")
    Path dataDirectory;

    /** {@code null} means no limit. */
    Duration duration() {
        return duration;
    }

    PipelineSettings.Builder pipeline(KafkaOptions kafka) {
        return PipelineSettings.builder()
                .kafka(kafka.external() ? kafka.bootstrapServers() : null, kafka.clientProperties())
                .dataDirectory(dataDirectory)
                .processor(new ProcessorRole(ProcessorSettings.DEFAULT_APPLICATION_ID, Optional.empty(), 0,
                        http.host(), http.port(), http.host()))
                .sink(new SinkRole(sink.groupId(), sink.delivery(http.apiTokens)))
                .sinkMetrics(sinkMetrics.address())
                .otlp(otlp.role())
                .apiAccess(http.access())
                .reporting(REPORT_INTERVAL);
    }
}
