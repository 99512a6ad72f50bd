package io.llmwatch.launcher.command;

import io.llmwatch.launcher.metrics.MetricsServer;
import picocli.CommandLine.Option;

/** Where a role without an HTTP server of its own serves {@code /metrics}. */
public final class MetricsOptions {

    @Option(names = "--metrics-port", defaultValue = "" + MetricsServer.DEFAULT_PORT,
            description = "Port of /metrics (Prometheus text format); 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--metrics-host", defaultValue = MetricsServer.DEFAULT_HOST,
            description = "Address /metrics binds to; 0.0.0.0 lets Prometheus on other hosts scrape it. Default: ${DEFAULT-VALUE}.")
    String host;

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }
}
