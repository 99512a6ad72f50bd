package io.llmwatch.processor.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

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
public final class WriteBehindWindowStore<K, V> implements WindowStore<K, V>, CachedStateStore<K, V> {

    /** Marks a pending delete: the map below cannot hold a null value that means "deleted". */
    private static final Object DELETED = new Object();

    private record Entry<K>(K key, long windowStart) {
    }

    private final WindowStore<K, V> beneath;
    private final Map<Entry<K>, Object> pending = new HashMap<>();
    private volatile Thread writer;

    WriteBehindWindowStore(WindowStore<K, V> beneath) {
        this.beneath = Objects.requireNonNull(beneath, "beneath");
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        beneath.init(context, root);
    }

    @Override
    public String name() {
        return beneath.name();
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        Objects.requireNonNull(key, "key");
        writer = Thread.currentThread();
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

    /** Called by Kafka Streams while preparing every commit: see the class comment. */
    @Override
    public void flushCache() {
        writePending();
    }

    @Override
    public void clearCache() {
        pending.clear();
    }

    /** Nothing is forwarded from this store: it only defers writes. */
    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    /** Comes after the transaction, when {@link #flushCache()} has already written every pending change. */
    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        beneath.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return beneath.committedOffset(partition);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return beneath.managesOffsets();
    }

    /** Pending changes are dropped: a close without a commit before it is a dirty close. */
    @Override
    public void close() {
        clearCache();
        beneath.close();
    }

    @Override
    public boolean persistent() {
        return beneath.persistent();
    }

    @Override
    public boolean isOpen() {
        return beneath.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return beneath.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return beneath.getPosition();
    }

    private boolean isWriter() {
        return Thread.currentThread() == writer;
    }

    private void writePendingIfWriter() {
        if (isWriter()) {
            writePending();
        }
    }

    /** A pending delete of an entry the store beneath never held is dropped rather than logged. */
    private void writePending() {
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

    @SuppressWarnings("unchecked")
    private V cast(Object change) {
        return (V) change;
    }
}
