package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.CostAggregate;
import io.llmwatch.processor.cost.CostSample;
import io.llmwatch.processor.cost.Dimension;
import io.llmwatch.processor.cost.PricedSpan;
import io.llmwatch.processor.state.PreCommitHook;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up, within one task, every priced call into a partial aggregate per dimension key and time
 * bucket, and forwards the partials every flush interval and before every commit, so the repartition by
 * dimension carries one record per key and bucket per flush instead of one per call and dimension (nine).
 *
 * <p>Lateness is decided here, where the calls are read in their partitions' order ({@link LateWindows}): calls
 * some window refuses go into partials of their own, which cross the repartition with the refusing windows in the
 * {@value CostWindowAggregator#LATE_WINDOWS_HEADER} header.
 *
 * <p>Exact under exactly-once without a changelog: the partials are forwarded before every commit
 * ({@link PreCommitHook}), so they are sent in the transaction that commits the calls they add up, and the task
 * holds none at a commit. After a crash the transaction is aborted and the calls are read and added again.
 *
 * <p>A bucket is the largest duration every window size is a multiple of, so a partial falls in exactly
 * one window of each size; its record timestamp is the bucket's start. Partials are forwarded oldest
 * bucket first, so the windowed aggregates downstream see their stream time advance in order.
 */
final class DimensionPreAggregator implements Processor<String, PricedSpan, String, CostAggregate> {

    private final String hookName;
    private final long bucketMillis;
    private final Duration flushInterval;
    private final LateWindows lateWindows;
    /** By encoded {@link PartialKey}; sorted only when flushed, since calls add to it nine times each. */
    private final Map<String, CostAggregate> pending = new HashMap<>();
    private ProcessorContext<String, CostAggregate> context;

    /** @param hookName the task's {@link PreCommitHook} store */
    DimensionPreAggregator(String hookName, Duration bucket, Duration flushInterval, LateWindows lateWindows) {
        this.hookName = hookName;
        this.bucketMillis = bucket.toMillis();
        this.flushInterval = flushInterval;
        this.lateWindows = lateWindows;
    }

    @Override
    public void init(ProcessorContext<String, CostAggregate> context) {
        this.context = context;
        pending.clear();
        context.<PreCommitHook>getStateStore(hookName).forwardBeforeEachCommit(context, this::flush);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, PricedSpan> record) {
        CostSample sample = record.value().cost();
        long bucketStart = Math.floorDiv(record.timestamp(), bucketMillis) * bucketMillis;
        String refusing = lateWindows.refusing(record.timestamp(), context.currentStreamTimeMs());
        String prefix = new PartialKey(bucketStart, refusing, "").encode();
        for (Dimension dimension : Dimension.values()) {
            String key = prefix + dimension.keyOf(sample);
            CostAggregate partial = pending.getOrDefault(key, CostAggregate.EMPTY).plus(sample);
            pending.put(key, partial);
        }
    }

    /** Forwards every partial, oldest bucket first, and forgets them. */
    private void flush() {
        new TreeMap<>(pending).forEach((key, partial) -> {
            PartialKey partialKey = PartialKey.decode(key);
            Record<String, CostAggregate> forwarded = new Record<>(partialKey.dimensionKey(), partial, partialKey.bucketStart());
            context.forward(partialKey.late() ? forwarded.withHeaders(lateHeader(partialKey.lateWindows())) : forwarded);
        });
        pending.clear();
    }

    private static RecordHeaders lateHeader(String lateWindows) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CostWindowAggregator.LATE_WINDOWS_HEADER, lateWindows.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
