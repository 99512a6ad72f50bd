package io.llmwatch.agent;

import io.llmwatch.agent.content.ContentCapture;
import io.llmwatch.agent.content.Redactor;
import io.llmwatch.agent.export.AgentProducerConfig;
import io.llmwatch.agent.export.ExportBuffers;
import io.llmwatch.agent.export.ExportPipeline;
import io.llmwatch.agent.jmx.AgentMetrics;
import io.llmwatch.agent.jmx.JmxRegistration;
import io.llmwatch.agent.spool.FsyncPolicy;
import io.llmwatch.agent.spool.Spool;
import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.producer.Producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Configures an {@link LlmWatch}. Unlike the telemetry builders, this one is strict: a wrong setting
 * throws at start-up, where it is cheap to notice, rather than losing telemetry quietly later.
 */
public final class LlmWatchBuilder {

    /** Events that may wait for export before new ones are dropped (OpenTelemetry's default queue size). */
    public static final int DEFAULT_QUEUE_CAPACITY = 2048;

    /** OpenTelemetry's default {@code service.name} when none is configured. */
    public static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

    /** How long {@link LlmWatch#close()} and the shutdown hook may take to send what is queued. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** The {@code source} of every event this agent writes. */
    public static final String DEFAULT_SOURCE = "java-agent";

    /** The disk the spool may fill while the broker is unreachable: some 200,000 typical span events. */
    public static final long DEFAULT_SPOOL_MAX_BYTES = 256L * 1024 * 1024;

    /** A machine crash loses at most the last second of spooled events; an application crash loses none. */
    public static final FsyncPolicy DEFAULT_SPOOL_FSYNC = FsyncPolicy.interval(Duration.ofSeconds(1));

    /** Distinguishes the Kafka client ids of several clients in one JVM, so their JMX metrics do not collide. */
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

    private String bootstrapServers;
    private String serviceName = DEFAULT_SERVICE_NAME;
    private String source = DEFAULT_SOURCE;
    private String environment;
    private String release;
    private Attribution defaultAttribution = Attribution.EMPTY;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private final Map<String, Object> producerConfig = new HashMap<>();
    private boolean captureContent;
    private final Map<String, Pattern> redactionPatterns = new LinkedHashMap<>();
    private boolean shutdownHook = true;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Path spoolDirectory;
    private long spoolMaxBytes = DEFAULT_SPOOL_MAX_BYTES;
    private FsyncPolicy spoolFsync = DEFAULT_SPOOL_FSYNC;
    private Function<Map<String, Object>, Producer<String, byte[]>> producerFactory = AgentProducerConfig::newProducer;
    private Consumer<? super Producer<?, ?>> producerMetrics = producer -> { };

    LlmWatchBuilder() {
    }

    /** Required: the Kafka cluster, {@code host:port[,host:port...]}. */
    public LlmWatchBuilder bootstrapServers(String bootstrapServers) {
        this.bootstrapServers = requireNonBlank(bootstrapServers, "bootstrapServers");
        return this;
    }

    /** The application's {@code service.name}; defaults to {@value #DEFAULT_SERVICE_NAME}. */
    public LlmWatchBuilder serviceName(String serviceName) {
        this.serviceName = requireNonBlank(serviceName, "serviceName");
        return this;
    }

    /** The deployment environment, e.g. {@code production}; overrides the default attribution's. */
    public LlmWatchBuilder environment(String environment) {
        this.environment = requireNonBlank(environment, "environment");
        return this;
    }

    /** The application's release ({@code service.version}); overrides the default attribution's. */
    public LlmWatchBuilder release(String release) {
        this.release = requireNonBlank(release, "release");
        return this;
    }

    /**
     * The attribution that fills whatever a call or span leaves unset, e.g. the tenant of a single-tenant
     * deployment. {@link #environment} and {@link #release}, when set, take precedence over its own.
     */
    public LlmWatchBuilder defaultAttribution(Attribution defaultAttribution) {
        this.defaultAttribution = Objects.requireNonNull(defaultAttribution, "defaultAttribution");
        return this;
    }

    /** The export queue's bound; when it is full new events are dropped. Defaults to {@value #DEFAULT_QUEUE_CAPACITY}. */
    public LlmWatchBuilder queueCapacity(int queueCapacity) {
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        return this;
    }

    /**
     * Kafka producer settings laid over the agent's defaults ({@link AgentProducerConfig}), e.g. security
     * settings. Serializers are the agent's own and cannot be replaced. Repeated calls add up.
     */
    public LlmWatchBuilder producerConfig(Map<String, ?> producerConfig) {
        this.producerConfig.putAll(Objects.requireNonNull(producerConfig, "producerConfig"));
        return this;
    }

    /**
     * Sends prompt and response text, not only their hashes and lengths. Off by default. The text is
     * redacted on the export worker before it leaves the process: e-mail addresses, phone numbers, card
     * numbers, API keys, bearer tokens and JWTs (see {@link io.llmwatch.agent.content.SensitiveData}), plus
     * any {@link #redactPattern} of the application's.
     */
    public LlmWatchBuilder captureContent(boolean captureContent) {
        this.captureContent = captureContent;
        return this;
    }

    /**
     * Also redacts every match of {@code regex} from captured content, replacing it with
     * {@code [redacted:label]}; e.g. {@code redactPattern("order_id", "ORD-\\d{8}")}. Repeated calls add up.
     *
     * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a valid pattern
     */
    public LlmWatchBuilder redactPattern(String label, String regex) {
        redactionPatterns.put(requireNonBlank(label, "label"), Pattern.compile(Objects.requireNonNull(regex, "regex")));
        return this;
    }

    /**
     * Hands the client's Kafka producer to {@code binder} once it is built, so the app can export the
     * producer's metrics with its own library (e.g. Micrometer's {@code KafkaClientMetrics}, which reads
     * {@code metrics()} only): the agent itself depends on no metrics library. The agent owns the producer,
     * sends with it from its worker and closes it; {@code binder} must do nothing else with it.
     */
    public LlmWatchBuilder producerMetrics(Consumer<? super Producer<?, ?>> binder) {
        this.producerMetrics = Objects.requireNonNull(binder, "binder");
        return this;
    }

    /** Whether a JVM shutdown hook closes the client, sending what is queued; on by default. */
    public LlmWatchBuilder shutdownHook(boolean shutdownHook) {
        this.shutdownHook = shutdownHook;
        return this;
    }

    /** The bound of {@link LlmWatch#close()} and of the shutdown hook; defaults to 10 seconds. */
    public LlmWatchBuilder closeTimeout(Duration closeTimeout) {
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
        }
        this.closeTimeout = closeTimeout;
        return this;
    }

    /**
     * Spools to {@code directory} the events Kafka cannot take while the broker is unreachable, and replays
     * them in order when it returns; events spooled before a restart are sent by the next client that opens
     * the directory. Off by default: an embedded library writes to disk only where the application says.
     * Without a spool, events wait in memory (the producer's buffer, then the queue) and new ones are dropped
     * as {@code queue_full} once the queue is full. Each client needs a directory of its own.
     */
    public LlmWatchBuilder spoolDirectory(Path directory) {
        this.spoolDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * The most the spool may occupy on disk; past it the newest events are dropped as {@code spool_full}.
     * Defaults to {@value #DEFAULT_SPOOL_MAX_BYTES} bytes.
     */
    public LlmWatchBuilder spoolMaxBytes(long maxBytes) {
        if (maxBytes < Spool.MIN_MAX_BYTES) {
            throw new IllegalArgumentException("spoolMaxBytes must be at least " + Spool.MIN_MAX_BYTES + ", was " + maxBytes);
        }
        this.spoolMaxBytes = maxBytes;
        return this;
    }

    /** When spooled events are forced to the device; defaults to {@link #DEFAULT_SPOOL_FSYNC} (every second). */
    public LlmWatchBuilder spoolFsync(FsyncPolicy fsync) {
        this.spoolFsync = Objects.requireNonNull(fsync, "fsync");
        return this;
    }

    /** What emitted the events, e.g. {@code simulator} for synthetic traffic; defaults to {@value #DEFAULT_SOURCE}. */
    public LlmWatchBuilder source(String source) {
        this.source = requireNonBlank(source, "source");
        return this;
    }

    /**
     * Applies every {@code LLMWATCH_*} variable of {@code environment} (pass {@code System.getenv()}):
     * {@code LLMWATCH_BOOTSTRAP_SERVERS}, {@code LLMWATCH_SERVICE_NAME}, {@code LLMWATCH_ENVIRONMENT},
     * {@code LLMWATCH_RELEASE}, {@code LLMWATCH_QUEUE_CAPACITY}, {@code LLMWATCH_CAPTURE_CONTENT},
     * {@code LLMWATCH_SHUTDOWN_HOOK}, {@code LLMWATCH_CLOSE_TIMEOUT_MS}, {@code LLMWATCH_SPOOL_DIRECTORY},
     * {@code LLMWATCH_SPOOL_MAX_BYTES}, {@code LLMWATCH_SPOOL_FSYNC}, and {@code LLMWATCH_PRODUCER_*} for
     * producer settings ({@code LLMWATCH_PRODUCER_SECURITY_PROTOCOL} sets {@code security.protocol}).
     * Other variables are ignored.
     *
     * @throws IllegalArgumentException naming the variable if a value is malformed
     */
    public LlmWatchBuilder applyEnvironment(Map<String, String> environment) {
        for (ConfigKey key : ConfigKey.values()) {
            String value = environment.get(key.environmentVariable());
            if (value != null) {
                key.apply(this, value);
            }
        }
        String producerPrefix = ConfigKey.toEnvironmentVariable(ConfigKey.PRODUCER_PREFIX);
        environment.forEach((variable, value) -> {
            if (variable.startsWith(producerPrefix)) {
                producerConfig.put(ConfigKey.producerSettingOf(variable.substring(producerPrefix.length())), value);
            }
        });
        return this;
    }

    /**
     * Applies the {@code llmwatch.*} properties, named like the variables of {@link #applyEnvironment} in
     * lower case with dots ({@code llmwatch.bootstrap.servers}, {@code llmwatch.producer.security.protocol}).
     * Other properties are ignored.
     *
     * @throws IllegalArgumentException naming the property if a value is malformed
     */
    public LlmWatchBuilder applyProperties(Properties properties) {
        for (ConfigKey key : ConfigKey.values()) {
            String value = properties.getProperty(key.property());
            if (value != null) {
                key.apply(this, value);
            }
        }
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(ConfigKey.PRODUCER_PREFIX)) {
                producerConfig.put(name.substring(ConfigKey.PRODUCER_PREFIX.length()), properties.getProperty(name));
            }
        }
        return this;
    }

    /** Tests substitute a {@code MockProducer}, the lowest seam under the export worker. */
    LlmWatchBuilder producerFactory(Function<Map<String, Object>, Producer<String, byte[]>> producerFactory) {
        this.producerFactory = producerFactory;
        return this;
    }

    /**
     * Creates the client, opens its spool (recovering what an earlier run left there) and starts its export
     * worker. Returns without waiting for the broker: the worker connects in the background, and events
     * recorded meanwhile wait in the queue. The client's counters are registered over JMX until it closes.
     *
     * @throws IllegalStateException if no bootstrap servers were given, or another client uses the spool directory
     * @throws java.io.UncheckedIOException if the spool directory cannot be created or read
     */
    public LlmWatch build() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("bootstrapServers is required (or set "
                    + ConfigKey.BOOTSTRAP_SERVERS.environmentVariable() + ")");
        }
        String clientId = "llmwatch-agent-" + serviceName + "-" + CLIENT_SEQUENCE.incrementAndGet();
        Map<String, Object> config = AgentProducerConfig.build(bootstrapServers, clientId, producerConfig);
        ExportBuffers buffers = ExportBuffers.inMemory(queueCapacity, AgentProducerConfig.inFlightBytes(config));
        Producer<String, byte[]> producer = producerFactory.apply(config);
        if (spoolDirectory != null) {
            buffers = buffers.withSpool(openSpool(producer));
        }
        ExportPipeline pipeline = ExportPipeline.start(producer, buffers,
                List.of(Topics.SPANS, Topics.FEEDBACK, Topics.SCHEMAS),
                List.of(SpanEvent.getClassSchema(), FeedbackEvent.getClassSchema()));
        Attribution defaults = Attribution.builder().environment(environment).release(release).build()
                .withFallback(defaultAttribution);
        SpanEventMapper mapper = new SpanEventMapper(serviceName, source, defaults,
                captureContent ? ContentCapture.redactedText(Redactor.withCustomPatterns(redactionPatterns))
                        : ContentCapture.HASHES_ONLY);
        JmxRegistration jmx = JmxRegistration.register(JmxRegistration.agentName(clientId), new AgentMetrics(pipeline::counters));
        producerMetrics.accept(producer);
        return new LlmWatch(pipeline, mapper, defaults, closeTimeout, shutdownHook, jmx);
    }

    /** Opens the spool, or releases {@code producer} before the failure reaches the caller. */
    private Spool openSpool(Producer<String, byte[]> producer) {
        try {
            return Spool.open(spoolDirectory, spoolMaxBytes, spoolFsync);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    private static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
