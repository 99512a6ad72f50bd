package io.llmwatch.processor.batching;

import io.llmwatch.processor.state.PreCommitHook;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Routes every record to the keys it counts for and gathers them, within the task, into one {@link Batch} per key,
 * forwarded every flush interval and before every commit, ahead of a repartition. When a few keys are hot, the
 * repartition then carries one record per hot key and flush instead of one per input record and key: the per-record
 * cost of a topic (serialising, producing, fetching, dispatching) was most of what a per-call hop cost.
 *
 * <p>Exact under exactly-once without a changelog: the batches are forwarded before every commit ({@link
 * PreCommitHook}), so they are sent in the transaction that commits the records they hold, and the task holds
 * none at a commit. After a crash the transaction is aborted and the records are read and batched again.
 *
 * <p>The flush interval adds at most its length to the latency of whatever reads the batches; under exactly-once
 * they are readable only once committed anyway.
 */
public final class KeyedBatcher<V> implements Processor<String, V, String, Batch<V>> {

    /** The keys one input record counts for, each with the value that goes into that key's batch. */
    @FunctionalInterface
    public interface Routing<V> {
        Iterable<KeyValue<String, V>> route(String key, V value);
    }

    private final String hookName;
    private final Duration flushInterval;
    private final Routing<V> routing;
    /** In first-arrival order, so the oldest batches leave first. */
    private final Map<String, Batch<V>> pending = new LinkedHashMap<>();
    private ProcessorContext<String, Batch<V>> context;

    /** @param hookName the task's {@link PreCommitHook} store */
    public KeyedBatcher(String hookName, Duration flushInterval, Routing<V> routing) {
        this.hookName = Objects.requireNonNull(hookName, "hookName");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    public void init(ProcessorContext<String, Batch<V>> context) {
        this.context = context;
        pending.clear();
        context.<PreCommitHook>getStateStore(hookName).forwardBeforeEachCommit(context, this::flush);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() == null) {
            return;
        }
        for (KeyValue<String, V> routed : routing.route(record.key(), record.value())) {
            pending.computeIfAbsent(routed.key, key -> new Batch<>()).add(routed.value, record.timestamp());
        }
    }

    private void flush() {
        pending.forEach((key, batch) -> context.forward(new Record<>(key, batch, batch.newestTimestamp())));
        pending.clear();
    }
}
