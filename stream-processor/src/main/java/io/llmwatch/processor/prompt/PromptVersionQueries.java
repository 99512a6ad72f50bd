package io.llmwatch.processor.prompt;

import io.llmwatch.processor.topology.WindowSpec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the prompt version statistics, and the versions' quality per window, this instance holds. */
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
        return versions(versionStore(partition), name);
    }

    /**
     * Each version's quality in the windows of the given size whose start lies in [from, to], from the
     * partition the prompt's name belongs to; empty when the prompt was never used.
     */
    public Optional<PromptQuality> quality(String name, WindowSpec window, Instant from, Instant to, int partition) {
        return quality(versionStore(partition), streams.store(StoreQueryParameters
                .fromNameAndType(PromptVersionAnalytics.qualityStore(window), QueryableStoreTypes.<String, QualityTally>windowStore())
                .withPartition(partition)), name, window, from, to);
    }

    static Optional<PromptQuality> quality(ReadOnlyKeyValueStore<String, PromptVersionStats> versions,
                                           ReadOnlyWindowStore<String, QualityTally> tallies,
                                           String name, WindowSpec window, Instant from, Instant to) {
        List<PromptVersionRow> known = versions(versions, name);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        List<PromptQuality.Version> rows = known.stream()
                .map(version -> versionQuality(tallies, name, version.version(), window, from, to)).toList();
        return Optional.of(new PromptQuality(name, window.label(), from.toString(), to.toString(), rows));
    }

    private static PromptQuality.Version versionQuality(ReadOnlyWindowStore<String, QualityTally> tallies, String name,
                                                        String version, WindowSpec window, Instant from, Instant to) {
        List<PromptQuality.Window> windows = new ArrayList<>();
        QualityTally range = QualityTally.EMPTY;
        try (WindowStoreIterator<QualityTally> found = tallies.fetch(PromptVersionAnalytics.key(name, version), from, to)) {
            while (found.hasNext()) {
                KeyValue<Long, QualityTally> entry = found.next();
                Instant start = Instant.ofEpochMilli(entry.key);
                windows.add(new PromptQuality.Window(start.toString(), start.plus(window.size()).toString(),
                        entry.value.scores(), entry.value.averageQuality()));
                range = range.plus(entry.value);
            }
        }
        return new PromptQuality.Version(version, range.scores(), range.averageQuality(), windows);
    }

    private ReadOnlyKeyValueStore<String, PromptVersionStats> versionStore(int partition) {
        return streams.store(StoreQueryParameters
                .fromNameAndType(PromptVersionAnalytics.STORE, QueryableStoreTypes.<String, PromptVersionStats>keyValueStore())
                .withPartition(partition));
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
