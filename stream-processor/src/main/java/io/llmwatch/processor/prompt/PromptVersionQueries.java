package io.llmwatch.processor.prompt;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;

/** Reads the prompt version statistics this instance holds. */
public final class PromptVersionQueries {

    private final KafkaStreams streams;

    public PromptVersionQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The prompt's versions, from the store of the partition its name belongs to; an empty list when
     * the prompt was never used.
     */
    public List<PromptVersionRow> versions(String name, int partition) {
        return versions(streams.store(StoreQueryParameters
                .fromNameAndType(PromptVersionAnalytics.STORE, QueryableStoreTypes.<String, PromptVersionStats>keyValueStore())
                .withPartition(partition)), name);
    }

    /** Version keys of a prompt whose name contains the separator can share the prefix: names are compared exactly. */
    static List<PromptVersionRow> versions(ReadOnlyKeyValueStore<String, PromptVersionStats> store, String name) {
        List<PromptVersionRow> rows = new ArrayList<>();
        try (KeyValueIterator<String, PromptVersionStats> versions =
                     store.prefixScan(PromptVersionAnalytics.keyPrefix(name), Serdes.String().serializer())) {
            versions.forEachRemaining(entry -> {
                if (entry.value.name().equals(name)) {
                    rows.add(PromptVersionRow.of(entry.value));
                }
            });
        }
        rows.sort(PromptVersionRow.BY_VERSION);
        return rows;
    }
}
