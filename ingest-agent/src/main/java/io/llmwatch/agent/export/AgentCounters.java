package io.llmwatch.agent.export;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of what happened to the events handed to the agent.
 *
 * <p>Every offered event ends in exactly one of {@code accepted} or {@code dropped(reason)}, so
 * {@link #offered()} is their sum and {@code accepted + dropped == offered} holds in every snapshot, even one
 * taken while other threads are recording. Most drops happen before the queue; {@code spool_full} happens
 * after it, when the broker is unreachable and the spool has no room, and moves an event from accepted to
 * dropped. Accepted events become {@code sent} (the broker acknowledged them) or {@code failed}; the rest
 * are queued, in the producer's buffer or in the spool.
 *
 * @param accepted           events taken for export and not dropped since
 * @param droppedByReason    events dropped, by reason; every reason is present
 * @param sent               events the broker acknowledged, including those replayed from an earlier run's spool
 * @param failed             events that could not be encoded or that Kafka refused for good
 * @param spooled            events written to the spool because Kafka could not take them
 * @param replayed           events read back from the spool and handed to Kafka
 * @param queueSize          events waiting in the queue now
 * @param queueCapacity      the queue's bound
 * @param spoolBytes         what the spool occupies on disk now; 0 without a spool
 * @param spoolCapacityBytes the spool's byte budget; 0 without a spool
 * @param sendLatency        from handing an event to the producer to the broker's acknowledgement, timed on one
 *                           acknowledged event in eight
 */
public record AgentCounters(long accepted, Map<DropReason, Long> droppedByReason, long sent, long failed,
                            long spooled, long replayed, int queueSize, int queueCapacity,
                            long spoolBytes, long spoolCapacityBytes, LatencySummary sendLatency) {

    public AgentCounters {
        Map<DropReason, Long> complete = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            complete.put(reason, droppedByReason.getOrDefault(reason, 0L));
        }
        droppedByReason = Map.copyOf(complete);
        Objects.requireNonNull(sendLatency, "sendLatency");
    }

    /** Every event handed to the agent: {@code accepted + dropped()}. */
    public long offered() {
        return accepted + dropped();
    }

    public long dropped() {
        return droppedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long dropped(DropReason reason) {
        return droppedByReason.get(reason);
    }
}
