package io.llmwatch.launcher.bench;

import io.llmwatch.agent.export.AgentProducerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: a plain {@code KafkaProducer} with the agent's tuning sending records already serialized, as
 * fast as one thread can. Unlike the agent it may block when its buffer is full, which is how a plain
 * producer applies back-pressure.
 */
final class RawProducerRun {

    private static final Duration MAX_BLOCK = Duration.ofMinutes(1);

    private RawProducerRun() {
    }

    /** Sends {@code records} to {@code topic} and waits for every acknowledgement; returns events per second. */
    static double eventsPerSecond(String bootstrapServers, String topic, List<ConsumerRecord<byte[], byte[]>> records) {
        List<ProducerRecord<byte[], byte[]>> outgoing = records.stream()
                .map(record -> new ProducerRecord<>(topic, record.key(), record.value())).toList();
        Map<String, Object> config = AgentProducerConfig.build(bootstrapServers, "llmwatch-bench-raw-producer",
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));
        AtomicLong failures = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            long started = System.nanoTime();
            for (ProducerRecord<byte[], byte[]> record : outgoing) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                });
            }
            producer.flush();
            long elapsed = System.nanoTime() - started;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " records of the raw producer failed");
            }
            return outgoing.size() * 1e9 / elapsed;
        }
    }
}
