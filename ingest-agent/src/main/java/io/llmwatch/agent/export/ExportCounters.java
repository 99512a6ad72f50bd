package io.llmwatch.agent.export;

import io.llmwatch.agent.spool.Spool;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link AgentCounters}. Application threads, the export worker and the producer's
 * network thread count concurrently, so every count is a {@link LongAdder} (increments never contend, never
 * block), a {@link SplitCounter} owned by the network thread for deliveries, or, for acceptance, the queue's own
 * insert index.
 */
final class ExportCounters {

    private final ExportQueue queue;
    /** Null when no spool is configured. */
    private final Spool spool;
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final SplitCounter sent = new SplitCounter();
    private final LongAdder failed = new LongAdder();
    private final LongAdder spooled = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LatencyHistogram sendLatency = new LatencyHistogram();
    /** The latest rejection or failure, so the periodic warning can say what went wrong, not only how often. */
    private volatile String latestProblem = "none";

    ExportCounters(ExportQueue queue, Spool spool) {
        this.queue = queue;
        this.spool = spool;
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    void dropped(DropReason reason, String problem) {
        dropped.get(reason).increment();
        latestProblem = problem;
    }

    /** @param onAckThread whether this runs on the thread that owns the delivery counts, the producer's network thread */
    void sent(boolean onAckThread) {
        sent.add(1, onAckThread);
    }

    /** One event's time from hand-over to acknowledgement; only a sample of events is timed. */
    void sendLatency(long nanos) {
        sendLatency.record(nanos);
    }

    void failed(String problem) {
        failed.increment();
        latestProblem = "send failed: " + problem;
    }

    void spooled() {
        spooled.increment();
    }

    void replayed() {
        replayed.increment();
    }

    /** A problem that is not yet a loss, e.g. why the worker spools, for the next warning. */
    void problem(String problem) {
        latestProblem = problem;
    }

    String latestProblem() {
        return latestProblem;
    }

    AgentCounters snapshot() {
        Map<DropReason, Long> droppedByReason = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, count) -> droppedByReason.put(reason, count.sum()));
        // Read after the drops: an event dropped for spool_full was inserted into the queue first, so the
        // inserts read now include it, and accepted never comes out negative.
        long inserted = queue.accepted();
        long accepted = inserted - droppedByReason.get(DropReason.SPOOL_FULL);
        return new AgentCounters(accepted, droppedByReason, sent.sum(), failed.sum(), spooled.sum(), replayed.sum(),
                queue.size(), queue.capacity(), spool == null ? 0 : spool.bytes(), spool == null ? 0 : spool.maxBytes(),
                sendLatency.summary());
    }
}
