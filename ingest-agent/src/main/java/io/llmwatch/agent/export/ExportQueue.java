package io.llmwatch.agent.export;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bounded queue between the application's threads and the export worker: many producers, one consumer,
 * no locks. An insert is one compare-and-set on the tail index plus an ordered store, so a recording thread
 * never parks behind the worker, as it could on the lock of an {@code ArrayBlockingQueue}, and never allocates.
 *
 * <p>The tail index also counts every event ever accepted, exactly: it is incremented by the insert itself,
 * before the worker can see the event.
 */
final class ExportQueue {

    /**
     * Tail and head live 128 bytes apart in one array: the application's threads write the tail and the
     * worker writes the head, and on one cache line every insert would miss the cache.
     */
    private static final int TAIL = 8;
    private static final int HEAD = 24;
    private static final int INDEX_SLOTS = 32;

    private final int capacity;
    private final AtomicReferenceArray<OutboundRecord<?>> slots;
    /** At {@link #TAIL}: the next index to insert at, i.e. events accepted so far. At {@link #HEAD}: the next to take. */
    private final AtomicLongArray indexes = new AtomicLongArray(INDEX_SLOTS);
    /**
     * The head as the application's threads last read it. It only lags behind, so a queue judged not full by
     * it is not full; inserts read the worker's head again only when this one says the queue is full.
     */
    private volatile long headSeenByProducers;

    ExportQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /**
     * Inserts {@code event} unless the queue is full; never blocks.
     *
     * @return -1 if the queue was full, otherwise an upper bound of the events queued after the insert (read
     *         {@link #size()} for the exact number)
     */
    int offer(OutboundRecord<?> event) {
        long index;
        long head;
        do {
            index = indexes.get(TAIL);
            head = headSeenByProducers;
            if (index - head >= capacity) {
                head = indexes.get(HEAD);
                headSeenByProducers = head;
                if (index - head >= capacity) {
                    return -1;
                }
            }
        } while (!indexes.compareAndSet(TAIL, index, index + 1));
        slots.lazySet(slot(index), event);
        return (int) Math.min(capacity, index + 1 - head);
    }

    /**
     * Takes the oldest event. Only the worker calls it.
     *
     * @return null if the queue is empty, or if the thread that claimed the oldest slot has not stored its
     *         event yet (it is about to; the worker comes back for it)
     */
    OutboundRecord<?> poll() {
        long index = indexes.get(HEAD);
        int slot = slot(index);
        OutboundRecord<?> event = slots.get(slot);
        if (event == null) {
            return null;
        }
        // Emptied before the head moves past it, so a producer that sees the new head finds the slot free.
        slots.lazySet(slot, null);
        indexes.lazySet(HEAD, index + 1);
        return event;
    }

    int size() {
        long taken = indexes.get(HEAD);
        return (int) Math.min(capacity, Math.max(0, indexes.get(TAIL) - taken));
    }

    int capacity() {
        return capacity;
    }

    /** Every event ever inserted. */
    long accepted() {
        return indexes.get(TAIL);
    }

    private int slot(long index) {
        return (int) (index % capacity);
    }
}
