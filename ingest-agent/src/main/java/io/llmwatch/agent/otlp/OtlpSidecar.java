package io.llmwatch.agent.otlp;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.llmwatch.agent.LlmWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives OpenTelemetry traces over OTLP/HTTP ({@code POST /v1/traces}, protobuf or JSON, optionally
 * gzip-compressed) and records their GenAI spans through an {@link LlmWatch}, so that an application in
 * any language only points its OTLP exporter here. Non-GenAI spans are counted and otherwise ignored.
 * When the agent's queue is full the sidecar answers 429 with {@code Retry-After}, so exporters retry
 * instead of losing spans.
 *
 * <pre>{@code
 * try (LlmWatch watch = LlmWatch.builder().bootstrapServers("kafka:9092").source(OtlpSidecar.SOURCE).build();
 *      OtlpSidecar sidecar = OtlpSidecar.builder(watch).port(4318).start()) {
 *     ...
 * }
 * }</pre>
 *
 * The sidecar does not own the {@code LlmWatch}: close the sidecar first, then the agent, so no request
 * arrives at a closed agent.
 */
public final class OtlpSidecar implements AutoCloseable {

    /** The {@code source} of the events the sidecar records, for the {@link LlmWatch} it records through. */
    public static final String SOURCE = "otlp";

    /** OTLP/HTTP's standard port. */
    public static final int DEFAULT_PORT = 4318;

    /** Loopback: exposing the sidecar beyond the host is a decision to take explicitly. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The largest body accepted, after decompression: the OpenTelemetry Collector's default limit. */
    public static final int DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

    /** What a throttled client is told to wait before retrying: about the time the agent needs to drain a full queue. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** Threads decoding requests; recording never blocks, so a few keep up with many exporters. */
    public static final int DEFAULT_HANDLER_THREADS = 4;

    /** How long {@link #close()} lets requests in progress finish. */
    private static final int STOP_GRACE_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(OtlpSidecar.class);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final SidecarCounting counting;

    private OtlpSidecar(HttpServer server, ExecutorService handlers, SidecarCounting counting) {
        this.server = server;
        this.handlers = handlers;
        this.counting = counting;
    }

    /** A sidecar recording through {@code watch}. */
    public static Builder builder(LlmWatch watch) {
        return new Builder(Objects.requireNonNull(watch, "watch"));
    }

    /** The port it listens on: the configured one, or the one the OS chose for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL of its traces endpoint, e.g. {@code http://127.0.0.1:4318/v1/traces}. */
    public String tracesUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + TracesEndpoint.PATH;
    }

    public SidecarCounters counters() {
        return counting.snapshot();
    }

    /** Stops listening, lets requests in progress finish for a moment, and stops the handler threads. */
    @Override
    public void close() {
        server.stop(STOP_GRACE_SECONDS);
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final LlmWatch watch;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private int handlerThreads = DEFAULT_HANDLER_THREADS;
        private final Map<String, HttpHandler> mounts = new LinkedHashMap<>();

        private Builder(LlmWatch watch) {
            this.watch = watch;
        }

        /** The address to bind; defaults to {@value OtlpSidecar#DEFAULT_HOST}. Use {@code 0.0.0.0} to accept other hosts. */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /** Defaults to {@value OtlpSidecar#DEFAULT_PORT}; 0 lets the OS choose a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The largest body accepted, after decompression; larger ones are answered 413. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodyBytes must be positive and below Integer.MAX_VALUE, was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** The {@code Retry-After} of a throttled request, in whole seconds (at least one). */
        public Builder retryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        public Builder handlerThreads(int handlerThreads) {
            if (handlerThreads <= 0) {
                throw new IllegalArgumentException("handlerThreads must be positive, was " + handlerThreads);
            }
            this.handlerThreads = handlerThreads;
            return this;
        }

        /**
         * Also serves {@code handler} under {@code path} on the sidecar's port, e.g. {@code /metrics}
         * from whoever runs the sidecar; the agent itself stays free of any metrics library.
         */
        public Builder mount(String path, HttpHandler handler) {
            mounts.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @throws UncheckedIOException if the address cannot be bound, e.g. the port is taken
         */
        public OtlpSidecar start() {
            SidecarCounting counting = new SidecarCounting();
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(host, port), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot listen for OTLP on " + host + ":" + port, e);
            }
            ExecutorService handlers = Executors.newFixedThreadPool(handlerThreads, daemonThreads());
            server.setExecutor(handlers);
            server.createContext("/", new TracesEndpoint(new SpanIngest(watch, counting), counting, maxBodyBytes, retryAfter));
            mounts.forEach(server::createContext);
            server.start();
            OtlpSidecar sidecar = new OtlpSidecar(server, handlers, counting);
            LOG.info("OTLP sidecar listening on {}", sidecar.tracesUrl());
            return sidecar;
        }

        /** Request handling must never keep the JVM alive on its own. */
        private static ThreadFactory daemonThreads() {
            AtomicInteger sequence = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, "llmwatch-otlp-" + sequence.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
