package io.llmwatch.processor.trace;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How the two trace stores are laid out, and the reads the processor and the query API share.
 *
 * <p>Both are window stores used for their time index and their retention, not for windowing:
 * <ul>
 *   <li>{@value #TRACES}: trace id → {@link CollectedTrace}, at the start of the {@link TraceSlots slot}
 *       its first span arrived in: a time every later span can compute, so finding a trace is a few
 *       point lookups rather than a range scan;</li>
 *   <li>{@value #TRACES_BY_USER}: {@code user|traceId} → trace id, at the trace's start, so a key range
 *       and a time range together find one user's traces in a period.</li>
 * </ul>
 * The index is written by the same processor as the traces, so an index entry and its trace always
 * live in the same task: each instance answers a search for the traces it holds, and a search fans
 * out to every instance.
 */
public final class TraceStores {

    public static final String TRACES = "traces";
    public static final String TRACES_BY_USER = "traces-by-user";

    private static final char SEPARATOR = '|';
    private static final Instant BEGINNING = Instant.EPOCH;
    private static final Instant END = Instant.ofEpochMilli(Long.MAX_VALUE);

    private TraceStores() {
    }

    /**
     * The trace with its store timestamp, wherever it is; the newest entry wins should one outlive its
     * retention. A scan of every live segment: for queries, not for every span.
     */
    static Optional<KeyValue<Long, CollectedTrace>> find(ReadOnlyWindowStore<String, CollectedTrace> traces, String traceId) {
        try (WindowStoreIterator<CollectedTrace> newestFirst = traces.backwardFetch(traceId, BEGINNING, END)) {
            return newestFirst.hasNext() ? Optional.of(newestFirst.next()) : Optional.empty();
        }
    }

    /**
     * The trace whose first span arrived within {@code retention} of {@code at}, with its store
     * timestamp: one point lookup per slot in that range, newest first.
     */
    public static Optional<KeyValue<Long, CollectedTrace>> find(ReadOnlyWindowStore<String, CollectedTrace> traces,
                                                                String traceId, Instant at, Duration retention) {
        long atMillis = at.toEpochMilli();
        return find(traces, traceId, TraceSlots.of(retention), atMillis - retention.toMillis(), atMillis + retention.toMillis());
    }

    /** The trace if its first span arrived in a slot that overlaps [fromMillis, toMillis]. */
    static Optional<KeyValue<Long, CollectedTrace>> find(ReadOnlyWindowStore<String, CollectedTrace> traces,
                                                         String traceId, TraceSlots slots, long fromMillis, long toMillis) {
        for (long slot = slots.slotOf(toMillis); slot >= slots.slotOf(fromMillis); slot = slots.previous(slot)) {
            CollectedTrace trace = traces.fetch(traceId, slot);
            if (trace != null) {
                return Optional.of(KeyValue.pair(slot, trace));
            }
        }
        return Optional.empty();
    }

    static String userKey(String user, String traceId) {
        return user + SEPARATOR + traceId;
    }

    /**
     * Traces of {@code user} that started within [from, to], newest first, at most {@code limit}.
     * Key order puts another user whose name extends this one's plus a separator in the same key
     * range, so keys are checked exactly; trace ids, being hex, never contain the separator.
     */
    static List<CollectedTrace> byUser(ReadOnlyWindowStore<String, String> index,
                                       ReadOnlyWindowStore<String, CollectedTrace> traces,
                                       String user, Instant from, Instant to, int limit) {
        List<KeyValue<Long, String>> startedAndTraceIds = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, String> entries =
                     index.fetch(user + SEPARATOR, user + (char) (SEPARATOR + 1), from, to)) {
            entries.forEachRemaining(entry -> {
                String key = entry.key.key();
                if (key.lastIndexOf(SEPARATOR) == user.length()) {
                    startedAndTraceIds.add(KeyValue.pair(entry.key.window().start(), entry.value));
                }
            });
        }
        return startedAndTraceIds.stream()
                .sorted(Comparator.comparing((KeyValue<Long, String> e) -> e.key).reversed().thenComparing(e -> e.value))
                .map(e -> find(traces, e.value))
                .flatMap(Optional::stream)
                .map(found -> found.value)
                .limit(limit)
                .toList();
    }
}
