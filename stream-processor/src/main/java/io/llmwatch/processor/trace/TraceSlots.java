package io.llmwatch.processor.trace;

import java.time.Duration;

/**
 * Where in time the {@value TraceStores#TRACES} store keeps a trace: at the start of the slot (a fixed
 * fraction of the retention) its first span arrived in. Every later span of the trace can compute the
 * few slots its trace may be in, so finding a trace, or learning it is new, takes a point lookup per
 * slot instead of a range scan that opens an iterator on every segment of the store.
 *
 * <p>An entry sits up to one slot earlier than its first span, so the store keeps entries one slot
 * longer than the retention: every trace still lives at least the retention after its first span.
 */
record TraceSlots(long sizeMillis) {

    /** More slots mean less extra retention but more lookups for a span whose trace is new. */
    private static final int SLOTS_PER_RETENTION = 2;

    TraceSlots {
        if (sizeMillis < 1) {
            throw new IllegalArgumentException("slot size must be positive");
        }
    }

    static TraceSlots of(Duration retention) {
        return new TraceSlots(Math.max(1, retention.toMillis() / SLOTS_PER_RETENTION));
    }

    long slotOf(long eventTimeMillis) {
        return Math.floorDiv(eventTimeMillis, sizeMillis) * sizeMillis;
    }

    long previous(long slot) {
        return slot - sizeMillis;
    }

    /** The traces store's retention, one slot longer than the traces' own. */
    Duration storeRetention(Duration retention) {
        return retention.plusMillis(sizeMillis);
    }
}
