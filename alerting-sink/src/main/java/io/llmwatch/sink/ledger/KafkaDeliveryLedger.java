package io.llmwatch.sink.ledger;

import io.llmwatch.sink.SinkTopics;
import io.llmwatch.sink.state.TopicReplica;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link DeliveryLedger} on the compacted {@code llmwatch.alerts.deliveries.v1}: read to its end at
 * start, followed afterwards (so an instance taking over a partition knows what the previous owner
 * delivered), appended to on every acceptance and flushed before each offset commit.
 */
public final class KafkaDeliveryLedger implements DeliveryLedger, AutoCloseable {

    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Producer<String, String> producer;
    private final InstantSource clock;
    private final TopicReplica replica;

    public KafkaDeliveryLedger(Map<String, Object> clientConfig, Producer<String, String> producer, InstantSource clock) {
        this.producer = producer;
        this.clock = clock;
        this.replica = TopicReplica.start(clientConfig, SinkTopics.DELIVERIES.name(), record -> {
            if (record.value() != null) {
                accepted.add(record.key());
            }
        });
    }

    @Override
    public boolean accepted(String destination, String alertId) {
        return accepted.contains(key(destination, alertId));
    }

    @Override
    public void record(String destination, String alertId) {
        String key = key(destination, alertId);
        accepted.add(key);
        producer.send(new ProducerRecord<>(SinkTopics.DELIVERIES.name(), key, clock.instant().toString()));
    }

    @Override
    public void flush() {
        producer.flush();
    }

    private static String key(String destination, String alertId) {
        return destination + "|" + alertId;
    }

    @Override
    public void close() {
        replica.close();
    }
}
