package io.llmwatch.processor.state;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBehindWindowStoreTest {

    private static final long T1 = 1_000;
    private static final long T2 = 2_000;

    private WindowStore<String, String> beneath;
    private WindowStore<String, String> store;

    @BeforeEach
    void open() {
        beneath = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("traces", Duration.ofHours(1), Duration.ofMillis(1), false),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store = new WriteBehindWindowStore<>(beneath);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theWriterSeesItsChangesWhichReachTheStoreBeneathOnlyAtTheCommit() {
        store.put("a", "1", T1);
        store.put("a", "2", T1);

        assertThat(store.fetch("a", T1)).isEqualTo("2");
        assertThat(store.fetch("a", T2)).isNull();
        assertThat(beneath.fetch("a", T1)).isNull();

        commit();

        assertThat(beneath.fetch("a", T1)).isEqualTo("2");
        assertThat(store.fetch("a", T1)).isEqualTo("2");
    }

    @Test
    void anotherThreadReadsTheStateAsOfTheLastCommit() {
        store.put("a", "1", T1);
        commit();
        store.put("a", "2", T1);

        assertThat(readOnAnotherThread("a", T1)).isEqualTo("1");
        commit();
        assertThat(readOnAnotherThread("a", T1)).isEqualTo("2");
    }

    @Test
    void deletesWaitForTheCommitToo() {
        store.put("a", "1", T1);
        commit();

        store.put("a", null, T1);
        assertThat(store.fetch("a", T1)).isNull();
        assertThat(beneath.fetch("a", T1)).isEqualTo("1");

        commit();
        assertThat(beneath.fetch("a", T1)).isNull();
    }

    @Test
    void anEntryWrittenAndDeletedBetweenCommitsNeverReachesTheStoreBeneath() {
        store.put("a", "1", T1);
        store.put("a", null, T1);
        commit();

        assertThat(entries(beneath.all())).isEmpty();
    }

    @Test
    void rangesOfTheWriterIncludeItsPendingChanges() {
        store.put("a", "1", T1);
        store.put("b", "2", T1);
        store.put("a", "3", T2);

        assertThat(entries(store.fetch("a", "b", T1, T2)))
                .containsExactlyInAnyOrder(entry("a", T1, "1"), entry("a", T2, "3"), entry("b", T1, "2"));
        assertThat(values(store.backwardFetch("a", T1, T2))).containsExactly("3", "1");
        assertThat(entries(store.fetchAll(T2, T2))).containsExactly(entry("a", T2, "3"));
    }

    @Test
    void clearingTheCacheDropsUncommittedChanges() {
        store.put("a", "1", T1);
        commit();
        store.put("a", "2", T1);

        ((CachedStateStore<?, ?>) store).clearCache();
        commit();

        assertThat(store.fetch("a", T1)).isEqualTo("1");
        assertThat(beneath.fetch("a", T1)).isEqualTo("1");
    }

    private void commit() {
        ((CachedStateStore<?, ?>) store).flushCache();
    }

    private String readOnAnotherThread(String key, long time) {
        return CompletableFuture.supplyAsync(() -> store.fetch(key, time)).join();
    }

    private static KeyValue<String, String> entry(String key, long time, String value) {
        return KeyValue.pair(key + "@" + time, value);
    }

    private static List<KeyValue<String, String>> entries(KeyValueIterator<Windowed<String>, String> iterator) {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(entry(entry.key.key(), entry.key.window().start(), entry.value)));
        }
        return entries;
    }

    private static List<String> values(KeyValueIterator<Long, String> iterator) {
        List<String> values = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }
}
