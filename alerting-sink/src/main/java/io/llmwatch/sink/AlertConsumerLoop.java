package io.llmwatch.sink;

import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.delivery.DeliveryCore;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sink's consume, hand over, commit loop. Records go to the {@link DeliveryCore} in offset order;
 * after every poll the loop commits how far each partition is settled (every destination accepted or
 * dead-lettered everything before that offset), so whatever is uncommitted when the sink stops,
 * crashes or loses a partition is exactly what is not settled yet, and is delivered again by whoever
 * consumes the partition next. Only the thread calling {@link #run} touches the consumer.
 */
final class AlertConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(AlertConsumerLoop.class);

    /** How often an idle loop commits what settled meanwhile and notices {@link #stop}. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /**
     * How often settled offsets are committed (each commit first flushes the delivery ledger): often enough
     * that a restart redelivers little, rarely enough not to spend a broker round trip on every poll.
     */
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    /** Alerts held unsettled (grouped, rate limited, retried) before the loop stops fetching more. */
    static final int MAX_UNSETTLED = 10_000;

    private final Consumer<byte[], byte[]> consumer;
    private final DeliveryCore core;
    /** Settled offsets not committed yet because a rebalance was under way. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private volatile boolean running = true;
    private long lastCommit = System.nanoTime();

    AlertConsumerLoop(Consumer<byte[], byte[]> consumer, DeliveryCore core) {
        this.consumer = consumer;
        this.core = core;
    }

    /** Consumes until {@link #stop} is called; Kafka errors and delivery failures propagate. */
    void run() {
        consumer.subscribe(List.of(Topics.ALERTS.name()), new CommitRevokedPartitions());
        while (running) {
            core.failure().ifPresent(e -> {
                throw e;
            });
            throttle();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                core.accept(record);
            }
            if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                commitSettled();
                lastCommit = System.nanoTime();
            }
        }
    }

    /** Commits what has settled since the last commit; also called once more after the delivery workers stopped. */
    void commitSettled() {
        commit(core.committableOffsets());
    }

    /** Asks the loop to return; what is settled by then is committed, the rest is delivered again later. */
    void stop() {
        running = false;
    }

    /** Holds fetching while too much is unsettled, so a destination that is down cannot fill the heap. */
    private void throttle() {
        if (core.unsettled() > MAX_UNSETTLED) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        uncommitted.putAll(offsets);
        uncommitted.keySet().retainAll(consumer.assignment());
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(uncommitted);
            uncommitted.clear();
        } catch (RebalanceInProgressException e) {
            // Kept and committed with the next round, once the rebalance is through.
            LOG.debug("Commit of {} postponed by a rebalance", uncommitted);
        } catch (CommitFailedException e) {
            LOG.warn("Could not commit {}; those alerts may be delivered again (not re-sent where already accepted): {}",
                    uncommitted, e.getMessage());
            uncommitted.clear();
        }
    }

    /** Commits what is settled of the partitions being taken away, then leaves the rest to their next owner. */
    private final class CommitRevokedPartitions implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> settled = core.safeOffsets().entrySet().stream()
                    .filter(entry -> partitions.contains(entry.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            commit(settled);
            core.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Assigned partitions start from their committed offsets; nothing to prepare.
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            core.forget(partitions);
        }
    }
}
