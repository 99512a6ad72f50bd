package io.llmwatch.processor.trace;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

import java.util.Map;

/**
 * Tunes the RocksDB segments of the {@value TraceStores#TRACES} store for lookups that miss, and leaves every other
 * store as Kafka Streams configures it.
 *
 * <p>Most spans start a trace (a single LLM call is a trace of one span), so most lookups of a trace find nothing.
 * Kafka Streams tunes every store for lookups that hit: it builds no bloom filter for the bottom level of the tree
 * ({@code optimize_filters_for_hits}), and a memtable has none at all. So each miss searched every memtable's skip
 * list and read data blocks of the bottom level: about a sixth of the stream threads' time in {@code ./llmwatch
 * bench detection}. Bloom filters on every level and in the memtables answer a miss from memory.
 *
 * <p>Set as {@code rocksdb.config.setter} by {@link io.llmwatch.processor.StreamsConfiguration}; an operator who
 * configures a setter of their own replaces this one.
 */
public final class TraceStoreRocksDbOptions implements RocksDBConfigSetter {

    /** Memtable bloom filter size as a fraction of the write buffer: dozens of bits per trace, so few false positives. */
    static final double MEMTABLE_BLOOM_SIZE_RATIO = 0.02;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (!isTraceSegment(storeName)) {
            return;
        }
        options.setOptimizeFiltersForHits(false);
        options.setMemtableWholeKeyFiltering(true);
        options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_SIZE_RATIO);
    }

    @Override
    public void close(String storeName, Options options) {
        // Nothing was allocated: the options above are plain values.
    }

    /** A window store's RocksDB instances are its segments, named {@code store.segmentStartMillis}. */
    static boolean isTraceSegment(String storeName) {
        return storeName.startsWith(TraceStores.TRACES + ".");
    }
}
