package io.llmwatch.agent.spool;

import java.util.Objects;

/**
 * An event as Kafka will store it: topic, key and the already serialized value. It is what the export
 * worker hands to the producer and what the spool writes to disk, so a spooled event is replayed byte for
 * byte as it would have been sent.
 *
 * @param key null for an unkeyed event
 */
public record EncodedEvent(String topic, String key, byte[] value) {

    public EncodedEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }

    /** Roughly what the event occupies in the producer's buffer before compression; the unit of the in-flight budget. */
    public int sizeInBytes() {
        return value.length + (key == null ? 0 : key.length()) + topic.length();
    }
}
