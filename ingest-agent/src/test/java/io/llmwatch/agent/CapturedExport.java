package io.llmwatch.agent;

import io.llmwatch.schemas.feedback.FeedbackEvent;
import io.llmwatch.schemas.span.SpanEvent;
import io.llmwatch.schemas.topic.Topic;
import io.llmwatch.schemas.topic.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;

/** A {@link MockProducer} under an {@link LlmWatch}: what the client would have sent to Kafka, decoded. */
final class CapturedExport {

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private volatile Map<String, Object> producerConfig;

    /** A builder whose client exports into this capture, without a shutdown hook. */
    LlmWatchBuilder builder() {
        return LlmWatch.builder()
                .bootstrapServers("kafka.invalid:9092")
                .shutdownHook(false)
                .producerFactory(config -> {
                    producerConfig = config;
                    return producer;
                });
    }

    Map<String, Object> producerConfig() {
        return producerConfig;
    }

    MockProducer<String, byte[]> producer() {
        return producer;
    }

    List<SpanEvent> spans() {
        return decoded(Topics.SPANS);
    }

    List<FeedbackEvent> feedback() {
        return decoded(Topics.FEEDBACK);
    }

    private <V> List<V> decoded(Topic<String, V> topic) {
        return producer.history().stream()
                .filter(record -> record.topic().equals(topic.name()))
                .map(record -> topic.valueSerde().deserializer().deserialize(topic.name(), record.value()))
                .toList();
    }
}
