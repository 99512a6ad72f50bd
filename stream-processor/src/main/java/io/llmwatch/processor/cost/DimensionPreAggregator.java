package io.llmwatch.processor.cost;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds up, within one task, every priced call into a partial aggregate per dimension key and time
 * bucket, and forwards the partials on a wall-clock punctuation, so the repartition by dimension
 * carries one record per key and bucket per flush instead of one per call and dimension (nine).
 *
 * <p>Exact under exactly-once: the partials live in a changelogged store, so whatever was added but
 * not yet forwarded when a commit takes the input offsets is restored with them after a crash, and
 * forwarded then. Forwarding and deleting a partial happen in one transaction.
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
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, PricedSpan> record) {
        CostSample sample = record.value().cost();
        String bucket = bucketPrefix(Math.floorDiv(record.timestamp(), bucketMillis) * bucketMillis);
        for (Dimension dimension : Dimension.values()) {
            String key = bucket + dimension.keyOf(sample);
            CostAggregate partial = partials.get(key);
            partials.put(key, (partial == null ? CostAggregate.EMPTY : partial).plus(sample));
        }
    }

    private void flush() {
        List<String> forwarded = new ArrayList<>();
        try (KeyValueIterator<String, CostAggregate> oldestFirst = partials.all()) {
            oldestFirst.forEachRemaining(entry -> {
                long bucketStart = Long.parseUnsignedLong(entry.key.substring(0, BUCKET_DIGITS), 16);
                context.forward(new Record<>(entry.key.substring(BUCKET_DIGITS), entry.value, bucketStart));
                forwarded.add(entry.key);
            });
        }
        forwarded.forEach(partials::delete);
    }

    private static String bucketPrefix(long bucketStart) {
        String hex = Long.toHexString(bucketStart);
        return "0".repeat(BUCKET_DIGITS - hex.length()) + hex;
    }
}
