package io.llmwatch.processor.metrics;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The metrics of one llmwatch role (processor, sink, agent), served at {@code /metrics} in
 * Prometheus' text format: the JVM's, the Kafka clients' (through Micrometer's Kafka binders) and
 * whatever the role registers on {@link #registry()}. Every series carries a {@code role} tag, so
 * one Prometheus tells the roles apart even when they share a process.
 */
public final class PipelineMetrics implements AutoCloseable {

    /** Where every role serves its metrics. */
    public static final String PATH = "/metrics";

    /**
     * How often the Kafka binders look for metrics that appeared since (a task assigned, a topic
     * first written): Micrometer's default of a minute would hide a new processor's topics from the
     * first scrapes.
     */
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);

    private static final String KAFKA_STREAMS_STORE_METRICS = "kafka.stream.state";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "llmwatch-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<AutoCloseable> binders = new ArrayDeque<>();

    private PipelineMetrics(String role) {
        registry.config().commonTags("role", role)
                // Per-store RocksDB internals: one series per task, store and statistic, and Kafka names the
                // tags of window stores differently from key-value stores, which Prometheus refuses.
                .meterFilter(MeterFilter.denyNameStartsWith(KAFKA_STREAMS_STORE_METRICS));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** @param role what the process does: {@code processor}, {@code sink}, {@code agent} */
    public static PipelineMetrics forRole(String role) {
        return new PipelineMetrics(role);
    }

    /** Where a role registers its own counters and gauges. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Kafka Streams' metrics: threads, tasks, topics consumed and produced, stores, and its clients'. */
    public void bind(KafkaStreams streams) {
        own(new KafkaStreamsMetrics(streams, Tags.empty(), kafkaRefresh, KAFKA_METRICS_REFRESH));
    }

    /** A consumer's metrics, lag included. */
    public void bind(Consumer<?, ?> consumer) {
        own(new KafkaClientMetrics(consumer, Tags.empty(), kafkaRefresh, KAFKA_METRICS_REFRESH));
    }

    public void bind(Producer<?, ?> producer) {
        own(new KafkaClientMetrics(producer, Tags.empty(), kafkaRefresh, KAFKA_METRICS_REFRESH));
    }

    /**
     * The detectors' alerts by type and status as they reach {@code llmwatch.alerts.v1}, counted by a
     * consumer group of the application's instances (sum them over instances).
     */
    public void countAlerts(Map<String, Object> clientConfig, String applicationId) {
        AlertCounts counts = new AlertCounts(clientConfig, applicationId, registry);
        binders.push(counts);
        counts.start();
    }

    /** LLM cost, calls, errors, latency and quality by dimension, from this instance's stores, for Grafana. */
    public void chartLlmFigures(KafkaStreams streams, Clock clock) {
        binders.push(new LlmFigures(streams, registry, clock));
    }

    /** Records ever written to each of {@code topics}, e.g. the dead-letter and late topics (take the max over instances). */
    public void countRecordsWritten(Map<String, Object> clientConfig, List<String> topics) {
        binders.push(new TopicRecordCounts(clientConfig, topics, registry));
    }

    private <B extends MeterBinder & AutoCloseable> void own(B binder) {
        binder.bindTo(registry);
        binders.push(binder);
    }

    /** Closes {@code resource} (something feeding this registry) when these metrics close. */
    public void closeWith(AutoCloseable resource) {
        binders.push(resource);
    }

    /** The current values in Prometheus' text format, as a scrape receives them. */
    public String scrape() {
        return registry.scrape();
    }

    /** Answers {@code GET /metrics}. */
    public HttpHandler endpoint() {
        return new PrometheusEndpoint(registry);
    }

    @Override
    public void close() {
        while (!binders.isEmpty()) {
            try {
                binders.pop().close();
            } catch (Exception e) {
                LOG.warn("Cannot unbind Kafka metrics", e);
            }
        }
        kafkaRefresh.shutdownNow();
        registry.close();
    }
}
