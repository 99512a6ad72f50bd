package io.llmwatch.processor.trace;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

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
 *   <li>{@value #TRACES}: trace id → {@link CollectedTrace}, at the event time its first span arrived;</li>
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

    /** The trace with its store timestamp; the newest entry wins should one outlive its retention. */
    static Optional<KeyValue<Long, CollectedTrace>> find(ReadOnlyWindowStore<String, CollectedTrace> traces, String traceId) {
        return find(traces, traceId, BEGINNING, END);
    }

    /**
     * The trace if it was first seen within [from, to]. The processor looks only around the span's own
     * event time: a cached window store walks every segment of the range, and from the epoch that is
     * tens of thousands of them per span.
     */
    public static Optional<KeyValue<Long, CollectedTrace>> find(ReadOnlyWindowStore<String, CollectedTrace> traces,
                                                                String traceId, Instant from, Instant to) {
        try (WindowStoreIterator<CollectedTrace> newestFirst = traces.backwardFetch(traceId, from, to)) {
            return newestFirst.hasNext() ? Optional.of(newestFirst.next()) : Optional.empty();
        }
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
