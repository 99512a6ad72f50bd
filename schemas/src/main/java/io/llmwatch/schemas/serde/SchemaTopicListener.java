package io.llmwatch.schemas.serde;

import io.llmwatch.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a {@link SchemaCatalog} from the compacted schema topic: it reads the topic from the start
 * (no consumer group, every instance needs every schema) and keeps following it on a daemon thread.
 */
public final class SchemaTopicListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaTopicListener.class);

    private final KafkaConsumer<String, String> consumer;
    private final SchemaCatalog catalog;
    private final Thread thread;
    private volatile boolean running = true;

    private SchemaTopicListener(Map<String, Object> clientConfig, SchemaCatalog catalog) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.catalog = catalog;
        this.thread = new Thread(this::run, "llmwatch-schema-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the schema topic.
     *
     * @param clientConfig bootstrap servers plus any security settings
     */
    public static SchemaTopicListener start(Map<String, Object> clientConfig, SchemaCatalog catalog) {
        SchemaTopicListener listener = new SchemaTopicListener(clientConfig, catalog);
        listener.thread.start();
        return listener;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCHEMAS.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.warn("Schema topic listener stopped; schemas published from now on will not be known here", e);
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void accept(ConsumerRecord<String, String> record) {
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
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
