package io.llmwatch.processor.state;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A window store that keeps the objects its processor writes in memory and writes them to the store beneath
 * (logged, uncached) only when the task commits: the window-store sibling of {@link WriteBehindKeyValueStore},
 * whose class comment explains why this is exact under exactly-once ({@link #flushCache()} runs while the task
 * prepares each commit, before the transaction that takes the input offsets).
 *
 * <p>Why: Kafka Streams' record cache serialises the whole value on every put, so a trace gaining its n-th span
 * paid for serialising all n again, and a cost window for every partial added to it; and it answers point lookups
 * only after a sorted-map search of the cached entries. Here a put is a hash-map write and each entry changed
 * since the last commit is serialised and logged once per commit.
 *
 * <p>The writing thread reads its own pending changes; other threads (interactive queries) read the store
 * beneath, the state as of the last commit. Range reads by the writer first write its pending changes beneath.
 * Only pending changes are held: a read cache, sized to what its values weigh, is the processor's business
 * (traces keep one, {@code RecentTraces}).
 */
public final class WriteBehindWindowStore<K, V> extends WriteBehindLayer<K, V, WindowStore<K, V>>
        implements WindowStore<K, V> {

    private record Entry<K>(K key, long windowStart) {
    }

    private final Map<Entry<K>, Object> pending = new HashMap<>();

    WriteBehindWindowStore(WindowStore<K, V> beneath) {
        super(beneath);
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        Objects.requireNonNull(key, "key");
        markWriter();
        pending.put(new Entry<>(key, windowStartTimestamp), value == null ? DELETED : value);
    }

    @Override
    public V fetch(K key, long time) {
        if (isWriter()) {
            Object change = pending.get(new Entry<>(key, time));
            if (change != null) {
                return change == DELETED ? null : cast(change);
            }
        }
        return beneath.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        writePendingIfWriter();
        return beneath.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        writePendingIfWriter();
        return beneath.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        writePendingIfWriter();
        return beneath.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        writePendingIfWriter();
        return beneath.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        writePendingIfWriter();
        return beneath.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        writePendingIfWriter();
        return beneath.backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        writePendingIfWriter();
        return beneath.all();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        writePendingIfWriter();
        return beneath.backwardAll();
    }

    @Override
    public void clearCache() {
        pending.clear();
    }

    /** A pending delete of an entry the store beneath never held is dropped rather than logged. */
    @Override
    void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        pending.forEach((entry, change) -> {
            if (change != DELETED) {
                beneath.put(entry.key(), cast(change), entry.windowStart());
            } else if (beneath.fetch(entry.key(), entry.windowStart()) != null) {
                beneath.put(entry.key(), null, entry.windowStart());
            }
        });
        pending.clear();
    }
}
