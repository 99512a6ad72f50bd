package io.llmwatch.processor.trace;

import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TraceStoreRocksDbOptionsTest {

    static {
        RocksDB.loadLibrary();
    }

    private final TraceStoreRocksDbOptions setter = new TraceStoreRocksDbOptions();

    @Test
    void aTraceSegmentAnswersMissesFromBloomFilters() {
        try (Options options = asKafkaStreamsSetsThem()) {
            setter.setConfig(TraceStores.TRACES + ".1732665600000", options, Map.of());

            assertThat(options.optimizeFiltersForHits()).as("bloom filters on the bottom level too").isFalse();
            assertThat(options.memtableWholeKeyFiltering()).isTrue();
            assertThat(options.memtablePrefixBloomSizeRatio()).isEqualTo(TraceStoreRocksDbOptions.MEMTABLE_BLOOM_SIZE_RATIO);
        }
    }

    @Test
    void everyOtherStoreKeepsWhatKafkaStreamsChose() {
        for (String other : new String[] {TraceStores.TRACES_BY_USER + ".1732665600000", "cost-1m.1732665600000",
                "detection-timing", "traces"}) {
            try (Options options = asKafkaStreamsSetsThem()) {
                setter.setConfig(other, options, Map.of());

                assertThat(options.optimizeFiltersForHits()).as(other).isTrue();
                assertThat(options.memtableWholeKeyFiltering()).as(other).isFalse();
                assertThat(options.memtablePrefixBloomSizeRatio()).as(other).isZero();
            }
        }
    }

    /** Kafka Streams' RocksDBStore sets this before it calls the configured setter. */
    private static Options asKafkaStreamsSetsThem() {
        return new Options().setOptimizeFiltersForHits(true);
    }
}
