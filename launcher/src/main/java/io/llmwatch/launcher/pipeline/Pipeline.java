package io.llmwatch.launcher.pipeline;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.launcher.metrics.MetricsServer;
import io.llmwatch.launcher.metrics.SinkMetrics;
import io.llmwatch.launcher.pipeline.PipelineSettings.MetricsAddress;
import io.llmwatch.launcher.pipeline.PipelineSettings.SinkRole;
import io.llmwatch.processor.ProcessorSettings;
import io.llmwatch.processor.StreamProcessor;
import io.llmwatch.processor.cost.SpanCostCalculator;
import io.llmwatch.processor.metrics.PipelineMetrics;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.topology.TopologySettings;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.AlertSink;
import io.llmwatch.sink.metrics.DeliveryObserver;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The roles one JVM plays, started in dependency order and closed in reverse: the embedded broker
 * (unless Kafka is external), the topics, the processor, the sink, the OTLP sidecar, the simulator and
 * the console reporter. Every command of the launcher is a {@link PipelineSettings} handed to this class.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final PrintWriter out;
    private Optional<StreamProcessor> processor = Optional.empty();

    private Pipeline(PrintWriter out) {
        this.out = out;
    }

    public static Pipeline start(PipelineSettings settings, PrintWriter out) {
        Pipeline pipeline = new Pipeline(out);
        try {
            pipeline.startRoles(settings);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startRoles(PipelineSettings settings) {
        Path dataDirectory = settings.dataDirectory().orElseGet(this::temporaryDirectory);
        String bootstrapServers = settings.bootstrapServers().orElseGet(() -> startBroker(dataDirectory.resolve("kafka")));
        Map<String, Object> clientConfig = new HashMap<>(settings.clientProperties());
        clientConfig.put("bootstrap.servers", bootstrapServers);
        provisionTopics(clientConfig, settings.partitions(), settings.bootstrapServers().isEmpty());

        settings.processor().ifPresent(role -> {
            StreamProcessor started = StreamProcessor.start(new ProcessorSettings(role.applicationId(), bootstrapServers,
                    settings.clientProperties(), role.stateDirectory().orElse(dataDirectory.resolve("state")),
                    role.httpHost(), role.httpPort(), role.advertisedHost(), role.standbyReplicas(),
                    TopologySettings.DEFAULTS.withDetection(settings.detection())),
                    new SpanCostCalculator(PriceCatalog.bundled()), Clock.systemUTC(), settings.apiAccess());
            processor = Optional.of(own(started));
            out.printf("Processor query API: http://%s:%d/api/health%n", role.advertisedHost(), started.apiPort());
        });
        settings.sink().ifPresent(role -> startSink(role, settings, bootstrapServers));
        List<StatusSource> statusSources = new ArrayList<>();
        settings.otlp().ifPresent(role -> statusSources.add(
                own(OtlpRoleStarter.start(role, bootstrapServers, settings.clientProperties(), out))));
        settings.simulator().ifPresent(role -> statusSources.add(
                own(SimulatorRoleStarter.start(role, bootstrapServers, settings.clientProperties(), out))));
        if (settings.reporting()) {
            own(new PipelineReporter(clientConfig, processor, statusSources, out, settings.reportInterval()));
        }
    }

    /** The sink, and its {@code /metrics} on a port of its own when asked for. */
    private void startSink(SinkRole role, PipelineSettings settings, String bootstrapServers) {
        if (settings.sinkMetrics().isEmpty()) {
            own(SinkRoleStarter.start(role, bootstrapServers, settings.clientProperties(), DeliveryObserver.NONE, out));
            return;
        }
        MetricsAddress address = settings.sinkMetrics().get();
        // Owned before the sink starts, so a sink that fails to start does not leave it running.
        SinkMetrics metrics = own(SinkMetrics.of(bootstrapServers, settings.clientProperties(), role.groupId()));
        AlertSink sink = own(SinkRoleStarter.start(role, bootstrapServers, settings.clientProperties(),
                metrics.deliveryObserver(), out));
        metrics.bind(sink.kafkaClients());
        MetricsServer server = own(metrics.serve(address.host(), address.port()));
        out.printf("Sink metrics: http://%s:%d%s%n", address.host(), server.port(), PipelineMetrics.PATH);
    }

    private Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("llmwatch-");
            started.push(() -> TemporaryDirectory.delete(directory));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data directory", e);
        }
    }

    private String startBroker(Path directory) {
        EmbeddedKafkaBroker broker = own(EmbeddedKafkaBroker.start(directory));
        out.printf("Embedded Kafka broker ready at %s in %d ms%n", broker.bootstrapServers(), broker.startupTime().toMillis());
        return broker.bootstrapServers();
    }

    private static void provisionTopics(Map<String, Object> clientConfig, int partitions, boolean embedded) {
        try (Admin admin = Admin.create(clientConfig)) {
            short replicationFactor = embedded ? (short) 1 : TopicProvisioner.BROKER_DEFAULT_REPLICATION;
            new TopicProvisioner(admin).ensure(Topics.ALL, partitions, replicationFactor);
        }
    }

    /** The port the processor's query API listens on, when this pipeline runs a processor. */
    public Optional<Integer> apiPort() {
        return processor.map(StreamProcessor::apiPort);
    }

    private <T extends AutoCloseable> T own(T resource) {
        started.push(resource);
        return resource;
    }

    /**
     * Blocks until {@code limit} has passed (if given) or the process is asked to stop (Ctrl-C,
     * SIGTERM); then the caller closes the pipeline. Returns the process exit code.
     */
    public int runUntilStopped(Duration limit) throws InterruptedException {
        Thread hook = new Thread(this::stopFromSignal, "llmwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (limit == null) {
            stopRequested.await();
        } else if (!stopRequested.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            out.printf("Ran for %ds; stopping.%n", limit.toSeconds());
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    /** Runs in the JVM's shutdown hook: let the main thread close everything, and wait for it. */
    private void stopFromSignal() {
        stopRequested.countDown();
        try {
            closed.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", resource, e);
            }
        }
        closed.countDown();
    }
}
