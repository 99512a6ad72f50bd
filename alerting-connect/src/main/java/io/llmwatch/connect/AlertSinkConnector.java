package io.llmwatch.connect;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The llmwatch alerting sink as a Kafka Connect sink connector: the same delivery core (routes,
 * grouping, silences, inhibition, rate limits, retries, dead letters, the delivery ledger) in each
 * task, with Connect's consumer group, offsets and restarts. Run it on {@code llmwatch.alerts.v1} with
 * {@code ByteArrayConverter} for keys and values:
 *
 * <pre>
 * connector.class=io.llmwatch.connect.AlertSinkConnector
 * topics=llmwatch.alerts.v1
 * key.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * llmwatch.bootstrap.servers=kafka:9092
 * pagerduty.routing.key=${file:/secrets/llmwatch.properties:pagerduty.routing.key}
 * </pre>
 */
public final class AlertSinkConnector extends SinkConnector {

    private Map<String, String> properties;

    @Override
    public void start(Map<String, String> properties) {
        // Fails the connector at once on a bad setting rather than in every task.
        new AlertConnectorConfig(properties).sinkConfig();
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AlertSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, properties);
    }

    @Override
    public void stop() {
        properties = null;
    }

    @Override
    public ConfigDef config() {
        return AlertConnectorConfig.DEFINITION;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
