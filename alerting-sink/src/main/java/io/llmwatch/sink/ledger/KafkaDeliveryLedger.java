package io.llmwatch.sink.ledger;

import io.llmwatch.sink.SinkTopics;
import io.llmwatch.sink.state.TopicReplica;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link DeliveryLedger} on the compacted {@code llmwatch.alerts.deliveries.v1}: read to its end at
 * start, followed afterwards (so an instance taking over a partition knows what the previous owner
 * delivered), appended to on every acceptance and flushed before each offset commit.
 *
 * <p>Each acceptance is written synchronously: a record still lingering in the producer when the process is
 * killed would be forgotten, and every alert it covers would be sent again after the restart. Alerts arrive
 * at human rates, so one acknowledged write per delivery costs nothing that matters.
 */
public final class KafkaDeliveryLedger implements DeliveryLedger, AutoCloseable {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveryLedger.class);

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
        try {
            producer.send(new ProducerRecord<>(SinkTopics.DELIVERIES.name(), key, clock.instant().toString()))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The destination has the alert already; an unrecorded acceptance can only cause a re-send after a restart.
            LOG.warn("Could not record that {} accepted alert {}; a restart may send it again: {}", destination, alertId, e.toString());
        }
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
