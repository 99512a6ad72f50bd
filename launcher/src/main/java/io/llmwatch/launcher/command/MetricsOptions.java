package io.llmwatch.launcher.command;

import io.llmwatch.launcher.metrics.MetricsServer;
import io.llmwatch.launcher.pipeline.PipelineSettings.MetricsAddress;
import picocli.CommandLine.Option;

/** Where the sink, which has no HTTP server of its own for this, serves {@code /metrics}. */
public final class MetricsOptions {

    @Option(names = "--metrics-port", defaultValue = "" + MetricsServer.DEFAULT_PORT,
            description = "Port of the sink's /metrics (Prometheus text format); 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--metrics-host", defaultValue = MetricsServer.DEFAULT_HOST,
            description = "Address the sink's /metrics binds to; 0.0.0.0 lets Prometheus on other hosts scrape it. Default: ${DEFAULT-VALUE}.")
    String host;

    public MetricsAddress address() {
        return new MetricsAddress(host, port);
    }
}
