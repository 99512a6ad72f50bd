package io.llmwatch.processor.state;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBehindKeyValueStoreTest {

    private KeyValueStore<String, String> beneath;
    private KeyValueStore<String, String> store;

    @BeforeEach
    void open() {
        beneath = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("partials"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        store = new WriteBehindKeyValueStore<>(beneath, 2);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theWriterSeesItsChangesWhichReachTheStoreBeneathOnlyAtTheCommit() {
        store.put("a", "1");
        store.put("a", "2");

        assertThat(store.get("a")).isEqualTo("2");
        assertThat(beneath.get("a")).isNull();

        commit();

        assertThat(beneath.get("a")).isEqualTo("2");
        assertThat(store.get("a")).isEqualTo("2");
    }

    @Test
    void anotherThreadReadsTheStateAsOfTheLastCommit() {
        store.put("a", "1");
        commit();
        store.put("a", "2");

        assertThat(readOnAnotherThread("a")).isEqualTo("1");
        commit();
        assertThat(readOnAnotherThread("a")).isEqualTo("2");
    }

    @Test
    void deletesWaitForTheCommitToo() {
        store.put("a", "1");
        commit();

        assertThat(store.delete("a")).isEqualTo("1");
        assertThat(store.get("a")).isNull();
        assertThat(beneath.get("a")).isEqualTo("1");

        commit();
        assertThat(beneath.get("a")).isNull();
    }

    @Test
    void aKeyWrittenAndDeletedBetweenCommitsNeverReachesTheStoreBeneath() {
        store.put("a", "1");
        store.delete("a");
        commit();

        assertThat(beneath.approximateNumEntries()).isZero();
        assertThat(store.get("a")).isNull();
    }

    @Test
    void putIfAbsentSeesPendingChanges() {
        assertThat(store.putIfAbsent("a", "1")).isNull();
        assertThat(store.putIfAbsent("a", "2")).isEqualTo("1");
        assertThat(store.get("a")).isEqualTo("1");
    }

    @Test
    void rangesOfTheWriterIncludeItsPendingChanges() {
        store.putAll(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("c", "3")));
        store.delete("b");

        assertThat(entries(store.range("a", "c"))).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("c", "3"));
        assertThat(entries(store.all())).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("c", "3"));
        assertThat(entries(store.reverseAll())).containsExactly(KeyValue.pair("c", "3"), KeyValue.pair("a", "1"));
    }

    @Test
    void clearingTheCacheDropsUncommittedChanges() {
        store.put("a", "1");
        commit();
        store.put("a", "2");

        ((CachedStateStore<?, ?>) store).clearCache();
        commit();

        assertThat(store.get("a")).isEqualTo("1");
        assertThat(beneath.get("a")).isEqualTo("1");
    }

    @Test
    void valuesReadBackAfterACommitComeFromTheStoreBeneathOnceEvictedFromMemory() {
        store.putAll(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("c", "3")));
        commit();

        assertThat(List.of(store.get("a"), store.get("b"), store.get("c"))).containsExactly("1", "2", "3");
    }

    private void commit() {
        ((CachedStateStore<?, ?>) store).flushCache();
    }

    private String readOnAnotherThread(String key) {
        return CompletableFuture.supplyAsync(() -> store.get(key)).join();
    }

    private static List<KeyValue<String, String>> entries(KeyValueIterator<String, String> iterator) {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }
}
