package io.llmwatch.launcher.bench;

/**
 * Span ids seen, as an open-addressing table of primitive longs. A benchmark that counts tens of millions of
 * spans must not keep a boxed {@code Long} and a map node for each: that live set is what the garbage
 * collector would then spend its time marking, concurrently with the rounds being measured.
 */
final class SpanIdSet {

    private static final int INITIAL_CAPACITY = 1 << 16;
    /** Zero marks an empty slot, so the id zero (invalid in W3C Trace Context, but possible) is kept apart. */
    private static final long EMPTY = 0;

    private long[] slots = new long[INITIAL_CAPACITY];
    private int size;
    private boolean containsZero;

    /** Adds {@code id}; true if it was not there yet. */
    boolean add(long id) {
        if (id == EMPTY) {
            boolean added = !containsZero;
            containsZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, id)) {
            return false;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long id) {
        int mask = table.length - 1;
        for (int slot = spread(id) & mask; ; slot = (slot + 1) & mask) {
            if (table[slot] == id) {
                return false;
            }
            if (table[slot] == EMPTY) {
                table[slot] = id;
                return true;
            }
        }
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long id : slots) {
            if (id != EMPTY) {
                insert(larger, id);
            }
        }
        slots = larger;
    }

    /** Random ids are spread already; the multiply only guards against ids that differ in their high bits alone. */
    private static int spread(long id) {
        long mixed = id * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32);
    }
}
