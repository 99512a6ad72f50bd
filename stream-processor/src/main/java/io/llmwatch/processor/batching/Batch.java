package io.llmwatch.processor.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The records of one key gathered within a task between two flushes of a {@link KeyedBatcher}, in the order they
 * arrived, each with its own timestamp. A batch grows only while its batcher owns it; once forwarded it is read only.
 */
public final class Batch<V> {

    /** How each record of a batch is handed on, with the timestamp it arrived with. */
    @FunctionalInterface
    public interface RecordConsumer<V> {
        void accept(V value, long timestamp);
    }

    private final List<V> values;
    private long[] timestamps;
    private long newestTimestamp = Long.MIN_VALUE;

    public Batch() {
        this.values = new ArrayList<>();
        this.timestamps = new long[4];
    }

    public void add(V value, long timestamp) {
        if (values.size() == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, timestamps.length * 2);
        }
        timestamps[values.size()] = timestamp;
        values.add(value);
        newestTimestamp = Math.max(newestTimestamp, timestamp);
    }

    public List<V> values() {
        return Collections.unmodifiableList(values);
    }

    public void forEach(RecordConsumer<V> consumer) {
        for (int i = 0; i < values.size(); i++) {
            consumer.accept(values.get(i), timestamps[i]);
        }
    }

    public int size() {
        return values.size();
    }

    long timestampAt(int index) {
        return timestamps[index];
    }

    /** The timestamp a forwarded batch carries, the newest of its records'. */
    public long newestTimestamp() {
        return newestTimestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Batch<?> batch && values.equals(batch.values)
                && Arrays.equals(timestamps, 0, values.size(), batch.timestamps, 0, batch.values.size());
    }

    @Override
    public int hashCode() {
        return 31 * values.hashCode() + Arrays.hashCode(Arrays.copyOf(timestamps, values.size()));
    }

    @Override
    public String toString() {
        return "Batch" + values + "@" + newestTimestamp;
    }
}
