package io.llmwatch.agent.export;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link AgentCounters}. Application threads count outcomes concurrently, so
 * each outcome is a {@link LongAdder}: increments never contend and never block.
 */
final class ExportCounters {

    private final LongAdder accepted = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Collection<?> queue;
    private final int queueCapacity;
    /** The latest rejection or failure, so the periodic warning can say what went wrong, not only how often. */
    private volatile String latestProblem = "none";

    ExportCounters(Collection<?> queue, int queueCapacity) {
        this.queue = queue;
        this.queueCapacity = queueCapacity;
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    void accepted() {
        accepted.increment();
    }

    void dropped(DropReason reason, String problem) {
        dropped.get(reason).increment();
        latestProblem = problem;
    }

    void sent() {
        sent.increment();
    }

    void failed(String problem) {
        failed.increment();
        latestProblem = "send failed: " + problem;
    }

    String latestProblem() {
        return latestProblem;
    }

    AgentCounters snapshot() {
        Map<DropReason, Long> droppedByReason = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, count) -> droppedByReason.put(reason, count.sum()));
        return new AgentCounters(accepted.sum(), droppedByReason, sent.sum(), failed.sum(), queue.size(), queueCapacity);
    }
}
