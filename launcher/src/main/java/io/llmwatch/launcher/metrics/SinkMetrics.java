package io.llmwatch.launcher.metrics;

import io.llmwatch.processor.metrics.PipelineMetrics;
import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.metrics.DeliveryObserver;
import io.llmwatch.sink.metrics.SinkClients;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink's {@code /metrics}: the JVM's, every delivery attempt's latency and outcome (through the
 * sink's {@link DeliveryObserver}), how far its consumer group is behind on the alerts topic and how
 * many alerts were ever dead-lettered (both read from the broker), and its Kafka clients' own metrics
 * ({@code kafka_consumer_*}, {@code kafka_producer_*}).
 */
public final class SinkMetrics implements AutoCloseable {

    private final PipelineMetrics metrics;
    private final Map<String, Object> clientConfig;
    private final String groupId;

    private SinkMetrics(PipelineMetrics metrics, Map<String, Object> clientConfig, String groupId) {
        this.metrics = metrics;
        this.clientConfig = clientConfig;
        this.groupId = groupId;
    }

    public static SinkMetrics of(String bootstrapServers, Map<String, Object> clientProperties, String groupId) {
        Map<String, Object> clientConfig = new HashMap<>(clientProperties);
        clientConfig.put("bootstrap.servers", bootstrapServers);
        return new SinkMetrics(PipelineMetrics.forRole("sink"), clientConfig, groupId);
    }

    /** Hand this to the sink before it starts. */
    public DeliveryObserver deliveryObserver() {
        return new SinkDeliveryMeters(metrics.registry());
    }

    /** The running sink's consumer and producers, through Micrometer's Kafka client binder. */
    public void bind(SinkClients clients) {
        clients.consumers().forEach(metrics::bind);
        clients.producers().forEach(metrics::bind);
    }

    /** Starts following the group's lag and the dead letters, and serves it all; closing the server closes the metrics. */
    public MetricsServer serve(String host, int port) {
        metrics.closeWith(new ConsumerGroupLag(clientConfig, groupId, Topics.ALERTS.name(), metrics.registry()));
        metrics.countRecordsWritten(clientConfig, List.of(Topics.ALERTS_DLQ.name()));
        return MetricsServer.start(host, port, metrics);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
