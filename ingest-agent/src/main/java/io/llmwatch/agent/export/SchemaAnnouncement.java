package io.llmwatch.agent.export;

import io.llmwatch.schemas.serde.SchemaCatalog;
import io.llmwatch.schemas.serde.SchemaPublisher;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.Topics;
import org.apache.avro.Schema;

/**
 * A writer schema of this agent, keyed by fingerprint on the compacted schema topic (the layout
 * {@link SchemaPublisher} defines), so a processor with an older jar can still decode our events.
 * It travels through the worker's one producer instead of a second producer only for schemas.
 */
record SchemaAnnouncement(Schema schema) implements OutboundRecord<String> {

    @Override
    public Topic<String, String> topic() {
        return Topics.SCHEMAS;
    }

    @Override
    public String key() {
        return SchemaPublisher.key(SchemaCatalog.fingerprint(schema));
    }

    @Override
    public String value() {
        return schema.toString();
    }
}
