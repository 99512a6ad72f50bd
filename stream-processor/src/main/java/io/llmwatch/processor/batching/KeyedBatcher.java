package io.llmwatch.processor.batching;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Routes every record to the keys it counts for and gathers them, within the task, into one {@link Batch} per key,
 * forwarded on a wall-clock punctuation, ahead of a repartition. When a few keys are hot, the repartition then
 * carries one record per hot key and flush instead of one per input record and key: the per-record cost of a
 * topic (serialising, producing, fetching, dispatching) was most of what a per-call hop cost.
 *
 * <p>Exact under exactly-once: the pending batches live in a write-behind store ({@link
 * io.llmwatch.processor.state.WriteBehindKeyValueStore}), written to its changelog at every commit, so records
 * counted by a commit but not yet forwarded are restored with it after a crash and forwarded then. A flush forwards
 * and deletes a batch in one transaction.
 *
 * <p>The flush interval adds at most its length to the latency of whatever reads the batches.
 */
public final class KeyedBatcher<V> implements Processor<String, V, String, Batch<V>> {

    /** The keys one input record counts for, each with the value that goes into that key's batch. */
    @FunctionalInterface
    public interface Routing<V> {
        Iterable<KeyValue<String, V>> route(String key, V value);
    }

    private final String storeName;
    private final Duration flushInterval;
    private final Routing<V> routing;
    /** The store's content in first-arrival order, so the oldest batches leave first. */
    private final Map<String, Batch<V>> pending = new LinkedHashMap<>();
    private ProcessorContext<String, Batch<V>> context;
    private KeyValueStore<String, Batch<V>> batches;

    public KeyedBatcher(String storeName, Duration flushInterval, Routing<V> routing) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    public void init(ProcessorContext<String, Batch<V>> context) {
        this.context = context;
        this.batches = context.getStateStore(storeName);
        pending.clear();
        try (KeyValueIterator<String, Batch<V>> restored = batches.all()) {
            restored.forEachRemaining(entry -> pending.put(entry.key, entry.value));
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() == null) {
            return;
        }
        for (KeyValue<String, V> routed : routing.route(record.key(), record.value())) {
            Batch<V> batch = pending.computeIfAbsent(routed.key, key -> new Batch<>());
            batch.add(routed.value, record.timestamp());
            // The same object again: the write-behind store serialises whatever the batch holds at the commit.
            batches.put(routed.key, batch);
        }
    }

    private void flush() {
        pending.forEach((key, batch) -> {
            context.forward(new Record<>(key, batch, batch.newestTimestamp()));
            batches.put(key, null);
        });
        pending.clear();
    }
}
