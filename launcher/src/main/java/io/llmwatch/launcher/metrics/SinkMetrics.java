package io.llmwatch.launcher.metrics;

import io.llmwatch.processor.metrics.PipelineMetrics;
import io.llmwatch.schemas.topic.Topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink's {@code /metrics}: the JVM's, how far its consumer group is behind on the alerts topic, and
 * how many alerts were ever dead-lettered. All read from the broker, so the sink's delivery code stays as it is.
 */
public final class SinkMetrics {

    private SinkMetrics() {
    }

    public static MetricsServer serve(String host, int port, String bootstrapServers, Map<String, Object> clientProperties,
                                      String groupId) {
        Map<String, Object> clientConfig = new HashMap<>(clientProperties);
        clientConfig.put("bootstrap.servers", bootstrapServers);
        PipelineMetrics metrics = PipelineMetrics.forRole("sink");
        metrics.closeWith(new ConsumerGroupLag(clientConfig, groupId, Topics.ALERTS.name(), metrics.registry()));
        metrics.countRecordsWritten(clientConfig, List.of(Topics.ALERTS_DLQ.name()));
        return MetricsServer.start(host, port, metrics);
    }
}
