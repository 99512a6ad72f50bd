package io.llmwatch.processor.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.Map;
import java.util.Objects;

/**
 * What the write-behind key-value and window stores share: the store beneath, which thread writes, the commit hook
 * ({@link #flushCache()}, see {@link WriteBehindKeyValueStore}) and everything passed straight through.
 */
abstract class WriteBehindLayer<K, V, S extends StateStore> implements StateStore, CachedStateStore<K, V> {

    /** Marks a pending delete: the pending maps cannot hold a null value that means "deleted". */
    static final Object DELETED = new Object();

    final S beneath;
    private volatile Thread writer;

    WriteBehindLayer(S beneath) {
        this.beneath = Objects.requireNonNull(beneath, "beneath");
    }

    /** Writes every pending change to the store beneath. */
    abstract void writePending();

    @Override
    public final void init(StateStoreContext context, StateStore root) {
        beneath.init(context, root);
    }

    @Override
    public final String name() {
        return beneath.name();
    }

    /** Called by Kafka Streams while preparing every commit: see {@link WriteBehindKeyValueStore}. */
    @Override
    public final void flushCache() {
        writePending();
    }

    /** Nothing is forwarded from this store: it only defers writes. */
    @Override
    public final boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    /** Comes after the transaction, when {@link #flushCache()} has already written every pending change. */
    @Override
    public final void commit(Map<TopicPartition, Long> changelogOffsets) {
        beneath.commit(changelogOffsets);
    }

    @Override
    public final Long committedOffset(TopicPartition partition) {
        return beneath.committedOffset(partition);
    }

    @Override
    @SuppressWarnings("deprecation")
    public final boolean managesOffsets() {
        return beneath.managesOffsets();
    }

    /** Pending changes are dropped: a close without a commit before it is a dirty close. */
    @Override
    public final void close() {
        clearCache();
        beneath.close();
    }

    @Override
    public final boolean persistent() {
        return beneath.persistent();
    }

    @Override
    public final boolean isOpen() {
        return beneath.isOpen();
    }

    @Override
    public final <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return beneath.query(query, positionBound, config);
    }

    @Override
    public final Position getPosition() {
        return beneath.getPosition();
    }

    /** Called by every write: reads by this thread see pending changes, other threads the last commit. */
    final void markWriter() {
        writer = Thread.currentThread();
    }

    final boolean isWriter() {
        return Thread.currentThread() == writer;
    }

    final void writePendingIfWriter() {
        if (isWriter()) {
            writePending();
        }
    }

    @SuppressWarnings("unchecked")
    final V cast(Object change) {
        return (V) change;
    }
}
