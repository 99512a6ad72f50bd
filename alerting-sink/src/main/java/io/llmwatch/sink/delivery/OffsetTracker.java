package io.llmwatch.sink.delivery;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Which offsets are safe to commit while alerts settle out of order (a grouped one waits, a page goes
 * at once): per partition, the offset of the oldest record not settled yet, or the next offset when
 * everything handed in so far is settled. Thread-safe.
 */
final class OffsetTracker {

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    synchronized void track(TopicPartition partition, PendingRecord pending) {
        // Nothing to commit until the partition gets past the first record seen.
        Partition state = partitions.computeIfAbsent(partition, p -> new Partition(pending.record().offset()));
        state.unsettled.addLast(pending);
        state.next = pending.record().offset() + 1;
    }

    /** The safe offset of every partition whose safe offset moved since the last call. */
    synchronized Map<TopicPartition, OffsetAndMetadata> advanced() {
        Map<TopicPartition, OffsetAndMetadata> advanced = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long safe = state.safe();
            if (safe > state.reported) {
                state.reported = safe;
                advanced.put(partition, new OffsetAndMetadata(safe));
            }
        });
        return advanced;
    }

    /** The safe offset of every partition records were handed in for. */
    synchronized Map<TopicPartition, OffsetAndMetadata> safe() {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        partitions.forEach((partition, state) -> safe.put(partition, new OffsetAndMetadata(state.safe())));
        return safe;
    }

    /** Stops tracking partitions this instance no longer owns; their unsettled records are the new owner's. */
    synchronized void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    synchronized int unsettled() {
        return partitions.values().stream().mapToInt(state -> state.unsettled.size()).sum();
    }

    private static final class Partition {
        private final Deque<PendingRecord> unsettled = new ArrayDeque<>();
        private long next;
        private long reported;

        private Partition(long first) {
            this.next = first;
            this.reported = first;
        }

        private long safe() {
            while (!unsettled.isEmpty() && unsettled.peekFirst().settled()) {
                unsettled.removeFirst();
            }
            return unsettled.isEmpty() ? next : unsettled.peekFirst().record().offset();
        }
    }
}
