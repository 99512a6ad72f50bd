package io.llmwatch.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;
import java.util.Objects;

/**
 * A Kafka topic with its types: its name, the serdes of its key and value, and how it is kept
 * (compacted or deleted after a retention). Code never spells a topic name or picks a serde itself.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        configs = Map.copyOf(configs);
    }

    public boolean compacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }

    @Override
    public String toString() {
        return name;
    }
}
