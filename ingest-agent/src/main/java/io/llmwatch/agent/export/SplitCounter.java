package io.llmwatch.agent.export;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A count one thread, its owner, adds to with a plain load and an ordered store, and any other thread adds to
 * atomically. The producer's network thread acknowledges every delivered event, in bursts of a whole batch:
 * a locked add per event there cost more than the rest of its callback. Readers on any thread see both parts.
 */
final class SplitCounter {

    private final AtomicLong byOwner = new AtomicLong();
    private final LongAdder byOthers = new LongAdder();

    /**
     * @param onOwnerThread true only on the owning thread: no other thread writes its part, so nothing can
     *                      come between the load and the store
     */
    void add(long delta, boolean onOwnerThread) {
        if (onOwnerThread) {
            byOwner.setRelease(byOwner.getPlain() + delta);
        } else {
            byOthers.add(delta);
        }
    }

    long sum() {
        return byOwner.get() + byOthers.sum();
    }
}
