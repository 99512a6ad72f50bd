package io.llmwatch.sink;

import io.llmwatch.schemas.topic.Topics;
import io.llmwatch.sink.delivery.AlertDispatcher;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sink's consume, dispatch, commit loop. It commits each alert's offset as soon as the alert is
 * settled, one alert at a time, so whatever is uncommitted when it stops, crashes or loses a partition
 * is exactly what is not settled yet, and is delivered again by whoever consumes the partition next.
 *
 * <p>Alerts are dispatched one after another, so one being retried holds back those behind it. That
 * keeps each incident's FIRING and RESOLVED in order, at the price of head-of-line blocking while a
 * destination is down. Only the thread calling {@link #run} may touch the consumer.
 */
final class AlertConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(AlertConsumerLoop.class);

    /** Also how often the loop notices {@link #stop}, even while it waits between retries. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final AlertDispatcher dispatcher;
    /**
     * Partitions revoked, or given up, since the current batch was fetched: their remaining records in
     * the batch must not be dispatched, because the consumer's position for them no longer follows it.
     */
    private final Set<TopicPartition> abandoned = new HashSet<>();
    private volatile boolean running = true;

    AlertConsumerLoop(Consumer<byte[], byte[]> consumer, AlertDispatcher dispatcher) {
        this.consumer = consumer;
        this.dispatcher = dispatcher;
    }

    /** Consumes until {@link #stop} is called; Kafka errors propagate. */
    void run() {
        consumer.subscribe(List.of(Topics.ALERTS.name()), new AbandonRevokedPartitions());
        while (running) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL_TIMEOUT);
            // A rebalance inside that poll ran before its records were fetched, so they are all valid.
            abandoned.clear();
            dispatch(batch);
        }
    }

    /** Asks the loop to return; the alert in hand finishes its current attempt and stays uncommitted unless settled by it. */
    void stop() {
        running = false;
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> batch) {
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            if (!running) {
                return;
            }
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (abandoned.contains(partition)) {
                continue;
            }
            if (dispatcher.dispatch(record, delay -> waitPaused(delay, partition))) {
                commit(record, partition);
            } else {
                abandon(partition, record.offset());
            }
        }
    }

    /**
     * Waits out a retry delay inside {@code poll} with every partition paused: polling keeps this member
     * in its group however long retries take ({@code max.poll.interval.ms}), pausing keeps it from
     * fetching past the alert being retried. Gives up when the loop stops or the partition is revoked.
     */
    private boolean waitPaused(Duration delay, TopicPartition partition) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            while (running && !abandoned.contains(partition)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                // Paused again on every round: a rebalance during the wait may have assigned new partitions.
                consumer.pause(consumer.assignment());
                putBack(consumer.poll(Duration.ofNanos(Math.min(remaining, POLL_TIMEOUT.toNanos()))));
            }
            return false;
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    /** Undoes a fetch that slipped through while waiting (a partition assigned and fetched within one poll). */
    private void putBack(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void commit(ConsumerRecord<byte[], byte[]> record, TopicPartition partition) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("Could not commit offset {} of {} during a rebalance; that alert may be delivered again: {}",
                    record.offset() + 1, partition, e.getMessage());
            abandon(partition, record.offset() + 1);
        }
    }

    /**
     * Leaves the partition's remaining records in this batch to a later poll, or to their new owner. The
     * consumer has already fetched past them, so if the partition is still ours it must rewind to
     * {@code nextOffset}, or they would be skipped.
     */
    private void abandon(TopicPartition partition, long nextOffset) {
        abandoned.add(partition);
        if (consumer.assignment().contains(partition)) {
            consumer.seek(partition, nextOffset);
        }
    }

    /**
     * Every settled alert is committed at once, so a revocation has nothing to commit: it only has to
     * stop work on the partition, which resumes from its committed offset wherever it is assigned next.
     */
    private final class AbandonRevokedPartitions implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            abandoned.addAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Assigned partitions start from their committed offsets; nothing to prepare.
        }
    }
}
