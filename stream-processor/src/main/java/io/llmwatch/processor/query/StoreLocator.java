package io.llmwatch.processor.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where state lives in the cluster, from Kafka Streams' own metadata (each instance advertises its
 * query API as {@code application.server}). Only active copies are named: standbys may lag, and an
 * answer must not depend on which instance was asked.
 */
public final class StoreLocator {

    private static final Serializer<String> KEYS = Serdes.String().serializer();
    private static final Comparator<HostInfo> BY_ADDRESS = Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port);

    private final KafkaStreams streams;
    private final HostInfo self;

    public StoreLocator(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /**
     * The instance holding {@code key} of {@code store} and the partition it belongs to; empty while
     * that is unknown (before the first assignment, during a rebalance).
     *
     * @param key the key as its records were partitioned
     */
    public Optional<KeyQueryMetadata> ownerOf(String store, String key) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, KEYS);
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().port() < 0) {
            return Optional.empty();
        }
        return Optional.of(owner);
    }

    /** Every instance holding an active copy of some partition of {@code store}, in a stable order. */
    public List<HostInfo> hostsOf(String store) {
        return streams.metadataForAllStreamsClients().stream()
                .filter(instance -> instance.stateStoreNames().contains(store))
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .sorted(BY_ADDRESS)
                .toList();
    }

    public boolean isSelf(HostInfo host) {
        return self.equals(host);
    }
}
