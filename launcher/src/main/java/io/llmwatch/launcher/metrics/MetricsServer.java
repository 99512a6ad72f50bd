package io.llmwatch.launcher.metrics;

import com.sun.net.httpserver.HttpServer;
import io.llmwatch.processor.metrics.PipelineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves one role's {@code /metrics} on its own port, for roles without an HTTP server (the sink); closing stops both. */
public final class MetricsServer implements AutoCloseable {

    /** The port Prometheus exporters conventionally take when 9090 and up are in use. */
    public static final int DEFAULT_PORT = 9464;
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService threads;
    private final PipelineMetrics metrics;

    private MetricsServer(HttpServer server, ExecutorService threads, PipelineMetrics metrics) {
        this.server = server;
        this.threads = threads;
        this.metrics = metrics;
    }

    public static MetricsServer start(String host, int port, PipelineMetrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            metrics.close();
            throw new UncheckedIOException("Cannot serve /metrics on " + host + ":" + port, e);
        }
        ExecutorService threads = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "llmwatch-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(PipelineMetrics.PATH, metrics.endpoint());
        server.start();
        LOG.info("Metrics on http://{}:{}{}", host, server.getAddress().getPort(), PipelineMetrics.PATH);
        return new MetricsServer(server, threads, metrics);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        metrics.close();
    }
}
