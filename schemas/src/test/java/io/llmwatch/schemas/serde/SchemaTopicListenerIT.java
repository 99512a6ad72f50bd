package io.llmwatch.schemas.serde;

import io.llmwatch.kafka.embedded.EmbeddedKafkaBroker;
import io.llmwatch.kafka.embedded.EmbeddedKafkaExtension;
import io.llmwatch.schemas.topic.TopicProvisioner;
import io.llmwatch.schemas.topic.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
class SchemaTopicListenerIT {

    @Test
    void learnsSchemasPublishedToTheSchemaTopic(EmbeddedKafkaBroker kafka) {
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            new TopicProvisioner(admin).ensure(Topics.ALL, 1, (short) 1);
        }
        Schema newer = AvroSerdeTest.newerFeedbackSchema();
        long fingerprint = SchemaCatalog.fingerprint(newer);
        SchemaCatalog catalog = SchemaCatalog.withBundledSchemas();
        assertThat(catalog.findByFingerprint(fingerprint)).isNull();

        try (var producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            SchemaPublisher.publish(producer, List.of(newer));
        }
        try (SchemaTopicListener listener = SchemaTopicListener.start(client, catalog)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> catalog.findByFingerprint(fingerprint) != null);
        }

        assertThat(catalog.findByFingerprint(fingerprint)).isEqualTo(newer);
    }
}
