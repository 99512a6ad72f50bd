package io.llmwatch.agent.export;

import io.llmwatch.schemas.topic.Topic;

/**
 * One event waiting in the export queue. It is immutable and cheap to create on the caller's thread;
 * {@link #value()} builds the Avro record and runs on the export worker, which also serializes it, so
 * the caller never pays for encoding.
 *
 * @param <V> the topic's value type
 */
public interface OutboundRecord<V> {

    Topic<String, V> topic();

    String key();

    /** Builds the value to send; called on the export worker only. */
    V value();
}
