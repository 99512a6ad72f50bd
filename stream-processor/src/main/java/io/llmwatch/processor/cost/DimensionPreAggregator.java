package io.llmwatch.processor.cost;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up, within one task, every priced call into a partial aggregate per dimension key and time
 * bucket, and forwards the partials on a wall-clock punctuation, so the repartition by dimension
 * carries one record per key and bucket per flush instead of one per call and dimension (nine).
 *
 * <p>Exact under exactly-once: the partials live in a changelogged store, so whatever was added but
 * not yet forwarded when a commit takes the input offsets is restored with them after a crash, and
 * forwarded then. Forwarding and deleting a partial happen in one transaction.
 *
 * <p>The processor reads its partials from a copy it keeps in memory, reloaded from the store whenever
 * the task is (re)initialised, so adding a call costs one store write per dimension and no read.
 *
 * <p>A bucket is the largest duration every window size is a multiple of, so a partial falls in exactly
 * one window of each size; its record timestamp is the bucket's start. Partials are forwarded oldest
 * bucket first, so the windowed aggregates downstream see their stream time advance in order.
 */
public final class DimensionPreAggregator implements Processor<String, PricedSpan, String, CostAggregate> {

    /** Hex digits of a bucket start: fixed width, so keys sort by time. */
    private static final int BUCKET_DIGITS = 16;

    private final String storeName;
    private final long bucketMillis;
    private final Duration flushInterval;
    /** The store's content; sorted only when flushed, since calls add to it nine times each. */
    private final Map<String, CostAggregate> pending = new HashMap<>();
    private ProcessorContext<String, CostAggregate> context;
    private KeyValueStore<String, CostAggregate> partials;

    public DimensionPreAggregator(String storeName, Duration bucket, Duration flushInterval) {
        this.storeName = storeName;
        this.bucketMillis = bucket.toMillis();
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(ProcessorContext<String, CostAggregate> context) {
        this.context = context;
        this.partials = context.getStateStore(storeName);
        pending.clear();
        try (KeyValueIterator<String, CostAggregate> restored = partials.all()) {
            restored.forEachRemaining(entry -> pending.put(entry.key, entry.value));
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, PricedSpan> record) {
        CostSample sample = record.value().cost();
        String bucket = bucketPrefix(Math.floorDiv(record.timestamp(), bucketMillis) * bucketMillis);
        for (Dimension dimension : Dimension.values()) {
            String key = bucket + dimension.keyOf(sample);
            CostAggregate partial = pending.getOrDefault(key, CostAggregate.EMPTY).plus(sample);
            pending.put(key, partial);
            partials.put(key, partial);
        }
    }

    /** Forwards, oldest bucket first, and removes every partial; a null put removes without reading the old value back. */
    private void flush() {
        new TreeMap<>(pending).forEach((key, partial) -> {
            long bucketStart = Long.parseUnsignedLong(key.substring(0, BUCKET_DIGITS), 16);
            context.forward(new Record<>(key.substring(BUCKET_DIGITS), partial, bucketStart));
            partials.put(key, null);
        });
        pending.clear();
    }

    private static String bucketPrefix(long bucketStart) {
        String hex = Long.toHexString(bucketStart);
        return "0".repeat(BUCKET_DIGITS - hex.length()) + hex;
    }
}
