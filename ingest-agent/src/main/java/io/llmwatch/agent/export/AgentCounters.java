package io.llmwatch.agent.export;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of what happened to the events handed to the agent.
 *
 * <p>Every offered event ends in exactly one of {@code accepted} or {@code dropped(reason)}, so
 * {@link #offered()} is their sum and {@code accepted + dropped == offered} holds in every snapshot,
 * even one taken while other threads are recording. Accepted events then become {@code sent} (the
 * broker acknowledged them) or {@code failed}; the rest are still queued or in the producer's buffer.
 *
 * @param accepted        events that entered the export queue
 * @param droppedByReason events refused before the queue, by reason; every reason is present
 * @param sent            accepted events the broker acknowledged
 * @param failed          accepted events that could not be encoded or delivered
 * @param queueSize       events waiting in the queue now
 * @param queueCapacity   the queue's bound
 */
public record AgentCounters(long accepted, Map<DropReason, Long> droppedByReason, long sent, long failed,
                            int queueSize, int queueCapacity) {

    public AgentCounters {
        Map<DropReason, Long> complete = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            complete.put(reason, droppedByReason.getOrDefault(reason, 0L));
        }
        droppedByReason = Map.copyOf(complete);
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
