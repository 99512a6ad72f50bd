package io.llmwatch.connect;

import io.llmwatch.sink.SinkRuntime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One task: hands each record to the {@link io.llmwatch.sink.delivery.DeliveryCore} and tells Connect,
 * in {@link #preCommit}, to commit only up to the oldest alert not yet accepted or dead-lettered
 * everywhere. Connect's restart or rebalance therefore redelivers exactly what is unsettled, and the
 * delivery ledger keeps destinations that already took an alert from getting it twice.
 */
public final class AlertSinkTask extends SinkTask {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private SinkRuntime runtime;

    @Override
    public void start(Map<String, String> properties) {
        runtime = new SinkRuntime(new AlertConnectorConfig(properties).sinkConfig());
        runtime.start();
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        runtime.core().failure().ifPresent(e -> {
            throw new ConnectException("Alert delivery stopped on an error", e);
        });
        for (SinkRecord record : records) {
            runtime.core().accept(new ConsumerRecord<>(record.originalTopic(), record.originalKafkaPartition(),
                    record.originalKafkaOffset(), bytes(record.key(), "key"), bytes(record.value(), "value")));
        }
    }

    /** The delivery core decodes the Avro bytes itself, exactly as the standalone sink reads them. */
    private static byte[] bytes(Object value, String part) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        throw new DataException("The alert " + part + " must reach the task as bytes: set " + part
                + ".converter=org.apache.kafka.connect.converters.ByteArrayConverter");
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> settled = runtime.core().safeOffsets();
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        currentOffsets.forEach((partition, consumed) -> {
            OffsetAndMetadata safe = settled.get(partition);
            if (safe != null) {
                committable.put(partition, safe.offset() < consumed.offset() ? safe : consumed);
            }
        });
        return committable;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        runtime.core().forget(partitions);
    }

    @Override
    public void stop() {
        if (runtime != null) {
            runtime.stopDelivery(STOP_GRACE);
            runtime.close();
        }
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
