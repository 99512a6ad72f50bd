package io.llmwatch.sink.state;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Keeps a local copy of a small compacted topic: {@link #start} reads it to its end before returning
 * (so the sink never acts on half its state), then a daemon thread follows what other instances
 * write. No consumer group: every instance needs every record.
 */
public final class TopicReplica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReplica.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<ConsumerRecord<String, String>> handler;
    private final Thread follower;
    private volatile boolean running = true;

    private TopicReplica(Map<String, Object> clientConfig, String topic, Consumer<ConsumerRecord<String, String>> handler) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.handler = handler;
        List<TopicPartition> partitions = partitionsOf(topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        loadToEnd(partitions);
        this.follower = new Thread(this::follow, "llmwatch-replica-" + topic);
        this.follower.setDaemon(true);
    }

    /** Reads the topic to its current end, then keeps following it; {@code handler} sees every record in partition order. */
    public static TopicReplica start(Map<String, Object> clientConfig, String topic, Consumer<ConsumerRecord<String, String>> handler) {
        TopicReplica replica = new TopicReplica(clientConfig, topic, handler);
        replica.follower.start();
        return replica;
    }

    /** A topic created a moment ago may not be in the metadata yet: ask again until it is. */
    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, LOAD_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                consumer.close();
                throw new IllegalStateException("Topic " + topic + " does not exist");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private void loadToEnd(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, LOAD_TIMEOUT);
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(partition -> consumer.position(partition, LOAD_TIMEOUT) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + partitions + " to its end within " + LOAD_TIMEOUT);
            }
            consumer.poll(POLL).forEach(handler);
        }
    }

    private void follow() {
        try {
            while (running) {
                consumer.poll(POLL).forEach(handler);
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.error("Stopped following a sink state topic; this instance no longer sees other instances' updates", e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            follower.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
