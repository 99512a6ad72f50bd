package io.llmwatch.processor.state;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A key-value store that keeps the objects its processor writes in memory and writes them to the store
 * beneath (logged, uncached) only when the task commits.
 *
 * <p>Why: Kafka Streams' record cache serialises every value on every {@code put}, keeps bytes in a
 * thread-wide LRU, and when that cache is full flushes a whole store's dirty entries at once. A hot
 * aggregate changed thousands of times a second pays a serialisation per change and the task pays
 * those flushes at random. Here a change costs a hash-map write; each key changed since the last
 * commit is serialised and logged once per commit.
 *
 * <p>Exact under exactly-once: Kafka Streams calls {@link #flushCache()} on every registered store while
 * it prepares a commit, before the record collector is flushed and the transaction that takes the
 * input offsets is committed (the hook its own caching stores use). Every change made before a commit
 * therefore reaches the changelog in that commit's transaction; a crash before it loses the changes
 * together with the offsets that produced them.
 *
 * <p>Reads by the thread that writes see its own changes. Other threads (interactive queries) read the
 * store beneath, that is the state as of the last commit, so they never race the processor's maps.
 * Range scans by the writing thread first write the pending changes beneath, so they see them too.
 * Besides its pending changes the store keeps at most {@code cachedEntries} recently used values in
 * memory, so a hot key is not deserialised again after every commit.
 */
public final class WriteBehindKeyValueStore<K, V> extends WriteBehindLayer<K, V, KeyValueStore<K, V>>
        implements KeyValueStore<K, V> {

    private final Map<K, Object> pending = new HashMap<>();
    private final Map<K, V> recent;

    WriteBehindKeyValueStore(KeyValueStore<K, V> beneath, int cachedEntries) {
        super(beneath);
        if (cachedEntries < 0) {
            throw new IllegalArgumentException("cachedEntries must not be negative");
        }
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > cachedEntries;
            }
        };
    }

    @Override
    public V get(K key) {
        if (!isWriter()) {
            return beneath.get(key);
        }
        Object change = pending.get(key);
        if (change != null) {
            return change == DELETED ? null : cast(change);
        }
        V value = recent.get(key);
        if (value == null) {
            value = beneath.get(key);
            if (value != null) {
                recent.put(key, value);
            }
        }
        return value;
    }

    @Override
    public void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        markWriter();
        pending.put(key, value == null ? DELETED : value);
        recent.remove(key);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(K key) {
        V existing = get(key);
        put(key, null);
        return existing;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writePendingIfWriter();
        return beneath.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writePendingIfWriter();
        return beneath.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writePendingIfWriter();
        return beneath.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writePendingIfWriter();
        return beneath.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writePendingIfWriter();
        return beneath.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return beneath.approximateNumEntries();
    }

    @Override
    public void clearCache() {
        pending.clear();
        recent.clear();
    }

    /** A pending delete of a key the store beneath never held is dropped rather than logged. */
    @Override
    void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        pending.forEach((key, change) -> {
            if (change == DELETED) {
                if (beneath.get(key) != null) {
                    beneath.delete(key);
                }
            } else {
                V value = cast(change);
                beneath.put(key, value);
                recent.put(key, value);
            }
        });
        pending.clear();
    }
}
