package io.llmwatch.processor.state;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link WriteBehindKeyValueStore} or {@link WriteBehindWindowStore} over any key-value or window store
 * builder. The store beneath keeps its changelog and loses Kafka Streams' record cache, which the write-behind
 * layer replaces.
 */
public final class WriteBehindStores {

    /**
     * Recently used values kept in memory per store and task, besides the changes pending a commit. Enough for the hot
     * keys (global, features, models, prompts, the busiest users); a detector state can weigh kilobytes, so not for
     * every user.
     */
    public static final int DEFAULT_CACHED_ENTRIES = 256;

    private WriteBehindStores() {
    }

    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(StoreBuilder<KeyValueStore<K, V>> beneath) {
        return keyValueStoreBuilder(beneath, DEFAULT_CACHED_ENTRIES);
    }

    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(StoreBuilder<KeyValueStore<K, V>> beneath,
                                                                               int cachedEntries) {
        return new Builder<>(beneath.withCachingDisabled(), store -> new WriteBehindKeyValueStore<>(store, cachedEntries));
    }

    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(StoreBuilder<WindowStore<K, V>> beneath) {
        return new Builder<>(beneath.withCachingDisabled(), WriteBehindWindowStore::new);
    }

    /** @param wrap puts the write-behind layer over the store {@code beneath} builds */
    private record Builder<S extends StateStore>(StoreBuilder<S> beneath, UnaryOperator<S> wrap) implements StoreBuilder<S> {

        Builder {
            Objects.requireNonNull(beneath, "beneath");
            Objects.requireNonNull(wrap, "wrap");
        }

        /** The write-behind layer is this store's cache; Kafka Streams' own would only add a second copy. */
        @Override
        public StoreBuilder<S> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<S> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(beneath.withLoggingEnabled(config), wrap);
        }

        @Override
        public StoreBuilder<S> withLoggingDisabled() {
            return new Builder<>(beneath.withLoggingDisabled(), wrap);
        }

        @Override
        public S build() {
            return wrap.apply(beneath.build());
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
