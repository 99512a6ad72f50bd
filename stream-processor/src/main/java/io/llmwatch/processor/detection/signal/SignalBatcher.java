package io.llmwatch.processor.detection.signal;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes every signal to the detector keys it counts for ({@link SignalRouting}) and gathers them, within the
 * task, into one {@link SignalBatch} per key, forwarded on a wall-clock punctuation. A call counts for about nine
 * keys and most of them (global, each feature, tenant, model, provider, prompt) are hot, so the detection
 * repartition carries one record per hot key and flush instead of nine per call: the per-record cost of the
 * topic (serialising, producing, fetching, dispatching) was most of detection's cost.
 *
 * <p>Exact under exactly-once: the pending batches live in a write-behind store ({@link
 * io.llmwatch.processor.state.WriteBehindKeyValueStore}), written to its changelog at every commit, so signals
 * counted by a commit but not yet forwarded are restored with it after a crash and forwarded then. A flush
 * forwards and deletes a batch in one transaction.
 *
 * <p>The flush interval adds at most its length to an alert's latency; it is a tenth of the alert latency
 * llmwatch aims for.
 */
public final class SignalBatcher implements Processor<String, CallSignal, String, SignalBatch> {

    private final String storeName;
    private final Duration flushInterval;
    /** The store's content in first-arrival order, so the oldest batches leave first. */
    private final Map<String, SignalBatch> pending = new LinkedHashMap<>();
    private ProcessorContext<String, SignalBatch> context;
    private KeyValueStore<String, SignalBatch> batches;

    public SignalBatcher(String storeName, Duration flushInterval) {
        this.storeName = storeName;
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(ProcessorContext<String, SignalBatch> context) {
        this.context = context;
        this.batches = context.getStateStore(storeName);
        pending.clear();
        try (KeyValueIterator<String, SignalBatch> restored = batches.all()) {
            restored.forEachRemaining(entry -> pending.put(entry.key, entry.value));
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, CallSignal> record) {
        if (record.value() == null) {
            return;
        }
        for (var routed : SignalRouting.route(record.value())) {
            SignalBatch batch = pending.computeIfAbsent(routed.key, key -> new SignalBatch());
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
