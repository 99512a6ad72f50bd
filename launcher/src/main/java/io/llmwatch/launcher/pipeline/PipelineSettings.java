package io.llmwatch.launcher.pipeline;

import io.llmwatch.processor.api.auth.ApiAccess;
import io.llmwatch.processor.detection.DetectionSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which roles one JVM plays and how. {@code demo} plays them all on an embedded broker; {@code up}
 * all but the simulator; {@code processor}, {@code sink}, {@code simulate} and {@code agent} (the OTLP
 * sidecar) one each.
 */
public final class PipelineSettings {

    /** Partitions of each llmwatch topic created by this process: enough to run several processors. */
    public static final int DEFAULT_PARTITIONS = 6;

    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final Path dataDirectory;
    private final Optional<ProcessorRole> processor;
    private final Optional<SinkRole> sink;
    private final Optional<MetricsAddress> sinkMetrics;
    private final Optional<SimulatorRole> simulator;
    private final Optional<OtlpRole> otlp;
    private final boolean reporting;
    private final int partitions;
    private final Duration reportInterval;
    private final ApiAccess apiAccess;
    private final DetectionSettings detection;

    private PipelineSettings(Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.clientProperties = Map.copyOf(builder.clientProperties);
        this.dataDirectory = builder.dataDirectory;
        this.processor = Optional.ofNullable(builder.processor);
        this.sink = Optional.ofNullable(builder.sink);
        this.sinkMetrics = Optional.ofNullable(builder.sinkMetrics);
        this.simulator = Optional.ofNullable(builder.simulator);
        this.otlp = Optional.ofNullable(builder.otlp);
        this.reporting = builder.reporting;
        this.partitions = builder.partitions;
        this.reportInterval = builder.reportInterval;
        this.apiAccess = builder.apiAccess;
        this.detection = builder.detection;
    }

    /** Who may query the processor's API: open without tokens. */
    public ApiAccess apiAccess() {
        return apiAccess;
    }

    /** How the processor's detectors are tuned. */
    public DetectionSettings detection() {
        return detection;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Empty when this process should start its own embedded broker. */
    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(bootstrapServers);
    }

    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** Empty when the process should work in a temporary directory removed on exit. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    public Optional<ProcessorRole> processor() {
        return processor;
    }

    public Optional<SinkRole> sink() {
        return sink;
    }

    /** Where the sink serves its {@code /metrics}; empty for none. */
    public Optional<MetricsAddress> sinkMetrics() {
        return sinkMetrics;
    }

    public Optional<SimulatorRole> simulator() {
        return simulator;
    }

    public Optional<OtlpRole> otlp() {
        return otlp;
    }

    public boolean reporting() {
        return reporting;
    }

    public int partitions() {
        return partitions;
    }

    public Duration reportInterval() {
        return reportInterval;
    }

    /**
     * @param stateDirectory where the stores live; empty to use the data directory
     */
    public record ProcessorRole(String applicationId, Optional<Path> stateDirectory, int standbyReplicas,
                                String httpHost, int httpPort, String advertisedHost) {
        public ProcessorRole {
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(httpHost, "httpHost");
            Objects.requireNonNull(advertisedHost, "advertisedHost");
        }
    }

    /**
     * @param delivery destinations, routes and the silences API; see {@link SinkDelivery}
     */
    public record SinkRole(String groupId, SinkDelivery delivery) {
        public SinkRole {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(delivery, "delivery");
        }

        /**
         * @param webhookUrl    where to POST every alert as JSON; empty to only log alerts
         * @param webhookSecret key of the HMAC-SHA256 signature header; empty for no signature
         */
        public SinkRole(String groupId, Optional<URI> webhookUrl, Optional<String> webhookSecret) {
            this(groupId, SinkDelivery.webhook(webhookUrl, webhookSecret));
        }
    }

    /** Where a role without an HTTP server of its own serves {@code /metrics}; port 0 for a free one. */
    public record MetricsAddress(String host, int port) {
        public MetricsAddress {
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * @param eventsPerSecond LLM calls per second across all simulated tenants
     * @param incidentAfter   when the cost-spike incident starts, from the simulator's start
     */
    public record SimulatorRole(double eventsPerSecond, long seed, Duration incidentAfter) {
    }

    /**
     * The OTLP sidecar: apps in any language export OpenTelemetry traces to it.
     *
     * @param port         0 for a free port
     * @param maxBodyBytes a larger request body, before or after gunzipping, is refused with 413
     */
    public record OtlpRole(String host, int port, int maxBodyBytes) {
        public OtlpRole {
            Objects.requireNonNull(host, "host");
        }
    }

    public static final class Builder {
        private String bootstrapServers;
        private Map<String, Object> clientProperties = Map.of();
        private Path dataDirectory;
        private ProcessorRole processor;
        private SinkRole sink;
        private MetricsAddress sinkMetrics;
        private SimulatorRole simulator;
        private OtlpRole otlp;
        private boolean reporting;
        private int partitions = DEFAULT_PARTITIONS;
        private Duration reportInterval = Duration.ofSeconds(5);
        private ApiAccess apiAccess = ApiAccess.open();
        private DetectionSettings detection = DetectionSettings.DEFAULTS;

        private Builder() {
        }

        /** Connects to an existing cluster; {@code null} bootstrap servers mean an embedded broker. */
        public Builder kafka(String bootstrapServers, Map<String, Object> clientProperties) {
            this.bootstrapServers = bootstrapServers;
            this.clientProperties = Objects.requireNonNull(clientProperties, "clientProperties");
            return this;
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder processor(ProcessorRole processor) {
            this.processor = processor;
            return this;
        }

        public Builder sink(SinkRole sink) {
            this.sink = sink;
            return this;
        }

        /** Serves the sink's {@code /metrics} (deliveries, backlog, dead letters, its Kafka clients) there. */
        public Builder sinkMetrics(MetricsAddress address) {
            this.sinkMetrics = address;
            return this;
        }

        public Builder simulator(SimulatorRole simulator) {
            this.simulator = simulator;
            return this;
        }

        public Builder otlp(OtlpRole otlp) {
            this.otlp = otlp;
            return this;
        }

        /** Prints a one-line summary every {@code interval} and every alert as it fires. */
        public Builder reporting(Duration interval) {
            this.reporting = true;
            this.reportInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder apiAccess(ApiAccess apiAccess) {
            this.apiAccess = Objects.requireNonNull(apiAccess, "apiAccess");
            return this;
        }

        public Builder detection(DetectionSettings detection) {
            this.detection = Objects.requireNonNull(detection, "detection");
            return this;
        }

        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be positive");
            }
            this.partitions = partitions;
            return this;
        }

        public PipelineSettings build() {
            if (processor == null && sink == null && simulator == null && otlp == null) {
                throw new IllegalArgumentException("nothing to run: no processor, sink, simulator or OTLP sidecar");
            }
            return new PipelineSettings(this);
        }
    }
}
