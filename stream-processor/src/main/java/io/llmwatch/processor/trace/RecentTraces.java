package io.llmwatch.processor.trace;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The traces one task wrote last, exactly as it wrote them to the {@value TraceStores#TRACES} store,
 * least recently used first out. A read cache only: the processor puts every change in the store
 * before it puts it here, so losing this cache (a restart, a task moving) loses nothing. It spares a
 * span of an open trace the store lookup and the deserialisation of the spans gathered so far.
 * Bounded by the spans it holds, so a few huge traces cannot crowd the heap.
 */
final class RecentTraces {

    /** A trace and the store timestamp (its slot) it was written at. */
    record Stored(long slot, CollectedTrace trace) {
    }

    private final int maxSpans;
    private final LinkedHashMap<String, Stored> byTraceId = new LinkedHashMap<>(16, 0.75f, true);
    private int spans;

    RecentTraces(int maxSpans) {
        if (maxSpans < 1) {
            throw new IllegalArgumentException("maxSpans must be positive");
        }
        this.maxSpans = maxSpans;
    }

    Stored get(String traceId) {
        return byTraceId.get(traceId);
    }

    void put(long slot, CollectedTrace trace) {
        Stored replaced = byTraceId.put(trace.traceId(), new Stored(slot, trace));
        spans += trace.spans().size() - (replaced == null ? 0 : replaced.trace().spans().size());
        Iterator<Stored> leastRecentFirst = byTraceId.values().iterator();
        while (spans > maxSpans && leastRecentFirst.hasNext()) {
            spans -= leastRecentFirst.next().trace().spans().size();
            leastRecentFirst.remove();
        }
    }

    void clear() {
        byTraceId.clear();
        spans = 0;
    }
}
