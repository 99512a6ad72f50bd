package io.llmwatch.launcher.command;

import io.llmwatch.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * Writes and reads a compacted settings topic (prices, budgets) for the operator CLIs: one record per key, a
 * {@code null} value being the tombstone that removes the key.
 */
final class CompactedTopicClient<V> {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Topic<String, V> topic;
    private final KafkaOptions kafka;
    private final String command;

    /** @param command the CLI command, named in the error when no --bootstrap-servers is given */
    CompactedTopicClient(Topic<String, V> topic, KafkaOptions kafka, String command) {
        this.topic = topic;
        this.kafka = kafka;
        this.command = command;
    }

    /** Writes {@code value} under {@code key}, or a tombstone for {@code null}, and waits for every replica's ack. */
    void put(String key, V value) throws InterruptedException, ExecutionException {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    /** Reads the topic up to its current end: the latest value per key, in key order, tombstones removing. */
    Map<String, V> readAll() {
        Map<String, V> current = new TreeMap<>();
        try (var consumer = new KafkaConsumer<>(clientConfig(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        current.remove(record.key());
                    } else {
                        current.put(record.key(), record.value());
                    }
                }
            }
        }
        return current;
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("bootstrap.servers", kafka.requireExternal(command));
        return config;
    }
}
