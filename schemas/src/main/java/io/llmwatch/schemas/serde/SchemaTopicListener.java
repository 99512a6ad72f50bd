package io.llmwatch.schemas.serde;

import io.llmwatch.schemas.topic.TopicFollower;
import io.llmwatch.schemas.topic.TopicFollower.StartAt;
import io.llmwatch.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Feeds a {@link SchemaCatalog} from the compacted schema topic: it reads the topic from the start
 * and keeps following it, so schemas published later by newer producers become decodable here.
 */
public final class SchemaTopicListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaTopicListener.class);

    private final TopicFollower<String, String> follower;

    private SchemaTopicListener(TopicFollower<String, String> follower) {
        this.follower = follower;
    }

    /**
     * Starts following the schema topic.
     *
     * @param clientConfig bootstrap servers plus any security settings
     */
    public static SchemaTopicListener start(Map<String, Object> clientConfig, SchemaCatalog catalog) {
        return new SchemaTopicListener(TopicFollower.start(clientConfig, Topics.SCHEMAS.name(), StartAt.BEGINNING,
                new StringDeserializer(), new StringDeserializer(), record -> register(catalog, record)));
    }

    private static void register(SchemaCatalog catalog, ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            long fingerprint = catalog.register(new Schema.Parser().parse(record.value()));
            if (!SchemaPublisher.key(fingerprint).equals(record.key())) {
                LOG.warn("Schema at offset {} is keyed {} but its fingerprint is {}", record.offset(), record.key(),
                        SchemaPublisher.key(fingerprint));
            }
        } catch (SchemaParseException e) {
            LOG.warn("Ignoring unparseable schema at offset {} of {}: {}", record.offset(), record.topic(), e.getMessage());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
