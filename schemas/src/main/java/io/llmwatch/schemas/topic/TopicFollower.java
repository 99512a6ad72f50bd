package io.llmwatch.schemas.topic;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows every partition of one topic on a daemon thread and hands each record to a handler.
 * It uses no consumer group: each process that follows needs every record, and has nothing to commit.
 * Only committed transactions are read, as the processor writes with exactly-once.
 */
public final class TopicFollower<K, V> implements AutoCloseable {

    /** Where following starts: the whole retained history, or only what arrives from now on. */
    public enum StartAt { BEGINNING, END }

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final KafkaConsumer<K, V> consumer;
    private final String topic;
    private final StartAt startAt;
    private final Consumer<ConsumerRecord<K, V>> handler;
    private final Thread thread;
    private volatile boolean running = true;

    private TopicFollower(Map<String, Object> clientConfig, String topic, StartAt startAt, Deserializer<K> keys,
                          Deserializer<V> values, Consumer<ConsumerRecord<K, V>> handler) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, keys, values);
        this.topic = topic;
        this.startAt = startAt;
        this.handler = handler;
        this.thread = new Thread(this::run, "llmwatch-follow-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * @param clientConfig bootstrap servers plus any security settings
     * @param handler      called on the follower's thread for each record, in partition order
     */
    public static <K, V> TopicFollower<K, V> start(Map<String, Object> clientConfig, String topic, StartAt startAt,
                                                   Deserializer<K> keys, Deserializer<V> values,
                                                   Consumer<ConsumerRecord<K, V>> handler) {
        TopicFollower<K, V> follower = new TopicFollower<>(clientConfig, topic, startAt, keys, values, handler);
        follower.thread.start();
        return follower;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            if (startAt == StartAt.BEGINNING) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (running) {
                consumer.poll(POLL_TIMEOUT).forEach(handler);
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.warn("Stopped following {}", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
