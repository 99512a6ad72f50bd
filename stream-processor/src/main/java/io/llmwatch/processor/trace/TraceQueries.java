package io.llmwatch.processor.trace;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the trace stores of this instance; other instances' traces are reached through the REST API. */
public final class TraceQueries {

    private final KafkaStreams streams;

    public TraceQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The trace's tree, read from the store of the partition the trace id belongs to; that store
     * being elsewhere (it migrated) is an {@link org.apache.kafka.streams.errors.InvalidStateStoreException},
     * not a missing trace.
     */
    public Optional<TraceTree> trace(String traceId, int partition) {
        ReadOnlyWindowStore<String, CollectedTrace> traces = streams.store(StoreQueryParameters
                .fromNameAndType(TraceStores.TRACES, QueryableStoreTypes.<String, CollectedTrace>windowStore())
                .withPartition(partition));
        return TraceStores.find(traces, traceId).map(found -> TraceTree.of(found.value));
    }

    /** This instance's traces of {@code user} that started within [from, to], newest first. */
    public List<TraceSummary> tracesOf(String user, Instant from, Instant to, int limit) {
        ReadOnlyWindowStore<String, String> index = streams.store(StoreQueryParameters
                .fromNameAndType(TraceStores.TRACES_BY_USER, QueryableStoreTypes.<String, String>windowStore()));
        ReadOnlyWindowStore<String, CollectedTrace> traces = streams.store(StoreQueryParameters
                .fromNameAndType(TraceStores.TRACES, QueryableStoreTypes.<String, CollectedTrace>windowStore()));
        return TraceStores.byUser(index, traces, user, from, to, limit).stream().map(TraceSummary::of).toList();
    }
}
