package io.llmwatch.schemas.serde;

import io.llmwatch.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Collection;
import java.util.HexFormat;

/**
 * Publishes writer schemas to the compacted {@code llmwatch.schemas.v1} topic, keyed by fingerprint,
 * so every consumer can decode what this process writes even if its own jar is older.
 */
public final class SchemaPublisher {

    private SchemaPublisher() {
    }

    public static String key(long fingerprint) {
        return HexFormat.of().toHexDigits(fingerprint);
    }

    /** Sends one record per schema; the caller owns the producer and decides when to flush. */
    public static void publish(Producer<String, String> producer, Collection<Schema> schemas) {
        for (Schema schema : schemas) {
            producer.send(new ProducerRecord<>(Topics.SCHEMAS.name(),
                    key(SchemaCatalog.fingerprint(schema)), schema.toString()));
        }
    }
}
