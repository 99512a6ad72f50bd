package io.llmwatch.processor.state;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link WriteBehindKeyValueStore} over any key-value store builder. The store beneath keeps
 * its changelog and loses Kafka Streams' record cache, which the write-behind layer replaces.
 */
public final class WriteBehindStores {

    /**
     * Recently used values kept in memory per store and task, besides the changes pending a commit. Enough for the hot
     * keys (global, features, models, prompts); a detector state can weigh kilobytes, so not for every user.
     */
    public static final int DEFAULT_CACHED_ENTRIES = 1_000;

    private WriteBehindStores() {
    }

    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(StoreBuilder<KeyValueStore<K, V>> beneath) {
        return keyValueStoreBuilder(beneath, DEFAULT_CACHED_ENTRIES);
    }

    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(StoreBuilder<KeyValueStore<K, V>> beneath,
                                                                               int cachedEntries) {
        return new Builder<>(beneath.withCachingDisabled(), cachedEntries);
    }

    private record Builder<K, V>(StoreBuilder<KeyValueStore<K, V>> beneath, int cachedEntries)
            implements StoreBuilder<KeyValueStore<K, V>> {

        Builder {
            Objects.requireNonNull(beneath, "beneath");
        }

        /** The write-behind layer is this store's cache; Kafka Streams' own would only add a second copy. */
        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(beneath.withLoggingEnabled(config), cachedEntries);
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            return new Builder<>(beneath.withLoggingDisabled(), cachedEntries);
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new WriteBehindKeyValueStore<>(beneath.build(), cachedEntries);
        }

        @Override
        public Map<String, String> logConfig() {
            return beneath.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return beneath.loggingEnabled();
        }

        @Override
        public String name() {
            return beneath.name();
        }
    }
}
